using System.Text;
using System.Text.RegularExpressions;

namespace NotebookSite;

/// <summary>
/// Marks Chinese text for the browser: every run of CJK characters in a page's text gets <c>lang="zh-CN"</c>, so the
/// browser picks a Simplified Chinese font and screen readers a Chinese voice, whether or not the notebook's Markdown
/// already wrapped it (a run inside <c>&lt;span lang="zh-CN"&gt;</c> is wrapped again, harmlessly). Text inside
/// <c>title</c>, <c>script</c>, <c>style</c>, <c>textarea</c> and MathML is left as it is (no element may go there),
/// and so are tags and their attributes.
/// </summary>
public static partial class CjkLanguage
{
    /// <summary>The language given to Chinese runs.</summary>
    public const string Lang = "zh-CN";

    /// <summary>Wraps every CJK run of an HTML document's text in a <c>span lang="zh-CN"</c>.</summary>
    /// <param name="html">The document.</param>
    /// <returns>The document with its Chinese runs marked.</returns>
    public static string Mark(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        if (!CjkRun().IsMatch(html))
        {
            return html;
        }
        var result = new StringBuilder(html.Length + 1024);
        var at = 0;
        foreach (Match token in Token().Matches(html))
        {
            if (token.Index < at)
            {
                continue; // inside an element skipped below
            }
            result.Append(CjkRun().Replace(html[at..token.Index], run => $"<span lang=\"{Lang}\">{run.Value}</span>"));
            var end = token.Index + token.Length;
            if (token.Groups["raw"].Success)
            {
                // Copy the element whole, up to its end tag.
                var close = html.IndexOf("</" + token.Groups["raw"].Value, end, StringComparison.OrdinalIgnoreCase);
                end = close < 0 ? html.Length : close;
            }
            result.Append(html, token.Index, end - token.Index);
            at = end;
        }
        result.Append(CjkRun().Replace(html[at..], run => $"<span lang=\"{Lang}\">{run.Value}</span>"));
        return result.ToString();
    }

    /// <summary>Whether a character is one of a Chinese run's: an ideograph, CJK punctuation or a full-width form
    /// (the characters <see cref="CjkRun"/> takes).</summary>
    /// <param name="c">A character.</param>
    /// <returns>True for a Chinese character.</returns>
    public static bool IsChinese(char c) =>
        c is >= '\u3000' and <= '\u303F' or >= '\u3400' and <= '\u4DBF' or >= '\u4E00' and <= '\u9FFF' or >= '\uF900' and <= '\uFAFF' or >= '\uFF00' and <= '\uFFEF';

    /// <summary>A CJK ideograph, followed by more ideographs, CJK punctuation and full-width forms.</summary>
    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF][\u3000-\u303F\u3400-\u4DBF\u4E00-\u9FFF\uF900-\uFAFF\uFF00-\uFFEF]*")]
    private static partial Regex CjkRun();

    /// <summary>A comment, a tag (elements whose content is not markup are named in the group <c>raw</c>).</summary>
    [GeneratedRegex(@"<!--.*?-->|<(?<raw>title|script|style|textarea|math)\b[^>]*>|</?[A-Za-z][^>]*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex Token();
}
