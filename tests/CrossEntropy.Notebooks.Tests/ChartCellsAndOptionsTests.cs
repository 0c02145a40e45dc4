using NotebookRunner;
using NotebookRunner.CommandLine;

namespace CrossEntropy.Notebooks.Tests;

public class ChartCellsTests
{
    [Fact]
    public void A_chart_cell_without_plotly_output_is_unrendered()
    {
        var notebook = Ipynb.Notebook(Ipynb.VsCodeMetadata(),
            Ipynb.Code("Chart.Line<double, double, string>(x: a, y: b)", Ipynb.PlotlyChart(Ipynb.PlotlyGuid)),
            Ipynb.Code("Chart.Line<double, double, string>(x: a, y: b)", Ipynb.Error("Could not load file or assembly 'FSharp.Core, Version=10.1.0.0'")));
        Assert.Equal([2], ChartCells.Unrendered(notebook));
        Assert.Equal(2, ChartCells.Count(notebook));
    }
}

public class RunnerOptionsTests
{
    [Fact]
    public void No_options_means_check_everything()
    {
        var options = RunnerCommandLine.Parse();
        Assert.Equal(RunMode.Check, options.Mode);
        Assert.False(options.NoExecute);
        Assert.True(options.Selects("01-entropy.ipynb"));
    }

    [Fact]
    public void Notebook_filter_accepts_name_stem_or_number()
    {
        foreach (var filter in new[] { "01-entropy.ipynb", "01-entropy", "01" })
        {
            var options = RunnerCommandLine.Parse("refresh", "--notebook", filter);
            Assert.Equal(RunMode.Refresh, options.Mode);
            Assert.True(options.Selects("01-entropy.ipynb"), filter);
            Assert.False(options.Selects("02-cross-entropy.ipynb"), filter);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--notebook")]
    [InlineData("--parallel", "0")]
    [InlineData("refresh", "--no-such-option")]
    [InlineData("--timeout", "ten")]
    [InlineData("--cell-timeout", "0")]
    [InlineData("site", "--notebook", "01")]
    public void Bad_usage_is_rejected(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => RunnerCommandLine.Parse(args));
    }

    [Theory]
    [InlineData("01-entropy.ipynb", true)]
    [InlineData("99-smoke.ipynb", true)]
    [InlineData("1-entropy.ipynb", false)]
    [InlineData("entropy.ipynb", false)]
    [InlineData("01-entropy.dib", false)]
    [InlineData("01-entropy.zh-CN.ipynb", false)]
    public void The_course_notebooks_are_two_digits_and_a_dash(string name, bool expected)
    {
        Assert.Equal(expected, NotebookRuns.Layout.IsNotebook(name));
    }
}
