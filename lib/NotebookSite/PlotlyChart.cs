using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookSite;

/// <summary>
/// A Plotly.NET chart output. In the notebook its HTML loads require.js and plotly.js from CDNs; on the site the
/// chart keeps only its div and its figure (data, layout, config) as JSON, drawn by site.js with the plotly.js
/// copy shipped in the site. The figure is made responsive: the fixed width goes, the chart follows its column.
/// </summary>
/// <param name="Id">The chart div's id.</param>
/// <param name="Data">The traces.</param>
/// <param name="Layout">The layout.</param>
/// <param name="Config">The plotly config.</param>
public sealed partial record PlotlyChart(string Id, JsonNode Data, JsonObject Layout, JsonObject Config)
{
    /// <summary>True when an HTML output is a Plotly.NET chart (it calls <c>Plotly.newPlot</c>).</summary>
    /// <param name="html">An output's HTML.</param>
    /// <returns>Whether it is a chart.</returns>
    public static bool IsChart(string html) =>
        html is not null && html.Contains("Plotly.newPlot(", StringComparison.Ordinal);

    /// <summary>Reads a chart from the HTML Plotly.NET writes.</summary>
    /// <param name="html">A chart output's HTML.</param>
    /// <returns>The chart.</returns>
    /// <exception cref="InvalidDataException">The HTML does not have the expected shape (so no CDN loader can slip through).</exception>
    public static PlotlyChart Parse(string html)
    {
        ArgumentNullException.ThrowIfNull(html);
        var div = ChartDiv().Match(html);
        var figure = Figure().Match(html);
        if (!div.Success || !figure.Success)
        {
            throw new InvalidDataException(
                "A Plotly chart output does not have the shape Plotly.NET 6 writes (<div id=…>, var data = …; var layout = …; var config = …; Plotly.newPlot).");
        }
        var layout = JsonNode.Parse(figure.Groups["layout"].Value) as JsonObject ?? [];
        var config = JsonNode.Parse(figure.Groups["config"].Value) as JsonObject ?? [];
        return new PlotlyChart(div.Groups["id"].Value, JsonNode.Parse(figure.Groups["data"].Value)!, layout, config);
    }

    /// <summary>The chart's title, for its accessible name.</summary>
    public string Title =>
        (Layout["title"] is JsonObject t ? (string?)t["text"] : (string?)(Layout["title"] as JsonValue)) ?? "chart";

    /// <summary>The site's markup: a figure holding the chart div and its JSON figure, which site.js draws.</summary>
    /// <returns>The HTML.</returns>
    public string ToHtml()
    {
        var layout = (JsonObject)Layout.DeepClone();
        layout.Remove("width");
        layout["autosize"] = true;
        var config = (JsonObject)Config.DeepClone();
        config["responsive"] = true;
        config["displaylogo"] = false;
        var figure = new JsonObject { ["data"] = Data.DeepClone(), ["layout"] = layout, ["config"] = config };
        // The default JSON encoder escapes '<', '>' and '&', so the script element cannot be closed early.
        return $"<figure class=\"chart-cell\" aria-label=\"{WebUtility.HtmlEncode("Chart: " + Title)}\">"
            + $"<div class=\"chart\" id=\"{WebUtility.HtmlEncode(Id)}\"></div>"
            + $"<script type=\"application/json\" class=\"chart-figure\" data-for=\"{WebUtility.HtmlEncode(Id)}\">{figure.ToJsonString()}</script></figure>\n";
    }

    [GeneratedRegex("""<div id="(?<id>[^"]+)">""")]
    private static partial Regex ChartDiv();

    [GeneratedRegex("""var data = (?<data>.*?);\s*var layout = (?<layout>.*?);\s*var config = (?<config>.*?);\s*Plotly\.newPlot\(""", RegexOptions.Singleline)]
    private static partial Regex Figure();
}
