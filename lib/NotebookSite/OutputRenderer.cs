using System.Net;
using System.Text.RegularExpressions;

namespace NotebookSite;

/// <summary>Renders a code cell's outputs: text as preformatted blocks, HTML as is (a check's verdict box marked as
/// such), images inline, Plotly charts rewritten to draw from the site's own plotly.js (<see cref="PlotlyChart"/>).</summary>
public static partial class OutputRenderer
{
    /// <summary>One output's HTML.</summary>
    /// <param name="output">The output.</param>
    /// <param name="frameText">The page's frame words (a chart's name, an image's fallback text); English when null.</param>
    /// <returns>The HTML, and whether it is a chart.</returns>
    public static (string Html, bool IsChart) ToHtml(CellOutput output, SiteText? frameText = null)
    {
        var words = frameText ?? SiteText.English;
        ArgumentNullException.ThrowIfNull(output);
        var data = output.Data;
        switch (output.Type)
        {
            case "stream":
                return (Preformatted(data["text/plain"], output.StreamName == "stderr" ? "output stderr" : "output"), false);
            case "error":
                return (Preformatted(AnsiEscape().Replace(data["text/plain"], ""), "output error"), false);
        }
        if (data.TryGetValue("text/html", out var html))
        {
            return PlotlyOutput.IsChartHtml(html)
                ? (PlotlyChart.ToHtml(PlotlyOutput.Parse(html), words), true)
                : ($"<div class=\"output output-html{VerdictClass(output)}\" tabindex=\"0\">{html}</div>\n", false);
        }
        if (data.TryGetValue("image/svg+xml", out var svg))
        {
            return ($"<div class=\"output output-image\">{svg}</div>\n", false);
        }
        foreach (var mime in new[] { "image/png", "image/jpeg" })
        {
            if (data.TryGetValue(mime, out var base64))
            {
                return ($"<div class=\"output output-image\"><img alt=\"{WebUtility.HtmlEncode(data.GetValueOrDefault("text/plain", words.ImageOutput))}\" "
                    + $"src=\"data:{mime};base64,{base64.Replace("\n", "", StringComparison.Ordinal)}\"></div>\n", false);
            }
        }
        return data.TryGetValue("text/plain", out var text)
            ? (Preformatted(text, "output"), false)
            : ("", false);
    }

    /// <summary>A check's verdict box carries its own light colours inline (for VS Code); its classes, from the verdict the
    /// check emits as data, let the site's stylesheet give it colours for both schemes.</summary>
    private static string VerdictClass(CellOutput output) =>
        CheckVerdict.Read(output) is { } verdict ? " verdict verdict-" + CheckVerdict.Name(verdict.State) : "";

    private static string Preformatted(string text, string cssClass) =>
        $"<pre class=\"{cssClass}\" tabindex=\"0\">{WebUtility.HtmlEncode(text.TrimEnd('\n'))}</pre>\n";

    [GeneratedRegex(@"\x1b\[[0-9;]*[A-Za-z]")]
    private static partial Regex AnsiEscape();
}
