namespace NotebookRunner;

/// <summary>Checks that the cells that should show a Plotly chart (<see cref="PlotlyOutput.IsExpectedIn"/>) do.</summary>
public static class ChartCells
{
    /// <summary>The chart cells (1-based numbers) whose outputs hold no rendered chart.</summary>
    /// <param name="notebook">An executed notebook.</param>
    /// <returns>The numbers of chart cells without a chart; empty when all rendered.</returns>
    public static IReadOnlyList<int> Unrendered(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.View().CodeCells
            .Where(c => PlotlyOutput.IsExpectedIn(c) && !c.Outputs.Any(o => o.IsChart))
            .Select(c => c.Number)
            .ToArray();
    }

    /// <summary>The number of chart cells in a notebook.</summary>
    /// <param name="notebook">A notebook.</param>
    /// <returns>How many code cells should show a chart.</returns>
    public static int Count(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.View().CodeCells.Count(PlotlyOutput.IsExpectedIn);
    }
}
