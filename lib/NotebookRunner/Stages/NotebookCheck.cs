using System.Globalization;
using System.Text;

namespace NotebookRunner.Stages;

/// <summary>
/// One executed notebook's verdict: its timings and errors as text, then the check (outputs compared with the committed
/// notebook) or the refresh (outputs copied into it), and the same as data for the report (<see cref="NotebookOutcome"/>).
/// </summary>
/// <param name="layout">The repository layout.</param>
public sealed class NotebookCheck(RepoLayout layout)
{
    private readonly OutputNormalizer normalizer = new(layout.Root, layout.Config.MaskChartNumbers, layout.Config.Masks);
    private readonly OutputNormalizer refreshNormalizer = new(layout.Root, maskChartNumbers: false, layout.Config.Masks);

    /// <summary>Appends one notebook's report (timings, errors, check or refresh outcome) and returns its outcome.</summary>
    /// <param name="result">The execution result.</param>
    /// <param name="mode">Check or refresh.</param>
    /// <param name="report">Where the text goes.</param>
    /// <returns>The outcome, per cell.</returns>
    public NotebookOutcome Report(ExecutionResult result, RunMode mode, StringBuilder report)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(report);
        var name = result.Name;
        var timings = result.CellTimings;
        var cells = timings.ToDictionary(t => t.CellNumber, t => new CellOutcome(t.CellNumber, t.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null, CellStatus.Ok, null));
        if (timings.Count > 0 && timings.All(t => t.Duration is null))
        {
            report.Append("  (dotnet-repl wrote no per-cell timestamps)\n");
        }
        foreach (var t in timings.Where(t => t.Duration is not null))
        {
            report.Append(CultureInfo.InvariantCulture, $"  cell {t.CellNumber,3}  {Runner.Seconds(t.Duration!.Value),9}\n");
        }
        var cellTime = timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + (t.Duration ?? TimeSpan.Zero));
        if (result.WallTime > TimeSpan.Zero)
        {
            report.Append(CultureInfo.InvariantCulture,
                $"  {name}: total {Runner.Seconds(result.WallTime)} (cells {Runner.Seconds(cellTime)}, kernel start and exit {Runner.Seconds(result.WallTime - cellTime)})\n");
        }

        var ok = true;
        var errors = new List<string>();
        void Mark(int cell, CellStatus status, string text) =>
            cells[cell] = (cells.TryGetValue(cell, out var c) ? c : new CellOutcome(cell, null, status, null)) with
            {
                Status = status,
                Differences = c?.Differences is { } earlier ? earlier + "\n" + text : text,
            };
        foreach (var error in result.Errors)
        {
            ok = false;
            errors.Add(error.ToString());
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {name} {Indent(error.ToString())}\n");
            if (error.CellNumber > 0)
            {
                Mark(error.CellNumber, CellStatus.Error, error.Message);
            }
        }
        if (result.HungCell is { } hung)
        {
            foreach (var later in cells.Keys.Where(k => k > hung).ToArray())
            {
                cells[later] = cells[later] with { Status = CellStatus.NotRun };
            }
            Mark(hung, CellStatus.Timeout, result.TimeoutMessage);
        }
        NotebookOutcome Outcome() => new(name, ok, Math.Round(result.WallTime.TotalSeconds, 2), errors,
            cells.Values.OrderBy(c => c.Cell).ToArray());
        if (result.Executed is null)
        {
            return Outcome();
        }

        foreach (var cell in ChartCells.Unrendered(result.Executed).Where(c => result.HungCell is null || c < result.HungCell))
        {
            ok = false;
            var text = $"cell {cell}: the chart did not render (no plotly div with data)";
            errors.Add(text);
            Mark(cell, CellStatus.Error, "the chart did not render (no plotly div with data)");
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {name} {text}\n");
        }

        try
        {
            var committed = NotebookFile.Load(result.CommittedPath);
            if (mode == RunMode.Check)
            {
                // Only cells that ran are compared: after a hung cell nothing ran, and the text report says so already.
                var differences = new OutputComparer(normalizer, layout.Config.Conventions).FindDifferences(committed, result.Executed)
                    .Where(d => result.HungCell is null || d.CellNumber < result.HungCell).ToArray();
                foreach (var difference in differences)
                {
                    Mark(difference.CellNumber, cells.TryGetValue(difference.CellNumber, out var c) && c.Status != CellStatus.Ok ? c.Status : CellStatus.Differs,
                        difference.Diff);
                }
                if (differences.Length == 0)
                {
                    report.Append(result.HungCell is null ? "  outputs match the committed notebook\n" : "  the outputs before the hung cell match the committed notebook\n");
                }
                else
                {
                    ok = false;
                    report.Append(CultureInfo.InvariantCulture,
                        $"  DIFFERS {name} {differences[0]}\n  (run the refresh command to accept the new outputs)\n");
                }
            }
            else if (!ok)
            {
                report.Append(CultureInfo.InvariantCulture, $"  not refreshed: {name} has errors\n");
            }
            else
            {
                var merged = OutputMerger.Merge(committed, result.Executed, refreshNormalizer);
                var before = File.ReadAllText(result.CommittedPath);
                var after = merged.ToJson();
                if (before == after)
                {
                    report.Append("  committed notebook already up to date\n");
                }
                else
                {
                    Runner.ReplaceAtomically(result.CommittedPath, after);
                    report.Append(CultureInfo.InvariantCulture, $"  refreshed {Path.GetRelativePath(layout.Root, result.CommittedPath)}\n");
                }
            }
        }
        catch (NotebookMismatchException e)
        {
            ok = false;
            errors.Add(e.Message);
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {e.Message}\n");
        }
        return Outcome();
    }

    private static string Indent(string text) => text.Replace("\n", "\n      ", StringComparison.Ordinal);
}
