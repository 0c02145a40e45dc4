using System.Globalization;
using System.Text;

namespace CrossEntropy.Interactive;

/// <summary>
/// A discrete probability distribution for display: one labelled probability per outcome,
/// rendered in a notebook as a compact table with a horizontal bar per outcome.
/// </summary>
/// <param name="Labels">The outcome labels, one per probability.</param>
/// <param name="Probabilities">The probabilities, in the same order as <paramref name="Labels"/>.</param>
/// <param name="Digits">How many decimals the probabilities are printed with.</param>
/// <param name="Title">An optional caption, for example <c>"q = softmax(z)"</c>.</param>
public sealed record DistributionView(
    IReadOnlyList<string> Labels,
    IReadOnlyList<double> Probabilities,
    int Digits = 4,
    string? Title = null)
{
    /// <summary>The outcome labels, one per probability.</summary>
    public IReadOnlyList<string> Labels { get; init; } = Check(Labels, Probabilities, Digits);

    /// <summary>Creates a view whose labels are the outcome indices 0, 1, 2, ….</summary>
    /// <param name="probabilities">The probabilities to show.</param>
    /// <param name="digits">How many decimals the probabilities are printed with.</param>
    /// <param name="title">An optional caption.</param>
    /// <returns>The view.</returns>
    public static DistributionView Of(IReadOnlyList<double> probabilities, int digits = 4, string? title = null) =>
        new(Enumerable.Range(0, probabilities.Count).Select(i => i.ToString(CultureInfo.InvariantCulture)).ToArray(),
            probabilities, digits, title);

    /// <summary>The sum of the probabilities (1 for a proper distribution, up to rounding).</summary>
    public double Sum => Probabilities.Sum();

    /// <summary>
    /// A plain-text rendering: the title and sum, then one line per outcome with its value and a bar of
    /// <c>#</c> characters (20 for probability 1). Deterministic, so it is safe to compare in CI.
    /// </summary>
    /// <returns>The multi-line text.</returns>
    public override string ToString()
    {
        var values = Probabilities.Select(p => ValueText.Fixed(p, Digits)).ToArray();
        var labelWidth = Labels.Count == 0 ? 0 : Labels.Max(l => l.Length);
        var valueWidth = values.Length == 0 ? 0 : values.Max(v => v.Length);
        var sb = new StringBuilder();
        sb.Append(Title ?? "Distribution").Append(" (").Append(Labels.Count).Append(" outcomes, sum = ")
          .Append(ValueText.Fixed(Sum, Digits)).Append(')');
        for (var i = 0; i < Labels.Count; i++)
        {
            var line = $"  {Labels[i].PadRight(labelWidth)}  {values[i].PadLeft(valueWidth)}  {new string('#', BarUnits(Probabilities[i], 20))}";
            sb.Append('\n').Append(line.TrimEnd());
        }
        return sb.ToString();
    }

    /// <summary>Renders the view as a small HTML table with inline-CSS bars (no ids, no scripts).</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        var sb = new StringBuilder();
        sb.Append("<table style=\"border-collapse:collapse;font-family:monospace;font-size:13px\">");
        if (Title is not null)
        {
            sb.Append("<caption style=\"text-align:left;font-weight:bold;padding-bottom:4px\">")
              .Append(ValueText.Html(Title)).Append("</caption>");
        }
        sb.Append("<thead><tr>")
          .Append("<th style=\"text-align:left;padding:2px 8px\">outcome</th>")
          .Append("<th style=\"text-align:right;padding:2px 8px\">probability</th>")
          .Append("<th style=\"padding:2px 8px\"></th></tr></thead><tbody>");
        for (var i = 0; i < Labels.Count; i++)
        {
            var p = Probabilities[i];
            // Width in whole tenths of a percent keeps the HTML text stable against last-bit noise.
            var permille = BarUnits(p, 1000);
            var percent = (permille / 10).ToString(CultureInfo.InvariantCulture) + "." +
                          (permille % 10).ToString(CultureInfo.InvariantCulture);
            sb.Append("<tr>")
              .Append("<td style=\"text-align:left;padding:2px 8px\">").Append(ValueText.Html(Labels[i])).Append("</td>")
              .Append("<td style=\"text-align:right;padding:2px 8px\">").Append(ValueText.Fixed(p, Digits)).Append("</td>")
              .Append("<td style=\"padding:2px 8px;width:200px\"><div style=\"background:#4c78a8;height:12px;width:")
              .Append(percent).Append("%\"></div></td></tr>");
        }
        sb.Append("</tbody><tfoot><tr><td style=\"text-align:left;padding:2px 8px\">sum</td>")
          .Append("<td style=\"text-align:right;padding:2px 8px\">").Append(ValueText.Fixed(Sum, Digits))
          .Append("</td><td></td></tr></tfoot></table>");
        return sb.ToString();
    }

    // Bar length in units of 1/scale, clamped to [0, scale]; NaN draws no bar.
    private static int BarUnits(double p, int scale) =>
        double.IsNaN(p) ? 0 : (int)Math.Round(Math.Clamp(p, 0.0, 1.0) * scale, MidpointRounding.AwayFromZero);

    private static IReadOnlyList<string> Check(IReadOnlyList<string> labels, IReadOnlyList<double> probabilities, int digits)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(probabilities);
        if (labels.Count != probabilities.Count)
        {
            throw new ArgumentException(
                $"{labels.Count} labels but {probabilities.Count} probabilities: give one label per probability.",
                nameof(labels));
        }
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 15);
        return labels;
    }
}
