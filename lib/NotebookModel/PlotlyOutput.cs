using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookModel;

/// <summary>
/// Plotly.NET chart outputs, recognised in one place: the HTML Plotly.NET 6 writes holds the chart's div, a line
/// <c>var data = […];</c>, <c>var layout = …;</c>, <c>var config = …;</c> and a call to <c>Plotly.newPlot(</c>. The
/// runner checks that chart cells rendered and masks the chart's numbers, the site redraws the figure offline; a
/// Plotly.NET upgrade that changes this shape is handled here.
/// </summary>
public static partial class PlotlyOutput
{
    /// <summary>Whether an output's HTML is a Plotly.NET chart.</summary>
    /// <param name="html">An output's <c>text/html</c>.</param>
    /// <returns>True when it calls <c>Plotly.newPlot</c> on a <c>var data</c> array.</returns>
    public static bool IsChartHtml(string? html) =>
        html is not null
        && html.Contains("Plotly.newPlot(", StringComparison.Ordinal)
        && html.Contains("var data = [", StringComparison.Ordinal);

    /// <summary>Whether an output is a Plotly.NET chart.</summary>
    /// <param name="output">A cell output.</param>
    /// <returns>True when its <c>text/html</c> is a chart.</returns>
    public static bool IsChart(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Data.TryGetValue("text/html", out var html) && IsChartHtml(html);
    }

    /// <summary>
    /// Whether a code cell should show a chart, judged from its source: it builds one (<c>Chart.</c>) and displays it,
    /// i.e. its last non-blank, non-comment line ends neither with <c>;</c> nor with <c>}</c> (a statement or a block,
    /// such as a helper that builds charts for later cells, shows nothing), or it calls <c>display(…)</c> /
    /// <c>.Display()</c>.
    /// </summary>
    /// <param name="cell">A cell.</param>
    /// <returns>Whether a chart output is expected.</returns>
    public static bool IsExpectedIn(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (!cell.IsCode || !cell.Source.Contains("Chart.", StringComparison.Ordinal))
        {
            return false;
        }
        var last = cell.Source.Split('\n').Select(l => l.Trim())
            .LastOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return !(last.EndsWith(';') || last.EndsWith('}'))
            || cell.Source.Contains("display(", StringComparison.Ordinal) || cell.Source.Contains(".Display(", StringComparison.Ordinal);
    }

    /// <summary>Reads a chart's figure from the HTML Plotly.NET writes.</summary>
    /// <param name="html">A chart output's HTML.</param>
    /// <returns>The figure.</returns>
    /// <exception cref="InvalidDataException">The HTML does not have the expected shape.</exception>
    public static PlotlyFigure Parse(string html)
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
        return new PlotlyFigure(div.Groups["id"].Value, JsonNode.Parse(figure.Groups["data"].Value)!, layout, config);
    }

    /// <summary>Rewrites the traces' JSON (<c>var data = …;</c>) of every chart in a text; other text is unchanged.</summary>
    /// <param name="text">An output text.</param>
    /// <param name="rewrite">Maps the data array's JSON text to its replacement.</param>
    /// <returns>The text with each chart's data rewritten.</returns>
    public static string RewriteData(string text, Func<string, string> rewrite)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(rewrite);
        return IsChartHtml(text)
            ? DataLine().Replace(text, m => m.Groups["head"].Value + rewrite(m.Groups["json"].Value) + ";")
            : text;
    }

    [GeneratedRegex("""<div id="(?<id>[^"]+)">""")]
    private static partial Regex ChartDiv();

    [GeneratedRegex("""var data = (?<data>.*?);\s*var layout = (?<layout>.*?);\s*var config = (?<config>.*?);\s*Plotly\.newPlot\(""", RegexOptions.Singleline)]
    private static partial Regex Figure();

    // The line of a chart that holds its traces: "var data = [...];".
    [GeneratedRegex(@"(?<head>\bvar data = )(?<json>\[.*\]);", RegexOptions.Multiline)]
    private static partial Regex DataLine();
}

/// <summary>A Plotly chart's figure as its output holds it.</summary>
/// <param name="Id">The chart div's id.</param>
/// <param name="Data">The traces.</param>
/// <param name="Layout">The layout.</param>
/// <param name="Config">The plotly config.</param>
public sealed record PlotlyFigure(string Id, JsonNode Data, JsonObject Layout, JsonObject Config)
{
    /// <summary>The chart's title (<c>layout.title.text</c> or <c>layout.title</c>), "chart" when it has none.</summary>
    public string Title =>
        (Layout["title"] is JsonObject t ? (string?)t["text"] : (string?)(Layout["title"] as JsonValue)) ?? "chart";
}
