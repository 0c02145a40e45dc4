namespace NotebookModel.Tests;

public class PlotlyOutputTests
{
    private const string Guid = "6baeb866-47c1-4877-83c3-cd23d3f71345";

    /// <summary>Plotly.NET 6's chart HTML, reduced to its shape.</summary>
    private static string ChartHtml(string y = "[3.0,4.0]") =>
        $"<div><div id=\"{Guid}\"><!-- Plotly chart will be drawn inside this DIV --></div><script type=\"text/javascript\">\n" +
        $"var renderPlotly = function() {{\n" +
        $"        var data = [{{\"type\":\"scatter\",\"x\":[1.0,2.0],\"y\":{y},\"name\":\"p\"}}];\n" +
        $"        var layout = {{\"title\":{{\"text\":\"A title\"}},\"width\":600}};\n" +
        $"        var config = {{}};\n" +
        $"        Plotly.newPlot(document.getElementById('{Guid}'), data, layout, config);\n" +
        "};\n</script></div>";

    [Fact]
    public void A_real_chart_output_of_a_committed_notebook_is_a_chart_and_parses()
    {
        var outputs = Notebook.Load(Path.Combine(Repository.Notebooks, "01-entropy.ipynb")).Cells.SelectMany(c => c.Outputs).ToArray();
        var charts = outputs.Where(o => o.IsChart).ToArray();
        Assert.NotEmpty(charts);
        Assert.All(charts, c => Assert.NotEqual("chart", PlotlyOutput.Parse(c.Data["text/html"]).Title));
        Assert.Contains(outputs, o => o.Data.ContainsKey("text/html") && !o.IsChart);
    }

    [Fact]
    public void A_synthetic_chart_is_recognised_and_its_figure_read()
    {
        var output = CellOutput.From(NotebookJson.Display(("text/html", ChartHtml())));
        Assert.True(output.IsChart);
        var figure = PlotlyOutput.Parse(ChartHtml());
        Assert.Equal(Guid, figure.Id);
        Assert.Equal("A title", figure.Title);
        Assert.Equal("""[{"type":"scatter","x":[1.0,2.0],"y":[3.0,4.0],"name":"p"}]""", figure.Data.ToJsonString());
        Assert.Equal(600, (int)figure.Layout["width"]!);
    }

    [Theory]
    [InlineData("<p>Plotly.newPlot( is how plotly.js draws</p>")]
    [InlineData("<div id=\"x\">var data = [1]; no plotting</div>")]
    [InlineData("")]
    public void Html_that_mentions_plotly_is_no_chart(string html)
    {
        Assert.False(PlotlyOutput.IsChartHtml(html));
        Assert.False(CellOutput.From(NotebookJson.Display(("text/html", html))).IsChart);
    }

    [Fact]
    public void A_chart_in_plain_text_or_a_stream_is_no_chart_output()
    {
        Assert.False(CellOutput.From(NotebookJson.Display(("text/plain", ChartHtml()))).IsChart);
        Assert.False(CellOutput.From(NotebookJson.Stream(ChartHtml())).IsChart);
    }

    [Fact]
    public void A_chart_of_an_unknown_shape_fails_to_parse_instead_of_shipping_its_loader()
    {
        var e = Assert.Throws<InvalidDataException>(() => PlotlyOutput.Parse("<div><script>require(['plotly'], p => Plotly.newPlot(x))</script></div>"));
        Assert.Contains("Plotly.NET 6", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Only_a_charts_data_is_rewritten()
    {
        var rewritten = PlotlyOutput.RewriteData(ChartHtml(), _ => "[]");
        Assert.Contains("var data = [];", rewritten, StringComparison.Ordinal);
        Assert.Contains("var layout = {\"title\"", rewritten, StringComparison.Ordinal);
        const string notAChart = "var data = [1, 2];";
        Assert.Equal(notAChart, PlotlyOutput.RewriteData(notAChart, _ => "[]"));
    }

    [Theory]
    [InlineData("Chart.Line<double, double, string>(x: xs, y: ys)", true)]
    [InlineData("var c = Chart.Line<double, double, string>(x: xs, y: ys);", false)]
    [InlineData("var c = Chart.Line<double, double, string>(x: xs, y: ys);\ndisplay(c);", true)]
    [InlineData("var c = Chart.Column<double, string, string>(values: v);\nc // shown", true)]
    [InlineData("Math.Log(2)", false)]
    [InlineData("GenericChart Boundary(int k)\n{\n    return Chart.Line<double, double, string>(x: xs, y: ys);\n}", false)]
    public void Chart_cells_are_those_that_build_and_show_a_chart(string source, bool expected)
    {
        Assert.Equal(expected, PlotlyOutput.IsExpectedIn(Cell.From(NotebookJson.Code(source), 1)));
    }

    [Fact]
    public void A_markdown_cell_mentioning_charts_expects_none()
    {
        Assert.False(PlotlyOutput.IsExpectedIn(Cell.From(NotebookJson.Markdown("Chart.Line(x)"), 1)));
    }
}
