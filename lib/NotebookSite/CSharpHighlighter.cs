using System.Net;
using ColorCode;

namespace NotebookSite;

/// <summary>
/// Turns source code into a <c>pre</c> block; C# is highlighted by ColorCode (the classifier Visual Studio's
/// colours came from), which marks tokens with CSS classes (<c>keyword</c>, <c>string</c>, <c>comment</c>…)
/// styled by site.css for light and dark schemes.
/// </summary>
public sealed class CSharpHighlighter
{
    private readonly HtmlClassFormatter formatter = new();

    /// <summary>A scrollable, keyboard-focusable code block.</summary>
    /// <param name="code">The source.</param>
    /// <param name="language">A Markdown info string or kernel name: <c>csharp</c>, <c>cs</c>, <c>c#</c> are highlighted; others are shown plain.</param>
    /// <returns>The HTML.</returns>
    public string ToHtml(string code, string? language)
    {
        ArgumentNullException.ThrowIfNull(code);
        code = code.TrimEnd('\n', '\r');
        var isCSharp = language?.ToUpperInvariant() is "CSHARP" or "CS" or "C#";
        var body = isCSharp ? Highlight(code) : WebUtility.HtmlEncode(code);
        var label = isCSharp ? "C#" : string.IsNullOrEmpty(language) ? "text" : language;
        // tabindex: a block that scrolls sideways must be reachable from the keyboard (axe: scrollable-region-focusable).
        return $"<pre class=\"code\" tabindex=\"0\" data-lang=\"{WebUtility.HtmlEncode(label)}\"><code>{body}</code></pre>\n";
    }

    private string Highlight(string code)
    {
        // ColorCode wraps its result in <div class="csharp"><pre>\n…\n</pre></div>; keep only the spans inside.
        var html = formatter.GetHtmlString(code, Languages.CSharp);
        var start = html.IndexOf("<pre>", StringComparison.Ordinal);
        var end = html.LastIndexOf("</pre>", StringComparison.Ordinal);
        if (start < 0 || end < start)
        {
            throw new InvalidOperationException("ColorCode returned HTML without a <pre> element.");
        }
        return html[(start + "<pre>".Length)..end].Trim('\n', '\r');
    }
}
