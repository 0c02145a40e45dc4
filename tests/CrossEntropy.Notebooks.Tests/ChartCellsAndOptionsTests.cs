using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

public class ChartCellsTests
{
    [Theory]
    [InlineData("Chart.Line<double, double, string>(x: xs, y: ys)", true)]
    [InlineData("var c = Chart.Line<double, double, string>(x: xs, y: ys);", false)]
    [InlineData("var c = Chart.Line<double, double, string>(x: xs, y: ys);\ndisplay(c);", true)]
    [InlineData("var c = Chart.Column<double, string, string>(values: v);\nc // shown", true)]
    [InlineData("Math.Log(2)", false)]
    [InlineData("GenericChart Boundary(int k)\n{\n    return Chart.Line<double, double, string>(x: xs, y: ys);\n}", false)]
    public void Chart_cells_are_those_that_build_and_show_a_chart(string source, bool expected)
    {
        Assert.Equal(expected, ChartCells.ShouldShowChart(Ipynb.Code(source)));
    }

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
        var options = RunnerOptions.Parse([]);
        Assert.Equal(RunMode.Check, options.Mode);
        Assert.False(options.NoExecute);
        Assert.True(options.Selects("01-entropy.ipynb"));
    }

    [Fact]
    public void Notebook_filter_accepts_name_stem_or_number()
    {
        foreach (var filter in new[] { "01-entropy.ipynb", "01-entropy", "01" })
        {
            var options = RunnerOptions.Parse(["--refresh", "--notebook", filter]);
            Assert.Equal(RunMode.Refresh, options.Mode);
            Assert.True(options.Selects("01-entropy.ipynb"), filter);
            Assert.False(options.Selects("02-cross-entropy.ipynb"), filter);
        }
    }

    [Theory]
    [InlineData("--bogus")]
    [InlineData("--notebook")]
    [InlineData("--parallel", "0")]
    [InlineData("--check", "--refresh")]
    public void Bad_usage_is_rejected(params string[] args)
    {
        Assert.Throws<ArgumentException>(() => RunnerOptions.Parse(args));
    }

    [Theory]
    [InlineData("01-entropy.ipynb", true)]
    [InlineData("99-smoke.ipynb", true)]
    [InlineData("1-entropy.ipynb", false)]
    [InlineData("entropy.ipynb", false)]
    [InlineData("01-entropy.dib", false)]
    [InlineData("01-entropy.zh-CN.ipynb", false)]
    public void Numbered_notebooks_are_two_digits_and_a_dash(string name, bool expected)
    {
        Assert.Equal(expected, RepoLayout.IsNumberedNotebook(name));
    }
}
