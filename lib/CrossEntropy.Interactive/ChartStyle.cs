using Plotly.NET;
using Plotly.NET.LayoutObjects;
using CSharpChart = Plotly.NET.CSharp.Chart;
using CSharpExtensions = Plotly.NET.CSharp.GenericChartExtensions;

namespace CrossEntropy.Interactive;

/// <summary>
/// The one place every notebook chart takes its look from: the Okabe–Ito colour-blind-safe palette, line helpers
/// that give each series its colour and dash, and <see cref="Styled"/>, which adds a title, axis titles, power-of-ten
/// tick labels on log axes and a horizontal legend below the plot (so it never takes width from the data).
/// </summary>
public static class ChartStyle
{
    /// <summary>
    /// The Okabe–Ito palette (Okabe and Ito, "Color Universal Design", 2008): blue, orange, bluish green,
    /// vermillion, reddish purple, sky blue, yellow, black. Distinguishable with every common colour-vision deficiency.
    /// </summary>
    public static IReadOnlyList<string> OkabeIto { get; } =
        ["#0072B2", "#E69F00", "#009E73", "#D55E00", "#CC79A7", "#56B4E9", "#F0E442", "#000000"];

    /// <summary>How far below the plot a slider starts, in pixels: under the x axis's title and the legend.</summary>
    internal const int SliderOffset = 100;

    /// <summary>The height a slider adds to a chart, in pixels (its current value, rail and step labels).</summary>
    internal const int SliderRoom = 90;

    /// <summary>The palette colour with this index (cycling), as a Plotly colour.</summary>
    /// <param name="index">0 for blue, 1 for orange, 2 for green, 3 for vermillion, …</param>
    /// <returns>The colour.</returns>
    public static Color Colour(int index) => Color.fromHex(OkabeIto[((index % OkabeIto.Count) + OkabeIto.Count) % OkabeIto.Count]);

    /// <summary>A line in palette colour <paramref name="colour"/>, optionally dashed or with markers.</summary>
    /// <param name="x">The x values.</param>
    /// <param name="y">The y values (NaN and ∞ draw as gaps).</param>
    /// <param name="name">The legend entry.</param>
    /// <param name="colour">The palette index.</param>
    /// <param name="dash">A dash style, so a line drawn over another stays visible.</param>
    /// <param name="markers">Draw a marker at every point as well.</param>
    /// <param name="width">The line width in pixels.</param>
    /// <returns>The chart.</returns>
    public static GenericChart Line(IEnumerable<double> x, IEnumerable<double> y, string name, int colour,
        StyleParam.DrawingStyle? dash = null, bool markers = false, double width = 2)
    {
        ArgumentNullException.ThrowIfNull(x);
        ArgumentNullException.ThrowIfNull(y);
        return dash is null
            ? CSharpChart.Line<double, double, string>(x, y, ShowMarkers: markers, Name: name,
                LineColor: Colour(colour), MarkerColor: Colour(colour), LineWidth: width)
            : CSharpChart.Line<double, double, string>(x, y, ShowMarkers: markers, Name: name,
                LineColor: Colour(colour), MarkerColor: Colour(colour), LineWidth: width, LineDash: dash);
    }

    /// <summary>
    /// A horizontal dotted line at <paramref name="level"/> from <paramref name="from"/> to <paramref name="to"/>,
    /// in the colour of the curve whose floor (or limit) it marks.
    /// </summary>
    /// <param name="from">The first x.</param>
    /// <param name="to">The last x.</param>
    /// <param name="level">The y value.</param>
    /// <param name="name">The legend entry.</param>
    /// <param name="colour">The palette index of the curve it belongs to.</param>
    /// <returns>The chart.</returns>
    public static GenericChart Level(double from, double to, double level, string name, int colour) =>
        Line([from, to], [level, level], name, colour, StyleParam.DrawingStyle.Dot, width: 1.5);

    /// <summary>
    /// Gives a chart its title and axis titles, makes the requested axes logarithmic with power-of-ten tick labels
    /// (10⁻⁶, not "1µ"), and puts the legend in one row below the plot.
    /// </summary>
    /// <param name="chart">The chart (single or combined).</param>
    /// <param name="title">The chart's title: what it shows.</param>
    /// <param name="xTitle">The x-axis title, with its unit.</param>
    /// <param name="yTitle">The y-axis title, with its unit.</param>
    /// <param name="logX">Logarithmic x axis.</param>
    /// <param name="logY">Logarithmic y axis.</param>
    /// <param name="yRange">An optional fixed y range (in log₁₀ units for a log axis, as plotly.js expects).</param>
    /// <param name="xRange">An optional fixed x range (in log₁₀ units for a log axis).</param>
    /// <param name="height">The height in pixels (taller for a chart of stacked panels); a chart with a slider gets room for it on top of this.</param>
    /// <param name="yZeroLine">False to leave out plotly's zero line of the y axis: needed when a dotted or dashed curve
    /// lies on y = 0, because the solid zero line drawn beneath it fills its gaps and it reads as solid.</param>
    /// <returns>The styled chart.</returns>
    public static GenericChart Styled(this GenericChart chart, string title, string xTitle, string yTitle,
        bool logX = false, bool logY = false, (double Min, double Max)? yRange = null, (double Min, double Max)? xRange = null,
        int height = 520, bool yZeroLine = true)
    {
        ArgumentNullException.ThrowIfNull(chart);
        chart = xRange is { } x
            ? CSharpExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle,
                AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear, MinMax: Tuple.Create(x.Min, x.Max))
            : CSharpExtensions.WithXAxisStyle<double, double, string>(chart, TitleText: xTitle,
                AxisType: logX ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);
        chart = yRange is { } r
            ? CSharpExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle,
                AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear, MinMax: Tuple.Create(r.Min, r.Max))
            : CSharpExtensions.WithYAxisStyle<double, double, string>(chart, TitleText: yTitle,
                AxisType: logY ? StyleParam.AxisType.Log : StyleParam.AxisType.Linear);
        var layout = GenericChart.getLayout(chart);
        layout.SetProperty("title", Dynamic(("text", title), ("x", 0.02)));
        layout.SetProperty("legend", Dynamic(("orientation", "h"), ("x", 0.0), ("xanchor", "left"), ("y", -0.18), ("yanchor", "top")));
        // A slider (ChartSlider) goes below the legend: the chart grows by its height.
        var slider = layout.TryGetPropertyValue("sliders") is null ? 0 : SliderRoom;
        layout.SetProperty("margin", Dynamic(("t", 60), ("b", 110 + slider)));
        layout.SetProperty("width", 800);
        layout.SetProperty("height", height + slider);
        PowerTicks(layout, "xaxis", logX);
        PowerTicks(layout, "yaxis", logY);
        if (!yZeroLine && layout.TryGetPropertyValue("yaxis")?.Value is DynamicObj.DynamicObj yAxis)
        {
            yAxis.SetProperty("zeroline", false);
        }
        return chart;
    }

    /// <summary>
    /// Styles one more axis of a chart with several axes (a second panel, or a second y axis): its title, and
    /// power-of-ten tick labels when logarithmic. The axis must already exist in the layout.
    /// </summary>
    /// <param name="chart">The chart.</param>
    /// <param name="axis">The layout key, e.g. <c>"yaxis2"</c>.</param>
    /// <param name="title">The axis title, with its unit.</param>
    /// <param name="log">Whether the axis is logarithmic.</param>
    /// <returns>The chart.</returns>
    public static GenericChart WithAxisTitle(this GenericChart chart, string axis, string title, bool log = false)
    {
        ArgumentNullException.ThrowIfNull(chart);
        var layout = GenericChart.getLayout(chart);
        // FSharpOption: None is null.
        if (layout.TryGetPropertyValue(axis)?.Value is not DynamicObj.DynamicObj axisObject)
        {
            throw new ArgumentException($"The chart's layout has no axis '{axis}'.", nameof(axis));
        }
        axisObject.SetProperty("title", Dynamic(("text", title)));
        if (log)
        {
            axisObject.SetProperty("type", "log");
        }
        PowerTicks(layout, axis, log);
        return chart;
    }

    private static void PowerTicks(Layout layout, string axis, bool log)
    {
        if (log && layout.TryGetPropertyValue(axis)?.Value is DynamicObj.DynamicObj axisObject)
        {
            axisObject.SetProperty("exponentformat", "power");
        }
    }

    /// <summary>A plotly object with these properties (a layout part, a slider, a slider step).</summary>
    internal static DynamicObj.DynamicObj Dynamic(params (string Key, object Value)[] properties)
    {
        var result = new DynamicObj.DynamicObj();
        foreach (var (key, value) in properties)
        {
            result.SetProperty(key, value);
        }
        return result;
    }
}
