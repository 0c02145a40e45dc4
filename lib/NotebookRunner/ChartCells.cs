using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>Finds the cells that should show a Plotly chart and checks that they do.</summary>
public static class ChartCells
{
    /// <summary>
    /// True for a code cell that builds a Plotly chart (<c>Chart.</c> in its source) and displays it:
    /// its last non-blank line ends neither with <c>;</c> nor with <c>}</c> (a statement or a block, such as a
    /// helper function that builds charts for later cells, shows nothing), or it calls <c>display(…)</c> / <c>.Display()</c>.
    /// </summary>
    /// <param name="cell">The cell.</param>
    /// <returns>Whether a chart output is expected.</returns>
    public static bool ShouldShowChart(JsonObject cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        if (!NotebookFile.IsCode(cell))
        {
            return false;
        }
        var source = NotebookFile.Source(cell);
        if (!source.Contains("Chart.", StringComparison.Ordinal))
        {
            return false;
        }
        var last = source.Split('\n').Select(l => l.Trim()).LastOrDefault(l => l.Length > 0 && !l.StartsWith("//", StringComparison.Ordinal)) ?? "";
        return !(last.EndsWith(';') || last.EndsWith('}'))
            || source.Contains("display(", StringComparison.Ordinal) || source.Contains(".Display(", StringComparison.Ordinal);
    }

    /// <summary>True when an output is a rendered Plotly chart: a div, the plotly loader and a <c>data</c> array.</summary>
    /// <param name="output">One element of a cell's outputs.</param>
    /// <returns>Whether it is a chart.</returns>
    public static bool IsChart(JsonNode? output)
    {
        var html = NotebookFile.Text((output as JsonObject)?["data"]?["text/html"]);
        return html.Contains("<div id=", StringComparison.Ordinal)
            && html.Contains("Plotly", StringComparison.Ordinal)
            && html.Contains("var data = [{", StringComparison.Ordinal);
    }

    /// <summary>The chart cells (1-based numbers) whose outputs hold no rendered chart.</summary>
    /// <param name="notebook">An executed notebook.</param>
    /// <returns>The numbers of chart cells without a chart; empty when all rendered.</returns>
    public static IReadOnlyList<int> Unrendered(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.CodeCells
            .Where(c => ShouldShowChart(c.Cell) && !NotebookFile.Outputs(c.Cell).Any(IsChart))
            .Select(c => c.Number)
            .ToArray();
    }

    /// <summary>The number of chart cells in a notebook.</summary>
    /// <param name="notebook">A notebook.</param>
    /// <returns>How many code cells should show a chart.</returns>
    public static int Count(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.CodeCells.Count(c => ShouldShowChart(c.Cell));
    }
}
