using System.Text;

namespace NotebookRunner;

/// <summary>The first code cell whose outputs differ, with a short human-readable diff.</summary>
/// <param name="CellNumber">The cell's 1-based position among all cells.</param>
/// <param name="Diff">What differs: the first differing output part and a window around the first difference.</param>
public sealed record CellDifference(int CellNumber, string Diff)
{
    /// <summary>The cell number and the diff, for printing.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"cell {CellNumber}:\n{Diff}";
}

/// <summary>
/// Compares a committed notebook's outputs with an executed copy's, cell by cell, after normalization.
/// Cells tagged <see cref="NotebookConventions.MachineDependentTag"/> in the committed notebook are not compared: what they print
/// (timings, memory, the reader's processor) differs between machines by design. They still run, and an error
/// output in them still fails the run.
/// </summary>
/// <param name="normalizer">Decides what counts as the same output.</param>
/// <param name="conventions">Names the tag that exempts a cell; the course's when null.</param>
public sealed class OutputComparer(OutputNormalizer normalizer, NotebookConventions? conventions = null)
{
    private const int Window = 60;

    private readonly string machineDependentTag = (conventions ?? NotebookConventions.Default).MachineDependentTag;

    /// <summary>Finds the first code cell whose normalized outputs differ.</summary>
    /// <param name="committed">The committed notebook (expected).</param>
    /// <param name="executed">The freshly executed copy (actual).</param>
    /// <returns>The first difference, or null when all outputs match.</returns>
    /// <exception cref="NotebookMismatchException">The notebooks' cells do not line up.</exception>
    public CellDifference? FindFirstDifference(NotebookFile committed, NotebookFile executed) =>
        FindDifferences(committed, executed).FirstOrDefault();

    /// <summary>Every code cell whose normalized outputs differ, in order (the run report lists each cell's status).</summary>
    /// <param name="committed">The committed notebook (expected).</param>
    /// <param name="executed">The freshly executed copy (actual).</param>
    /// <returns>The differences, lazily; empty when all outputs match.</returns>
    /// <exception cref="NotebookMismatchException">The notebooks' cells do not line up.</exception>
    public IEnumerable<CellDifference> FindDifferences(NotebookFile committed, NotebookFile executed)
    {
        NotebookMismatchException.ThrowIfCellsDiffer(committed, executed);
        return Differences(committed.CodeCells, executed.CodeCells);
    }

    private IEnumerable<CellDifference> Differences(IReadOnlyList<(int Number, System.Text.Json.Nodes.JsonObject Cell)> expectedCells,
        IReadOnlyList<(int Number, System.Text.Json.Nodes.JsonObject Cell)> actualCells)
    {
        for (var i = 0; i < expectedCells.Count; i++)
        {
            if (NotebookFile.HasTag(expectedCells[i].Cell, machineDependentTag))
            {
                continue;
            }
            var expected = normalizer.Normalize(NotebookFile.Outputs(expectedCells[i].Cell));
            var actual = normalizer.Normalize(NotebookFile.Outputs(actualCells[i].Cell));
            if (Describe(expected, actual) is { } diff)
            {
                yield return new CellDifference(expectedCells[i].Number, diff);
            }
        }
    }

    /// <summary>Describes the first difference between two lists of normalized output blocks.</summary>
    /// <param name="expected">The committed blocks.</param>
    /// <param name="actual">The executed blocks.</param>
    /// <returns>A short diff, or null when equal.</returns>
    public static string? Describe(IReadOnlyList<string> expected, IReadOnlyList<string> actual)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(actual);
        for (var b = 0; b < Math.Max(expected.Count, actual.Count); b++)
        {
            if (b >= expected.Count)
            {
                return $"  committed has {expected.Count} output parts, executed has {actual.Count}; first extra:\n  + {Head(actual[b])}";
            }
            if (b >= actual.Count)
            {
                return $"  committed has {expected.Count} output parts, executed has {actual.Count}; first missing:\n  - {Head(expected[b])}";
            }
            if (!string.Equals(expected[b], actual[b], StringComparison.Ordinal))
            {
                return DescribeText(expected[b], actual[b]);
            }
        }
        return null;
    }

    // Shows the header of the differing part, the line number and a window around the first differing character.
    private static string DescribeText(string expected, string actual)
    {
        var e = expected.Split('\n');
        var a = actual.Split('\n');
        var sb = new StringBuilder();
        sb.Append("  in ").Append(e[0] == a[0] ? e[0] : $"{e[0]} (executed: {a[0]})").Append('\n');
        for (var line = 0; line < Math.Max(e.Length, a.Length); line++)
        {
            var el = line < e.Length ? e[line] : null;
            var al = line < a.Length ? a[line] : null;
            if (el == al)
            {
                continue;
            }
            var at = FirstDifference(el ?? "", al ?? "");
            var start = Math.Max(0, at - Window / 2);
            sb.Append("  line ").Append(line).Append(", column ").Append(at + 1).Append('\n')
              .Append("  - committed: ").Append(el is null ? "(no line)" : Excerpt(el, start)).Append('\n')
              .Append("  + executed:  ").Append(al is null ? "(no line)" : Excerpt(al, start));
            return sb.ToString();
        }
        return sb.Append("  (texts differ only in length)").ToString();
    }

    private static int FirstDifference(string x, string y)
    {
        var n = Math.Min(x.Length, y.Length);
        for (var i = 0; i < n; i++)
        {
            if (x[i] != y[i])
            {
                return i;
            }
        }
        return n;
    }

    private static string Excerpt(string s, int start)
    {
        if (start >= s.Length)
        {
            return s.Length > Window ? "…" + s[^Window..] : s;
        }
        var end = Math.Min(s.Length, start + Window);
        return (start > 0 ? "…" : "") + s[start..end] + (end < s.Length ? "…" : "");
    }

    private static string Head(string block)
    {
        var firstLines = string.Join(" ⏎ ", block.Split('\n').Take(3));
        return firstLines.Length > 2 * Window ? firstLines[..(2 * Window)] + "…" : firstLines;
    }
}
