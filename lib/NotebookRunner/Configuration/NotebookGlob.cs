using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Configuration;

/// <summary>
/// Which files are the notebooks: a folder relative to the repository root and a file-name pattern in it, written as
/// one glob such as <c>notebooks/[0-9][0-9]-*.ipynb</c>. The pattern knows <c>*</c> (any run of characters),
/// <c>?</c> (one character) and <c>[...]</c> (one character of a set or range, <c>[!...]</c> for its complement);
/// the folder part is literal, so the notebooks are always the files of one folder (dotnet-repl runs there, as VS Code
/// uses the notebook's folder, so relative <c>#r</c> paths resolve the same).
/// </summary>
public sealed class NotebookGlob
{
    private readonly Regex fileName;

    private NotebookGlob(string text, string folder, Regex fileName)
    {
        Text = text;
        Folder = folder;
        this.fileName = fileName;
    }

    /// <summary>The glob as written.</summary>
    public string Text { get; }

    /// <summary>The notebooks' folder, relative to the repository root (<c>.</c> for the root itself).</summary>
    public string Folder { get; }

    /// <summary>Parses a glob.</summary>
    /// <param name="glob">E.g. <c>notebooks/[0-9][0-9]-*.ipynb</c> (<c>/</c> or <c>\</c> between folders).</param>
    /// <returns>The parsed glob.</returns>
    /// <exception cref="FormatException">Empty, rooted, a wildcard in the folder part, an unclosed <c>[</c>, or a pattern
    /// that cannot match a notebook (it must end with <c>.ipynb</c>).</exception>
    public static NotebookGlob Parse(string glob)
    {
        ArgumentNullException.ThrowIfNull(glob);
        var text = glob.Replace('\\', '/').Trim();
        if (text.Length == 0 || Path.IsPathRooted(text) || text.StartsWith('/'))
        {
            throw new FormatException($"'{glob}' must be a path relative to the repository root, such as notebooks/*.ipynb");
        }
        var slash = text.LastIndexOf('/');
        var folder = slash < 0 ? "." : text[..slash];
        var pattern = text[(slash + 1)..];
        if (folder.IndexOfAny(['*', '?', '[', ']']) >= 0)
        {
            throw new FormatException($"'{glob}' has a wildcard in its folder part '{folder}'; only the file name may have one");
        }
        if (!pattern.EndsWith(".ipynb", StringComparison.Ordinal))
        {
            throw new FormatException($"'{glob}' must end with .ipynb");
        }
        return new NotebookGlob(text, folder, new Regex(ToRegex(pattern, glob), RegexOptions.CultureInvariant));
    }

    /// <summary>Whether a file name (without folder) matches the pattern.</summary>
    /// <param name="name">The file name.</param>
    /// <returns>True when it is a notebook.</returns>
    public bool Matches(string name)
    {
        ArgumentNullException.ThrowIfNull(name);
        return fileName.IsMatch(name);
    }

    /// <summary>The glob as written.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => Text;

    private static string ToRegex(string pattern, string glob)
    {
        var regex = new StringBuilder("^");
        for (var i = 0; i < pattern.Length; i++)
        {
            var c = pattern[i];
            switch (c)
            {
                case '*': regex.Append(".*"); break;
                case '?': regex.Append('.'); break;
                case '[':
                    var close = pattern.IndexOf(']', i + 2);
                    if (close < 0)
                    {
                        throw new FormatException($"'{glob}' has a '[' without its ']'");
                    }
                    var set = pattern[(i + 1)..close];
                    regex.Append('[')
                        .Append(set.StartsWith('!') ? "^" + Escape(set[1..]) : Escape(set))
                        .Append(']');
                    i = close;
                    break;
                default: regex.Append(Regex.Escape(c.ToString())); break;
            }
        }
        return regex.Append('$').ToString();

        // Inside a set only '-' keeps its meaning (a range); anything regex gives a meaning to is escaped.
        static string Escape(string set) => Regex.Replace(set, @"[\\\^\[\]]", @"\$0");
    }
}
