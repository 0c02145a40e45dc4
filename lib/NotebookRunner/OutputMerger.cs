using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Copies results from an executed copy into the committed notebook: only each code cell's
/// <c>outputs</c> and <c>execution_count</c>. Everything else, notably the VS Code Polyglot metadata
/// that dotnet-repl would rewrite (dotnet-repl issues #88, #97), stays as committed. The kernel's own messages
/// (<see cref="KernelNoise"/>: install progress, the installed-packages list, a path into the NuGet cache) are never
/// written, from either side, so no committed notebook, hand-out or download names the machine that ran it.
/// </summary>
public static class OutputMerger
{
    /// <summary>Builds the refreshed notebook; neither input is modified.</summary>
    /// <param name="committed">The committed notebook, whose metadata and sources are kept.</param>
    /// <param name="executed">The executed copy, whose outputs are taken (kernel noise dropped).</param>
    /// <param name="normalizer">
    /// When given, a cell whose outputs are equivalent to the committed ones keeps the committed outputs, so a
    /// refresh does not churn git history with new random plotly ids. Pass one that keeps chart numbers
    /// (<c>maskChartNumbers: false</c>), or a chart whose data changed keeps its old picture. Null: always take the
    /// executed outputs.
    /// </param>
    /// <returns>A new notebook to save over the committed one.</returns>
    /// <exception cref="NotebookMismatchException">The notebooks' cells do not line up.</exception>
    public static NotebookFile Merge(NotebookFile committed, NotebookFile executed, OutputNormalizer? normalizer = null)
    {
        NotebookMismatchException.ThrowIfCellsDiffer(committed, executed);
        var result = committed.Clone();
        var targets = result.CodeCells;
        var sources = executed.CodeCells;
        for (var i = 0; i < targets.Count; i++)
        {
            var target = targets[i].Cell;
            var source = sources[i].Cell;
            var outputs = WithoutNoise(NotebookFile.Outputs(source));
            // Equivalent outputs keep the committed text, but never its noise (a notebook committed before the noise
            // was left out still had it: the normalizer ignores noise, so it would have been kept forever).
            NotebookFile.SetOutputs(target, normalizer is not null && normalizer.AreEquivalent(NotebookFile.Outputs(target), outputs)
                ? WithoutNoise(NotebookFile.Outputs(target))
                : outputs);
            // dotnet-repl 0.3.259 writes null here; copied as is (nbformat allows null: "not executed in order").
            target["execution_count"] = source["execution_count"]?.DeepClone();
        }
        return result;
    }

    private static JsonArray WithoutNoise(JsonArray outputs) =>
        new(outputs.Where(o => !KernelNoise.IsNoise(o)).Select(o => o?.DeepClone()).ToArray());
}
