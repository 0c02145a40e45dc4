using System.Diagnostics;

namespace NotebookRunner.Stages;

/// <summary>Records the run times of the teacher notebooks this run executed in <c>artifacts/run-times.json</c>
/// (notebook 00 shows them; the student edition hands them out), whether or not the student edition runs.</summary>
public sealed class RunTimesStage : IStage
{
    /// <inheritdoc/>
    public string Name => "run-times";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        if (context.Options.NoExecute)
        {
            return Task.FromResult(new StageResult(Name, StageStatus.Passed, clock.Elapsed, "nothing executed, nothing recorded"));
        }
        try
        {
            var recorded = Record(context);
            return Task.FromResult(new StageResult(Name, StageStatus.Passed, clock.Elapsed,
                $"{recorded} time(s) recorded in {Path.GetRelativePath(context.Layout.Root, RunTimes.PathFor(context.Layout))}"));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException)
        {
            var summary = $"FAILED: the run times could not be recorded: {e.Message}";
            context.Log(summary);
            return Task.FromResult(new StageResult(Name, StageStatus.Failed, clock.Elapsed, summary));
        }
    }

    /// <summary>Merges the times of this run's successful notebooks into the file.</summary>
    /// <param name="context">The run.</param>
    /// <returns>How many times were recorded.</returns>
    public static int Record(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var runs = context.Runs.ToArray();
        RunTimes.Record(RunTimes.PathFor(context.Layout), runs);
        return runs.Count(r => !r.Failed && r.WallTime > TimeSpan.Zero);
    }
}
