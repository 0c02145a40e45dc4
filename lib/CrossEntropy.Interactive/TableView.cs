using System.Text;

namespace CrossEntropy.Interactive;

/// <summary>
/// A small table for display: column headers and rows of values, for example a softmax table
/// (logit, exp, probability) or a batch of per-example losses. Floating-point values are printed
/// with <see cref="Digits"/> decimals in the invariant culture; other values with their invariant text.
/// </summary>
/// <param name="Headers">The column headers.</param>
/// <param name="Rows">The rows; each must have one value per header.</param>
/// <param name="Digits">How many decimals floating-point values are printed with.</param>
/// <param name="Title">An optional caption.</param>
public sealed record TableView(
    IReadOnlyList<string> Headers,
    IReadOnlyList<IReadOnlyList<object?>> Rows,
    int Digits = 4,
    string? Title = null)
{
    /// <summary>The rows; each has one value per header.</summary>
    public IReadOnlyList<IReadOnlyList<object?>> Rows { get; init; } = Check(Headers, Rows, Digits);

    /// <summary>Builds a table from columns of numbers of equal length, e.g. logits next to their softmax.</summary>
    /// <param name="headers">One header per column.</param>
    /// <param name="columns">The columns, all of the same length.</param>
    /// <returns>The table, with 4 decimals.</returns>
    public static TableView FromColumns(IReadOnlyList<string> headers, params IReadOnlyList<double>[] columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        var length = columns.Length == 0 ? 0 : columns[0].Count;
        if (columns.Any(c => c.Count != length))
        {
            throw new ArgumentException("Every column must have the same length.", nameof(columns));
        }
        var rows = Enumerable.Range(0, length)
            .Select(i => (IReadOnlyList<object?>)columns.Select(c => (object?)c[i]).ToArray())
            .ToArray();
        return new TableView(headers, rows);
    }

    /// <summary>
    /// A plain-text rendering with aligned columns (numbers right-aligned, text left-aligned).
    /// Deterministic, so it is safe to compare in CI.
    /// </summary>
    /// <returns>The multi-line text.</returns>
    public override string ToString()
    {
        var cells = Rows.Select(r => r.Select(v => ValueText.Cell(v, Digits)).ToArray()).ToArray();
        var widths = Headers.Select((h, c) => Math.Max(h.Length, cells.Length == 0 ? 0 : cells.Max(r => r[c].Length))).ToArray();
        var sb = new StringBuilder();
        if (Title is not null)
        {
            sb.Append(Title).Append('\n');
        }
        // A header sits over its values: left for a text column, right for a number column.
        sb.Append(string.Join("  ", Headers.Select((h, c) =>
            Rows.Count > 0 && !ValueText.IsNumber(Rows[0][c]) ? h.PadRight(widths[c]) : h.PadLeft(widths[c]))).TrimEnd());
        sb.Append('\n').Append(string.Join("  ", widths.Select(w => new string('-', w))));
        for (var r = 0; r < Rows.Count; r++)
        {
            var line = string.Join("  ", cells[r].Select((text, c) =>
                ValueText.IsNumber(Rows[r][c]) ? text.PadLeft(widths[c]) : text.PadRight(widths[c])));
            sb.Append('\n').Append(line.TrimEnd());
        }
        return sb.ToString();
    }

    /// <summary>Renders the table as an HTML fragment with inline styles (no ids, no scripts).</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        const string cell = "padding:2px 8px;border-bottom:1px solid #ddd";
        var sb = new StringBuilder();
        sb.Append("<table style=\"border-collapse:collapse;font-family:monospace;font-size:13px\">");
        if (Title is not null)
        {
            sb.Append("<caption style=\"text-align:left;font-weight:bold;padding-bottom:4px\">")
              .Append(ValueText.Html(Title)).Append("</caption>");
        }
        sb.Append("<thead><tr>");
        for (var c = 0; c < Headers.Count; c++)
        {
            var align = Rows.Count > 0 && !ValueText.IsNumber(Rows[0][c]) ? "left" : "right";
            sb.Append("<th style=\"").Append(cell).Append(";text-align:").Append(align).Append("\">")
              .Append(ValueText.Html(Headers[c])).Append("</th>");
        }
        sb.Append("</tr></thead><tbody>");
        foreach (var row in Rows)
        {
            sb.Append("<tr>");
            foreach (var v in row)
            {
                sb.Append("<td style=\"").Append(cell).Append(";text-align:").Append(ValueText.IsNumber(v) ? "right" : "left")
                  .Append("\">").Append(ValueText.Html(ValueText.Cell(v, Digits))).Append("</td>");
            }
            sb.Append("</tr>");
        }
        sb.Append("</tbody></table>");
        return sb.ToString();
    }

    private static IReadOnlyList<IReadOnlyList<object?>> Check(
        IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<object?>> rows, int digits)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        for (var r = 0; r < rows.Count; r++)
        {
            if (rows[r].Count != headers.Count)
            {
                throw new ArgumentException(
                    $"Row {r} has {rows[r].Count} values but there are {headers.Count} headers.", nameof(rows));
            }
        }
        ArgumentOutOfRangeException.ThrowIfNegative(digits);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 15);
        return rows;
    }
}
