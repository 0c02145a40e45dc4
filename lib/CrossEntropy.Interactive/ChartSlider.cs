using System.Globalization;
using Plotly.NET;
using CSharpChart = Plotly.NET.CSharp.Chart;

namespace CrossEntropy.Interactive;

/// <summary>
/// Charts that move without a kernel: one frame of traces per value of a parameter, all computed when the cell runs,
/// and a plotly.js slider whose steps show one frame and hide the others (a <c>restyle</c> of <c>visible</c>). The
/// slider is part of the figure itself, so it works wherever plotly.js draws the chart: a notebook output in VS Code
/// or Jupyter, the offline site, and the kernel-free apps' chart pages.
/// </summary>
public static class ChartSlider
{
    /// <summary>
    /// Builds the frames for <paramref name="values"/> and a slider over them. Style the result with
    /// <see cref="ChartStyle.Styled"/> as any chart, giving fixed axis ranges so that the axes stay put between steps.
    /// </summary>
    /// <typeparam name="T">The parameter's type.</typeparam>
    /// <param name="parameter">The parameter's name as the slider shows it, e.g. <c>"T"</c>.</param>
    /// <param name="values">The parameter's values, one slider step each, in slider order (at least one).</param>
    /// <param name="frame">The traces for one value (a chart, single or combined; every frame draws the same series).</param>
    /// <param name="label">How a value is written on the slider; invariant-culture <c>ToString()</c> when omitted.</param>
    /// <param name="active">The index of the value shown first.</param>
    /// <returns>One chart holding every frame's traces, only the active frame's visible, and the slider.</returns>
    /// <exception cref="ArgumentException">No values, <paramref name="active"/> out of range, or a frame without traces.</exception>
    public static GenericChart Over<T>(string parameter, IReadOnlyList<T> values, Func<T, GenericChart> frame,
        Func<T, string>? label = null, int active = 0)
    {
        ArgumentException.ThrowIfNullOrEmpty(parameter);
        ArgumentNullException.ThrowIfNull(values);
        ArgumentNullException.ThrowIfNull(frame);
        if (values.Count == 0)
        {
            throw new ArgumentException("A slider needs at least one value.", nameof(values));
        }
        if (active < 0 || active >= values.Count)
        {
            throw new ArgumentOutOfRangeException(nameof(active), active, $"There are {values.Count} values.");
        }
        label ??= v => Convert.ToString(v, CultureInfo.InvariantCulture) ?? "";

        var frames = new List<GenericChart>(values.Count);
        var owner = new List<int>();   // the frame of each trace, in drawing order
        for (var i = 0; i < values.Count; i++)
        {
            var chart = frame(values[i]);
            var traces = GenericChart.getTraces(chart).ToList();
            if (traces.Count == 0)
            {
                throw new ArgumentException($"The frame for {parameter} = {label(values[i])} (value {i}) has no traces.", nameof(frame));
            }
            foreach (var trace in traces)
            {
                trace.SetProperty("visible", i == active);
                owner.Add(i);
            }
            frames.Add(chart);
        }

        var combined = CSharpChart.Combine(frames);
        var steps = values.Select((value, i) => ChartStyle.Dynamic(
            ("method", "restyle"),
            ("label", label(value)),
            ("args", new object[] { ChartStyle.Dynamic(("visible", owner.Select(o => o == i).ToArray())) }))).ToArray();
        var slider = ChartStyle.Dynamic(
            ("active", active),
            ("steps", steps),
            ("currentvalue", ChartStyle.Dynamic(("prefix", parameter + " = "), ("visible", true), ("xanchor", "left"))),
            ("x", 0.0), ("len", 1.0), ("y", 0.0), ("yanchor", "top"),
            ("pad", ChartStyle.Dynamic(("t", ChartStyle.SliderOffset), ("b", 10))));
        GenericChart.getLayout(combined).SetProperty("sliders", new object[] { slider });
        return combined;
    }
}
