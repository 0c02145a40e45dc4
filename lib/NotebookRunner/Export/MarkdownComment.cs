using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Export;

/// <summary>
/// A markdown cell as <c>//</c> comment lines: headings, tables, fenced code and display math kept line for line,
/// paragraphs and list items wrapped at <see cref="Width"/> columns (a list item's continuation lines indented under
/// its text), blank lines kept.
/// </summary>
public static partial class MarkdownComment
{
    /// <summary>The widest comment line (including <c>// </c>) a wrapped line reaches, unless one word is longer.</summary>
    public const int Width = 100;

    /// <summary>The comment lines for a markdown text.</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <returns>The text, one <c>//</c> line per line, ending with a newline.</returns>
    public static string From(string markdown)
    {
        ArgumentNullException.ThrowIfNull(markdown);
        var text = new StringBuilder();
        string? closer = null; // inside a fenced block (``` or ~~~) or a $$ math block: the line that ends it
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            if (closer is not null)
            {
                if (closer == "$$" ? trimmed.EndsWith("$$", StringComparison.Ordinal) : trimmed.StartsWith(closer, StringComparison.Ordinal))
                {
                    closer = null;
                }
            }
            else if (trimmed.StartsWith("```", StringComparison.Ordinal) || trimmed.StartsWith("~~~", StringComparison.Ordinal))
            {
                closer = trimmed[..3];
            }
            else if (trimmed.StartsWith("$$", StringComparison.Ordinal) && (trimmed.Length < 4 || !trimmed.EndsWith("$$", StringComparison.Ordinal)))
            {
                closer = "$$";
            }
            else if (trimmed.Length > 0 && !trimmed.StartsWith('#') && !trimmed.StartsWith('|') && !trimmed.StartsWith("$$", StringComparison.Ordinal))
            {
                Wrap(line, text);
                continue;
            }
            text.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
        }
        return text.ToString();
    }

    private static void Wrap(string line, StringBuilder text)
    {
        var marker = ListMarker().Match(line);
        var indent = new string(' ', marker.Success ? marker.Length : line.Length - line.TrimStart().Length);
        var current = new StringBuilder("// ").Append(marker.Success ? marker.Value : indent);
        var start = current.Length;
        foreach (var word in line[(marker.Success ? marker.Length : indent.Length)..].Split(' ', StringSplitOptions.RemoveEmptyEntries))
        {
            if (current.Length > start && current.Length + 1 + word.Length > Width)
            {
                text.Append(current).Append('\n');
                current.Clear().Append("// ").Append(indent);
                start = current.Length;
            }
            if (current.Length > start)
            {
                current.Append(' ');
            }
            current.Append(word);
        }
        text.Append(current).Append('\n');
    }

    [GeneratedRegex(@"^\s*(?:[-*+]|\d+[.)])\s+")]
    private static partial Regex ListMarker();
}
