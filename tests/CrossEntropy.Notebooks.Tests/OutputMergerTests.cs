using System.Text.Json.Nodes;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class OutputMergerTests
{
    private static (NotebookFile Committed, NotebookFile Executed) Pair()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Markdown("# Entropy"),
            Ipynb.Code("#r \"nuget: MathNet.Numerics, 5.0.0\""),
            Ipynb.Code("Math.Log(2)", Ipynb.Plain("old")));
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.Markdown("# Entropy"),
            Ipynb.ExecutedCode("#r \"nuget: MathNet.Numerics, 5.0.0\"", 2.0,
                Ipynb.InstallingPackages(0), Ipynb.InstallingPackages(1), Ipynb.InstalledPackages(), Ipynb.LoadingExtensions()),
            Ipynb.ExecutedCode("Math.Log(2)", 0.1, Ipynb.Plain("0.6931471805599453"), Ipynb.Stream("hi\n")));
        executed.CodeCells[1].Cell["execution_count"] = 7;
        return (committed, executed);
    }

    [Fact]
    public void Metadata_is_preserved_exactly_after_merge()
    {
        var (committed, executed) = Pair();
        var merged = OutputMerger.Merge(committed, executed);
        Assert.True(JsonNode.DeepEquals(Ipynb.VsCodeMetadata(), merged.Root["metadata"]), merged.Root["metadata"]!.ToJsonString());
        Assert.Equal("polyglot-notebook", (string?)merged.Root["metadata"]!["language_info"]!["name"]);
        Assert.NotNull(merged.Root["metadata"]!["polyglot_notebook"]!["kernelInfo"]);
        for (var i = 0; i < committed.Cells.Count; i++)
        {
            Assert.True(JsonNode.DeepEquals(committed.Cells[i]["metadata"], merged.Cells[i]["metadata"]));
            Assert.True(JsonNode.DeepEquals(committed.Cells[i]["source"], merged.Cells[i]["source"]));
        }
        Assert.DoesNotContain("dotnet_repl", merged.ToJson(), StringComparison.Ordinal);
        Assert.Equal(4, (int)merged.Root["nbformat"]!);
        Assert.Equal(2, (int)merged.Root["nbformat_minor"]!);
    }

    [Fact]
    public void Outputs_and_execution_counts_are_copied_and_the_kernels_own_messages_dropped()
    {
        var (committed, executed) = Pair();
        var merged = OutputMerger.Merge(committed, executed);
        Assert.Empty(NotebookFile.Outputs(merged.CodeCells[0].Cell)); // install progress, package list, cache path
        Assert.Empty(KernelNoise.MachinePaths(merged.ToJson()));
        var log = merged.CodeCells[1].Cell;
        Assert.True(JsonNode.DeepEquals(NotebookFile.Outputs(executed.CodeCells[1].Cell), NotebookFile.Outputs(log)));
        Assert.Equal(7, (int)log["execution_count"]!);
        Assert.Null(merged.CodeCells[0].Cell["execution_count"]);
        Assert.False(merged.Cells[0].ContainsKey("outputs")); // markdown cells untouched
    }

    /// <summary>A notebook committed with the kernel's messages loses them at the next refresh, although its outputs are
    /// otherwise equivalent (which keeps the committed text); then it matches its executed copy, which still has them.</summary>
    [Fact]
    public void A_refresh_removes_committed_noise_and_the_comparer_then_sees_no_difference()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Code("#r \"nuget: MathNet.Numerics, 5.0.0\"", Ipynb.InstalledPackages(), Ipynb.LoadingExtensions("/home/reader")),
            Ipynb.Code("chart", Ipynb.PlotlyChart(Ipynb.PlotlyGuid)));
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.ExecutedCode("#r \"nuget: MathNet.Numerics, 5.0.0\"", 2.0, Ipynb.InstallingPackages(0), Ipynb.InstalledPackages(), Ipynb.LoadingExtensions()),
            Ipynb.ExecutedCode("chart", 1, Ipynb.PlotlyChart("11111111-2222-3333-4444-555555555555")));
        Assert.NotEmpty(KernelNoise.MachinePaths(committed.ToJson()));
        var refreshed = OutputMerger.Merge(committed, executed, new OutputNormalizer(maskChartNumbers: false));
        Assert.Empty(NotebookFile.Outputs(refreshed.CodeCells[0].Cell));
        Assert.Contains(Ipynb.PlotlyGuid, refreshed.ToJson(), StringComparison.Ordinal); // the chart kept its committed text
        Assert.Empty(KernelNoise.MachinePaths(refreshed.ToJson()));
        Assert.Null(new OutputComparer(new OutputNormalizer()).FindFirstDifference(refreshed, executed));
        // Refreshing again changes nothing: the refresh is stable.
        Assert.Equal(refreshed.ToJson(), OutputMerger.Merge(refreshed, executed, new OutputNormalizer(maskChartNumbers: false)).ToJson());
    }

    [Fact]
    public void Merging_modifies_neither_input()
    {
        var (committed, executed) = Pair();
        var (before1, before2) = (committed.ToJson(), executed.ToJson());
        _ = OutputMerger.Merge(committed, executed);
        Assert.Equal(before1, committed.ToJson());
        Assert.Equal(before2, executed.ToJson());
    }

    [Fact]
    public void Equivalent_outputs_keep_the_committed_text_so_refresh_does_not_churn_ids()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("chart", Ipynb.PlotlyChart(Ipynb.PlotlyGuid)));
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.ExecutedCode("chart", 1, Ipynb.PlotlyChart("11111111-2222-3333-4444-555555555555")));
        Assert.Contains(Ipynb.PlotlyGuid, OutputMerger.Merge(committed, executed, new OutputNormalizer()).ToJson(), StringComparison.Ordinal);
        Assert.DoesNotContain(Ipynb.PlotlyGuid, OutputMerger.Merge(committed, executed).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_refresh_takes_a_chart_whose_numbers_changed_but_keeps_one_that_only_got_new_ids()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("chart", Ipynb.PlotlyChart(Ipynb.PlotlyGuid, y: "[3.0,4.0]")));
        var newNumbers = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.ExecutedCode("chart", 1, Ipynb.PlotlyChart("11111111-2222-3333-4444-555555555555", y: "[5.0,6.0]")));
        var newIdsOnly = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.ExecutedCode("chart", 1, Ipynb.PlotlyChart("11111111-2222-3333-4444-555555555555", y: "[3.0,4.0]")));
        var refresh = new OutputNormalizer(maskChartNumbers: false);

        Assert.Contains("[5.0,6.0]", OutputMerger.Merge(committed, newNumbers, refresh).ToJson(), StringComparison.Ordinal);
        Assert.Contains(Ipynb.PlotlyGuid, OutputMerger.Merge(committed, newIdsOnly, refresh).ToJson(), StringComparison.Ordinal);
        // The comparing normalizer masks chart numbers, so it would keep the stale chart: the runner must not refresh with it.
        Assert.Contains("[3.0,4.0]", OutputMerger.Merge(committed, newNumbers, new OutputNormalizer()).ToJson(), StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_that_do_not_line_up_fail_loudly()
    {
        var (committed, _) = Pair();
        var other = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# Entropy"), Ipynb.Code("x"), Ipynb.Code("Math.Log(2)"));
        var e = Assert.Throws<NotebookMismatchException>(() => OutputMerger.Merge(committed, other));
        Assert.Contains("cell 2", e.Message, StringComparison.Ordinal);
    }
}
