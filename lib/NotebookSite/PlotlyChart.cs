using System.Net;
using System.Text.Json.Nodes;

namespace NotebookSite;

/// <summary>
/// A Plotly.NET chart on the site. In the notebook its HTML loads require.js and plotly.js from CDNs; on the site the
/// chart keeps only its div and its figure (data, layout, config; read by the notebook model's
/// <see cref="PlotlyOutput"/>) as JSON, drawn by site.js with the plotly.js copy shipped in the site. The figure is
/// made responsive: the fixed width goes, the chart follows its column.
/// </summary>
public static class PlotlyChart
{
    /// <summary>The site's markup: a figure holding the chart div and its JSON figure, which site.js draws.</summary>
    /// <param name="chart">The chart's figure.</param>
    /// <param name="text">The page's frame words (the chart's accessible name); English when null.</param>
    /// <returns>The HTML.</returns>
    public static string ToHtml(PlotlyFigure chart, SiteText? text = null)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = (JsonObject)chart.Layout.DeepClone();
        layout.Remove("width");
        layout["autosize"] = true;
        var config = (JsonObject)chart.Config.DeepClone();
        config["responsive"] = true;
        config["displaylogo"] = false;
        var figure = new JsonObject { ["data"] = chart.Data.DeepClone(), ["layout"] = layout, ["config"] = config };
        // The default JSON encoder escapes '<', '>' and '&', so the script element cannot be closed early.
        return $"<figure class=\"chart-cell\" aria-label=\"{WebUtility.HtmlEncode(string.Format(System.Globalization.CultureInfo.InvariantCulture, (text ?? SiteText.English).ChartLabel, chart.Title))}\">"
            + $"<div class=\"chart\" id=\"{WebUtility.HtmlEncode(chart.Id)}\"></div>"
            + $"<script type=\"application/json\" class=\"chart-figure\" data-for=\"{WebUtility.HtmlEncode(chart.Id)}\">{figure.ToJsonString()}</script></figure>\n";
    }
}
