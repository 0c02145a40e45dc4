using System.Globalization;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>One code cell's execution time, from dotnet-repl's per-cell metadata.</summary>
/// <param name="CellNumber">The cell's 1-based position among all cells.</param>
/// <param name="Duration">End minus start time; null when dotnet-repl wrote no timestamps.</param>
public sealed record CellTiming(int CellNumber, TimeSpan? Duration);

/// <summary>An error found in an executed notebook.</summary>
/// <param name="CellNumber">The cell's 1-based position among all cells; 0 for a failure of the whole run.</param>
/// <param name="Message">The error text.</param>
public sealed record CellError(int CellNumber, string Message)
{
    /// <summary>"cell N: message" (or just the message for a whole-run failure).</summary>
    /// <returns>The text.</returns>
    public override string ToString() => CellNumber > 0 ? $"cell {CellNumber}: {Message}" : Message;
}

/// <summary>The outcome of running one notebook with dotnet-repl.</summary>
/// <param name="Name">The notebook's file name.</param>
/// <param name="CommittedPath">The committed notebook's path.</param>
/// <param name="ExecutedPath">Where dotnet-repl wrote the executed copy.</param>
/// <param name="ExitCode">dotnet-repl's exit code: 0 ok, 2 when a cell output is an error, -1 when killed on timeout.</param>
/// <param name="TimedOut">Whether the run was killed for taking too long.</param>
/// <param name="WallTime">Total wall-clock time, kernel start and exit included.</param>
/// <param name="ProcessOutput">What dotnet-repl printed (usually nothing on success).</param>
/// <param name="Executed">The executed copy, when it was written and parses.</param>
/// <param name="LoadError">Why the executed copy could not be read, if it could not.</param>
/// <param name="HungCell">The 1-based number of the cell that was running when the run was stopped for its time limit.</param>
/// <param name="CellLimit">The per-cell limit that cell exceeded; null when the notebook's limit stopped it.</param>
public sealed record ExecutionResult(
    string Name,
    string CommittedPath,
    string ExecutedPath,
    int ExitCode,
    bool TimedOut,
    TimeSpan WallTime,
    string ProcessOutput,
    NotebookFile? Executed,
    string? LoadError = null,
    int? HungCell = null,
    TimeSpan? CellLimit = null)
{
    /// <summary>What stopped a timed-out run, naming the cell that was running when it is known.</summary>
    public string TimeoutMessage => (HungCell, CellLimit) switch
    {
        ({ } cell, { } limit) => $"cell {cell} ran longer than the {limit.TotalSeconds:F0} s cell limit and was stopped; the cells after it did not run",
        ({ } cell, null) => $"timed out after {WallTime.TotalSeconds:F0} s while cell {cell} was running and was stopped; the cells after it did not run",
        _ => $"timed out after {WallTime.TotalSeconds:F0} s and was stopped",
    };

    /// <summary>dotnet-repl's per-cell metadata keys (ISO 8601 timestamps).</summary>
    public const string StartKey = "dotnet_repl_cellExecutionStartTime";

    /// <summary>See <see cref="StartKey"/>.</summary>
    public const string EndKey = "dotnet_repl_cellExecutionEndTime";

    /// <summary>Per-code-cell times (empty when no executed copy).</summary>
    public IReadOnlyList<CellTiming> CellTimings => Executed?.CodeCells
        .Select(c => new CellTiming(c.Number, Duration(c.Cell)))
        .ToArray() ?? [];

    /// <summary>
    /// Every error: each cell output of type <c>error</c> or stream <c>stderr</c>, plus whole-run failures
    /// (timeout, no executed copy, a non-zero exit code with no error output to explain it).
    /// </summary>
    public IReadOnlyList<CellError> Errors
    {
        get
        {
            var errors = new List<CellError>();
            if (TimedOut)
            {
                errors.Add(new CellError(0, TimeoutMessage));
            }
            if (Executed is null)
            {
                errors.Add(new CellError(0, LoadError ?? $"dotnet-repl wrote no executed copy (exit code {ExitCode})"
                    + (string.IsNullOrWhiteSpace(ProcessOutput) ? "" : ":\n" + ProcessOutput.TrimEnd())));
                return errors;
            }
            foreach (var cell in Executed.View().CodeCells)
            {
                foreach (var output in cell.Outputs)
                {
                    if (output.Type == "error")
                    {
                        errors.Add(new CellError(cell.Number, $"{output.ErrorName}: {output.ErrorValue}".TrimEnd()));
                    }
                    else if (output.Type == "stream" && output.StreamName == "stderr")
                    {
                        errors.Add(new CellError(cell.Number, "stderr: " + output.Text.TrimEnd()));
                    }
                }
            }
            if (errors.Count == 0 && ExitCode != 0)
            {
                errors.Add(new CellError(0, $"dotnet-repl exited with code {ExitCode} but no cell shows an error"
                    + (string.IsNullOrWhiteSpace(ProcessOutput) ? "" : ":\n" + ProcessOutput.TrimEnd())));
            }
            return errors;
        }
    }

    /// <summary>Whether the run failed (any error, see <see cref="Errors"/>).</summary>
    public bool Failed => Errors.Count > 0;

    private static TimeSpan? Duration(JsonObject cell)
    {
        var metadata = cell["metadata"] as JsonObject;
        return Parse(metadata?[StartKey]) is { } start && Parse(metadata?[EndKey]) is { } end ? end - start : null;
    }

    private static DateTimeOffset? Parse(JsonNode? node) =>
        node is JsonValue v && v.TryGetValue(out string? s)
        && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind, out var t)
            ? t
            : null;
}
