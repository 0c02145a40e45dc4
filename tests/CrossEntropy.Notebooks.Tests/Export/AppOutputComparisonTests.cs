using NotebookApp;
using Notebook = NotebookApp.Notebook;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>The comparison the course-apps test makes, on a synthetic notebook and made-up app output, so that it is
/// known to see a difference (and to ignore only what it says it ignores).</summary>
[Trait(KernelFree.Trait, KernelFree.Unit)]
public sealed class AppOutputComparisonTests
{
    private static readonly NotebookFile Sample = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
        Ipynb.Code("#r \"nuget: Markdig, 1.6.0\"\nusing Markdig;", Ipynb.InstalledPackages(), Ipynb.Plain("Loading extensions from `x.dll`")),
        Ipynb.Code("Console.WriteLine(\"p = 0.5\");\nCheck(p)", Ipynb.Stream("p = 0.5\n"), Ipynb.Display(("text/html", "<b>Solved</b>"), ("text/plain", "Solved: yes"))),
        Ipynb.Code("Chart.Line(x, y)", Ipynb.PlotlyChart(Ipynb.PlotlyGuid)),
        Ipynb.Tagged(Ipynb.Code("Console.WriteLine(Stopwatch.Elapsed);", Ipynb.Stream("1.2 s\n")), "machine-dependent"),
        Ipynb.Code("sealed class Model { }")); // only a type: the app runs nothing there, and nothing is missed

    [Fact]
    public void The_same_text_and_every_chart_written_is_no_difference()
    {
        Assert.Empty(CourseAppsTests.Differences(Sample, Output(Shown("Solved: yes") + "p = 0.5\n", chart: true, timing: "0.9 s\n")));
        Assert.Empty(CourseAppsTests.Differences(Sample, Output("p = 0.5\n" + Shown("Solved: yes"), chart: true, timing: "")));
    }

    [Fact]
    public void A_changed_line_is_a_difference_naming_the_cell()
    {
        var difference = Assert.Single(CourseAppsTests.Differences(Sample, Output("p = 0.5\n" + Shown("Incorrect: no"), chart: true, timing: "")));
        Assert.StartsWith("cell 2 displays", difference, StringComparison.Ordinal);
        difference = Assert.Single(CourseAppsTests.Differences(Sample, Output("p = 0.25\n" + Shown("Solved: yes"), chart: true, timing: "")));
        Assert.StartsWith("cell 2 writes", difference, StringComparison.Ordinal);
        Assert.Equal(2, CourseAppsTests.Differences(Sample, Output("p = 0.5\nSolved: yes\n", chart: true, timing: "")).Count()); // written, not displayed
    }

    [Fact]
    public void A_chart_cell_without_its_page_is_a_difference()
    {
        Assert.Equal(["cell 3: no chart page written"], CourseAppsTests.Differences(Sample, Output("p = 0.5\n" + Shown("Solved: yes"), chart: false, timing: "")));
    }

    [Fact]
    public void A_cell_the_app_does_not_run_is_a_difference_when_it_shows_output_and_does_more_than_set_up_the_kernel()
    {
        var output = Output("p = 0.5\n" + Shown("Solved: yes"), chart: true, timing: "");
        var withoutCell2 = output.Replace(Notebook.MarkerPrefix + "2\np = 0.5\n" + Shown("Solved: yes"), "", StringComparison.Ordinal);
        Assert.Equal(["cell 2: the app does not run it, but the notebook shows its output"], CourseAppsTests.Differences(Sample, withoutCell2));
    }

    [Fact]
    public void A_chart_notice_counts_for_the_cell_its_page_is_named_after_wherever_standard_error_puts_it()
    {
        var output = Display.ChartNotice + "/tmp/charts/test-cell3.html\n" + Output("p = 0.5\n" + Shown("Solved: yes"), chart: false, timing: "");
        Assert.Empty(CourseAppsTests.Differences(Sample, output));
    }

    private static string Shown(string text) => $"{Notebook.DisplayStart}\n{text}\n{Notebook.DisplayEnd}\n";

    // The app's output as the test reads it: standard error's chart notice among the standard output lines.
    private static string Output(string cell2, bool chart, string timing) =>
        $"{Notebook.MarkerPrefix}2\n{cell2}{Notebook.MarkerPrefix}3\n" + (chart ? Display.ChartNotice + "/tmp/charts/test-cell3.html\n" : "")
        + $"{Notebook.MarkerPrefix}4\n{timing}";
}
