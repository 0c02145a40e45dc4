using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Translation;

/// <summary>What the drift check and the link retargeting read in a markdown cell: formulas, numbers, headings, links.</summary>
public static partial class MarkdownText
{
    /// <summary>
    /// The math spans (<c>$$…$$</c> and <c>$…$</c>), in order, outside code (fenced blocks and <c>`code spans`</c>,
    /// where a <c>$</c> is C#'s interpolation, not math).
    /// </summary>
    /// <param name="markdown">The cell's source.</param>
    /// <returns>The spans, delimiters included.</returns>
    public static IReadOnlyList<string> Formulas(string markdown) =>
        Math().Matches(WithoutCode(markdown)).Select(m => m.Value).ToArray();

    /// <summary>The runs of ASCII digits, in order (a translation must keep every number).</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <returns>The digit runs.</returns>
    public static IReadOnlyList<string> Numbers(string markdown) =>
        Digits().Matches(markdown).Select(m => m.Value).ToArray();

    /// <summary>The ATX headings (<c>## Title</c>) outside fenced code, as their plain text, in order.</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <returns>The headings' text.</returns>
    public static IReadOnlyList<string> Headings(string markdown) =>
        WithoutFences(markdown).Split('\n').Select(l => Heading().Match(l)).Where(m => m.Success)
            .Select(m => m.Groups["text"].Value.Trim()).ToArray();

    /// <summary>
    /// The anchor the web edition (Markdig's GitHub-style identifiers) gives a heading: inline markup dropped, letters
    /// (any script), digits, <c>-</c> and <c>_</c> kept in lower case, spaces turned into <c>-</c>, the rest dropped.
    /// </summary>
    /// <param name="heading">The heading's text.</param>
    /// <returns>The anchor, without <c>#</c>.</returns>
    public static string Slug(string heading)
    {
        var text = LinkMarkup().Replace(heading, "${text}").Replace("`", "", StringComparison.Ordinal).Replace("*", "", StringComparison.Ordinal);
        var slug = new StringBuilder(text.Length);
        foreach (var c in text.Trim())
        {
            if (char.IsLetterOrDigit(c) || c is '-' or '_')
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (c == ' ')
            {
                slug.Append('-');
            }
        }
        return slug.ToString();
    }

    /// <summary>Rewrites every link target (<c>](target)</c> and <c>href="target"</c>) through <paramref name="retarget"/>.</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <param name="retarget">Old target → new target.</param>
    /// <returns>The rewritten source.</returns>
    public static string RetargetLinks(string markdown, Func<string, string> retarget)
    {
        ArgumentNullException.ThrowIfNull(retarget);
        return LinkTarget().Replace(markdown, m =>
            m.Groups["open"].Value + retarget(m.Groups["target"].Value) + m.Groups["close"].Value);
    }

    /// <summary>The text with fenced blocks and code spans blanked out.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The text without code.</returns>
    public static string WithoutCode(string markdown) => CodeSpan().Replace(WithoutFences(markdown), " ");

    /// <summary>The text with code (as <see cref="WithoutCode"/>) and math spans blanked out.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>The text without code or math.</returns>
    public static string WithoutCodeOrMath(string markdown) => Math().Replace(WithoutCode(markdown), " ");

    /// <summary>Replaces each link (<c>[text](target)</c>) by what <paramref name="replace"/> makes of its text.</summary>
    /// <param name="markdown">The text.</param>
    /// <param name="replace">Link text → replacement.</param>
    /// <returns>The text.</returns>
    public static string ReplaceLinks(string markdown, Func<string, string> replace) =>
        LinkMarkup().Replace(markdown, m => replace(m.Groups["text"].Value));

    private static string WithoutFences(string markdown) => Fence().Replace(markdown, "\n");

    [GeneratedRegex(@"\$\$.+?\$\$|\$[^$\n]+?\$", RegexOptions.Singleline)]
    private static partial Regex Math();

    [GeneratedRegex("[0-9]+")]
    private static partial Regex Digits();

    [GeneratedRegex(@"^\s{0,3}#{1,6}\s+(?<text>.*?)\s*#*\s*$")]
    private static partial Regex Heading();

    [GeneratedRegex(@"\[(?<text>[^\]]*)\]\([^)]*\)")]
    private static partial Regex LinkMarkup();

    [GeneratedRegex(@"(?<open>\]\(\s*)(?<target>[^)\s]+)(?<close>(\s+""[^""]*"")?\s*\))|(?<open>href="")(?<target>[^""]+)(?<close>"")")]
    private static partial Regex LinkTarget();

    [GeneratedRegex(@"^\s*(```|~~~).*?^\s*\1[^\n]*$", RegexOptions.Singleline | RegexOptions.Multiline)]
    private static partial Regex Fence();

    [GeneratedRegex("`[^`\n]+`")]
    private static partial Regex CodeSpan();
}
