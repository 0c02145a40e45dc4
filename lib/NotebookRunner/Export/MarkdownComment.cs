using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Export;

/// <summary>
/// A markdown cell as <c>//</c> comment lines: headings, tables, quotes, HTML, fenced code and display math kept line
/// for line; the lines of a paragraph or a list item joined (as markdown joins them) and wrapped at <see cref="Width"/>
/// columns, a list item's continuation lines indented under its text; blank lines and hard line breaks kept.
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
        var paragraph = new StringBuilder();
        string? closer = null; // inside a fenced block (``` or ~~~) or a $$ math block: the line that ends it
        foreach (var raw in markdown.Replace("\r\n", "\n", StringComparison.Ordinal).TrimEnd('\n').Split('\n'))
        {
            var line = raw.TrimEnd();
            var trimmed = line.Trim();
            var verbatim = true;
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
            else
            {
                verbatim = trimmed.Length == 0 || trimmed[0] is '#' or '|' or '>' or '<' || trimmed.StartsWith("$$", StringComparison.Ordinal);
            }
            if (verbatim)
            {
                Flush(paragraph, text);
                text.Append(line.Length == 0 ? "//" : "// " + line).Append('\n');
                continue;
            }
            if (ListMarker().IsMatch(line))
            {
                Flush(paragraph, text);
            }
            paragraph.Append(paragraph.Length == 0 ? line : " " + trimmed);
            if (raw.EndsWith("  ", StringComparison.Ordinal) || line.EndsWith('\\'))
            {
                Flush(paragraph, text); // a hard line break
            }
        }
        Flush(paragraph, text);
        return text.ToString();
    }

    private static void Flush(StringBuilder paragraph, StringBuilder text)
    {
        if (paragraph.Length > 0)
        {
            Wrap(paragraph.ToString(), text);
            paragraph.Clear();
        }
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
