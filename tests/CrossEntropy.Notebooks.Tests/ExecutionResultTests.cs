using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class ExecutionResultTests
{
    private static ExecutionResult Result(NotebookFile? executed, int exitCode = 0) =>
        new("01-x.ipynb", "c", "e", exitCode, false, TimeSpan.FromSeconds(9), "", executed);

    [Fact]
    public void Error_outputs_are_reported_with_their_cell_number_and_text()
    {
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.Markdown("# x"),
            Ipynb.ExecutedCode("ok", 0.5, Ipynb.Plain("fine")),
            Ipynb.ExecutedCode("int x = \"s\";", 0.1, Ipynb.Error("(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'")),
            Ipynb.ExecutedCode("warn", 0.1, Ipynb.Stream("careful\n", "stderr")));
        var errors = Result(executed, exitCode: 2).Errors;
        Assert.Equal(2, errors.Count);
        Assert.Equal(3, errors[0].CellNumber);
        Assert.Contains("CS0029", errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(4, errors[1].CellNumber);
        Assert.Contains("careful", errors[1].Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_clean_run_has_no_errors_and_per_cell_timings()
    {
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.Markdown("# x"), Ipynb.ExecutedCode("a", 2.5), Ipynb.ExecutedCode("b", 0.25));
        var result = Result(executed);
        Assert.False(result.Failed);
        Assert.Equal([new CellTiming(2, TimeSpan.FromSeconds(2.5)), new CellTiming(3, TimeSpan.FromSeconds(0.25))], result.CellTimings);
    }

    [Fact]
    public void Missing_timestamps_give_null_durations()
    {
        var result = Result(Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a")));
        Assert.Null(Assert.Single(result.CellTimings).Duration);
    }

    [Fact]
    public void A_non_zero_exit_without_error_outputs_or_a_missing_copy_is_a_failure()
    {
        Assert.True(Result(Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a")), exitCode: 134).Failed);
        Assert.True(Result(null, exitCode: 1).Failed);
    }
}
