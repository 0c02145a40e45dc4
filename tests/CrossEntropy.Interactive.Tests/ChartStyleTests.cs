using Plotly.NET;

namespace CrossEntropy.Interactive.Tests;

public class ChartStyleTests
{
    private static string Json(GenericChart chart) => GenericChart.toChartHTML(chart);

    [Fact]
    public void Palette_is_Okabe_Ito_and_cycles()
    {
        Assert.Equal(8, ChartStyle.OkabeIto.Count);
        Assert.Equal("#0072B2", ChartStyle.OkabeIto[0]);
        Assert.Equal(ChartStyle.Colour(1).ToString(), ChartStyle.Colour(9).ToString());
    }

    [Fact]
    public void Styled_sets_title_axis_titles_and_a_horizontal_legend_below()
    {
        var json = Json(ChartStyle.Line([1.0, 2.0], [3.0, 4.0], "series", 0).Styled("The title", "x (unit)", "y (unit)"));
        Assert.Contains("\"title\":{\"text\":\"The title\"", json, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"x (unit)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"text\":\"y (unit)\"", json, StringComparison.Ordinal);
        Assert.Contains("\"legend\":{\"orientation\":\"h\"", json, StringComparison.Ordinal);
        Assert.DoesNotContain("exponentformat", json, StringComparison.Ordinal);
    }

    [Fact]
    public void The_y_zero_line_is_kept_unless_a_curve_on_zero_asks_to_leave_it_out()
    {
        var level = ChartStyle.Level(0.0, 1.0, 0.0, "its floor H = 0", 0);
        Assert.DoesNotContain("\"zeroline\"", Json(level.Styled("t", "x", "y")), StringComparison.Ordinal);
        Assert.Contains("\"zeroline\":false", Json(level.Styled("t", "x", "y", yZeroLine: false)), StringComparison.Ordinal);
    }

    [Fact]
    public void Every_log_axis_gets_power_tick_labels()
    {
        var json = Json(ChartStyle.Line([1.0, 10.0], [1e-3, 1e-9], "error", 2).Styled("t", "x", "y", logX: true, logY: true));
        Assert.Equal(2, json.Split("\"exponentformat\":\"power\"").Length - 1);
        Assert.Contains("\"type\":\"log\"", json, StringComparison.Ordinal);
    }

    [Fact]
    public void Lines_carry_their_palette_colour_and_dash_and_levels_are_dotted()
    {
        var json = Json(Plotly.NET.CSharp.Chart.Combine([
            ChartStyle.Line([0.0, 1.0], [0.0, 1.0], "curve", 3, StyleParam.DrawingStyle.Dash),
            ChartStyle.Level(0.0, 1.0, 0.5, "its floor", 3)]));
        Assert.Contains("\"dash\":\"dash\"", json, StringComparison.Ordinal);
        Assert.Contains("\"dash\":\"dot\"", json, StringComparison.Ordinal);
        Assert.Equal(4, json.Split("rgba(213, 94, 0, 1.0)").Length - 1);   // #D55E00: line and marker of both traces
    }

    [Fact]
    public void A_second_axis_gets_its_title_and_a_missing_one_is_named()
    {
        var grid = Plotly.NET.CSharp.Chart.Grid([ChartStyle.Line([1.0], [1.0], "a", 0), ChartStyle.Line([1.0], [1.0], "b", 1)], 2, 1)
            .Styled("t", "x", "y", logX: true).WithAxisTitle("xaxis2", "x again", log: true).WithAxisTitle("yaxis2", "probability");
        var json = Json(grid);
        Assert.Contains("\"text\":\"probability\"", json, StringComparison.Ordinal);
        Assert.Equal(2, json.Split("\"exponentformat\":\"power\"").Length - 1);
        var e = Assert.Throws<ArgumentException>(() => ChartStyle.Line([1.0], [1.0], "a", 0).WithAxisTitle("yaxis7", "none"));
        Assert.Contains("yaxis7", e.Message, StringComparison.Ordinal);
    }
}
