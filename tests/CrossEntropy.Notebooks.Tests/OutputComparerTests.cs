using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class OutputComparerTests
{
    private readonly OutputComparer comparer = new(new OutputNormalizer());

    [Fact]
    public void Equal_outputs_give_no_difference_even_with_new_ids_and_dotnet_repl_metadata()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Markdown("# Title"),
            Ipynb.Code("setup", Ipynb.InstalledPackages()),
            Ipynb.Code("chart", Ipynb.PlotlyChart(Ipynb.PlotlyGuid)));
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.Markdown("# Title"),
            Ipynb.ExecutedCode("setup", 2.5, Ipynb.InstallingPackages(1), Ipynb.InstalledPackages()),
            Ipynb.ExecutedCode("chart", 1.0, Ipynb.PlotlyChart("11111111-2222-3333-4444-555555555555")));
        Assert.Null(comparer.FindFirstDifference(committed, executed));
    }

    [Fact]
    public void A_changed_verdict_is_a_difference_even_when_its_text_is_the_same()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("Check(x)", Ipynb.Verdict(CheckState.Solved, "Exercise 1.1")));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("Check(x)", Ipynb.Verdict(CheckState.Incorrect, "Exercise 1.1")));
        var difference = comparer.FindFirstDifference(committed, executed);
        Assert.NotNull(difference);
        Assert.Equal(1, difference.CellNumber);
        Assert.Contains("application/json", difference.Diff, StringComparison.Ordinal);
        Assert.Contains("incorrect", difference.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void The_exempting_tag_comes_from_the_conventions()
    {
        var conventions = new NotebookConventions { MachineDependentTag = "timing" };
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Tagged(Ipynb.Code("t", Ipynb.Plain("1 ms")), "timing"));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("t", Ipynb.Plain("2 ms")));
        Assert.Null(new OutputComparer(new OutputNormalizer(), conventions).FindFirstDifference(committed, executed));
        Assert.NotNull(comparer.FindFirstDifference(committed, executed));
    }

    [Fact]
    public void A_changed_number_is_reported_with_its_cell_and_both_values()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Markdown("# Title"),
            Ipynb.Code("a", Ipynb.Plain("same")),
            Ipynb.Code("b", Ipynb.Display(("text/html", "<td>0.5987</td>"), ("text/plain", "q = 0.5987\nsum = 1.0000"))));
        var executed = Ipynb.Notebook(Ipynb.DotnetReplMetadata(),
            Ipynb.Markdown("# Title"),
            Ipynb.ExecutedCode("a", 0.1, Ipynb.Plain("same")),
            Ipynb.ExecutedCode("b", 0.1, Ipynb.Display(("text/html", "<td>0.5987</td>"), ("text/plain", "q = 0.5988\nsum = 1.0000"))));
        var difference = comparer.FindFirstDifference(committed, executed);
        Assert.NotNull(difference);
        Assert.Equal(3, difference.CellNumber);
        Assert.Contains("text/plain", difference.Diff, StringComparison.Ordinal);
        Assert.Contains("0.5987", difference.Diff, StringComparison.Ordinal);
        Assert.Contains("0.5988", difference.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void A_difference_deep_in_a_long_line_is_shown_as_a_short_window()
    {
        var prefix = new string('x', 5000);
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a", Ipynb.Html(prefix + "0.25" + prefix)));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a", Ipynb.Html(prefix + "0.26" + prefix)));
        var difference = comparer.FindFirstDifference(committed, executed);
        Assert.NotNull(difference);
        Assert.Contains("0.25", difference.Diff, StringComparison.Ordinal);
        Assert.Contains("0.26", difference.Diff, StringComparison.Ordinal);
        Assert.True(difference.Diff.Length < 400, difference.Diff);
    }

    [Fact]
    public void A_machine_dependent_cell_is_not_compared_but_the_next_cell_is()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Tagged(Ipynb.Code("time", Ipynb.Plain("12.3 ms")), NotebookConventions.Default.MachineDependentTag),
            Ipynb.Code("value", Ipynb.Plain("0.5")));
        var sameValue = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.ExecutedCode("time", 0.1, Ipynb.Plain("45.6 ms")),
            Ipynb.ExecutedCode("value", 0.1, Ipynb.Plain("0.5")));
        var otherValue = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.ExecutedCode("time", 0.1, Ipynb.Plain("45.6 ms")),
            Ipynb.ExecutedCode("value", 0.1, Ipynb.Plain("0.6")));
        Assert.Null(comparer.FindFirstDifference(committed, sameValue));
        Assert.Equal(2, comparer.FindFirstDifference(committed, otherValue)?.CellNumber);
    }

    [Fact]
    public void Other_tags_do_not_exempt_a_cell()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Tagged(Ipynb.Code("x", Ipynb.Plain("1")), "solution", "machine-dependent-not"));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.ExecutedCode("x", 0.1, Ipynb.Plain("2")));
        Assert.NotNull(comparer.FindFirstDifference(committed, executed));
    }

    [Fact]
    public void A_new_error_output_is_a_difference()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a", Ipynb.Plain("1")));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a", Ipynb.Plain("1"), Ipynb.Error("boom")));
        var difference = comparer.FindFirstDifference(committed, executed);
        Assert.NotNull(difference);
        Assert.Contains("boom", difference.Diff, StringComparison.Ordinal);
    }

    [Fact]
    public void Cells_that_do_not_line_up_fail_loudly()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a"), Ipynb.Code("b"));
        Assert.Throws<NotebookMismatchException>(() =>
            comparer.FindFirstDifference(committed, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a"))));
        var changed = Assert.Throws<NotebookMismatchException>(() =>
            comparer.FindFirstDifference(committed, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a"), Ipynb.Code("c"))));
        Assert.Contains("cell 2", changed.Message, StringComparison.Ordinal);
        Assert.Throws<NotebookMismatchException>(() =>
            comparer.FindFirstDifference(committed, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("a"), Ipynb.Markdown("b"))));
    }

    [Fact]
    public void Line_endings_in_sources_do_not_count_as_a_mismatch()
    {
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("var x = 1;\r\nx"));
        var executed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("var x = 1;\nx"));
        Assert.Null(comparer.FindFirstDifference(committed, executed));
    }
}
