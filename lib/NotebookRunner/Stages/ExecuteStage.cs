using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NotebookRunner.Stages;

/// <summary>
/// Executes the selected teacher notebooks (or loads their executed copies with <c>--no-execute</c>), at most
/// <c>--parallel</c> at a time, and checks or refreshes each as it finishes. A notebook that shows the run times
/// (notebook 00) runs after the others, once their times are recorded, so it shows this run's times.
/// </summary>
public sealed class ExecuteStage : IStage
{
    /// <inheritdoc/>
    public string Name => "execute";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var layout = context.Layout;
        var names = context.Selected;
        var check = new NotebookCheck(layout);
        var started = 0;

        async Task<NotebookOutcome> RunOneAsync(string name, CancellationToken cancellationToken)
        {
            context.Log($"[{Interlocked.Increment(ref started)}/{names.Count}] {name} ...");
            var report = new StringBuilder();
            NotebookOutcome outcome;
            try
            {
                var result = context.Options.NoExecute
                    ? LoadExisting(layout, name)
                    : await context.Executor.ExecuteAsync(name, context.Options.Timeout, context.Options.CellTimeout, cancellationToken).ConfigureAwait(false);
                context.Runs.Enqueue(result);
                outcome = check.Report(result, context.Options.Mode, report);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                report.Append(CultureInfo.InvariantCulture, $"  ERROR {name}: {e.Message}\n");
                outcome = new NotebookOutcome(name, false, 0, [e.Message], []);
            }
            context.Notebooks.Enqueue(outcome);
            context.Log(report.ToString().TrimEnd('\n'));
            return outcome;
        }

        var readers = names.Where(layout.ShowsRunTimes).ToArray();
        var outcomes = (await ThrottledLoop.RunAsync(names.Except(readers), context.Options.Parallel, RunOneAsync, context.CancellationToken)
            .ConfigureAwait(false)).ToList();
        if (readers.Length > 0)
        {
            if (!context.Options.NoExecute)
            {
                RunTimesStage.Record(context);
            }
            outcomes.AddRange(await ThrottledLoop.RunAsync(readers, context.Options.Parallel, RunOneAsync, context.CancellationToken)
                .ConfigureAwait(false));
        }
        var failed = outcomes.Count(o => !o.Passed);
        var summary = $"{names.Count} notebook(s): {names.Count - failed} ok, {failed} failed, in {Runner.Seconds(clock.Elapsed)}.";
        context.Log(summary);
        return new StageResult(Name, failed == 0 ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed, summary);
    }

    private static ExecutionResult LoadExisting(RepoLayout layout, string name)
    {
        var path = layout.ExecutedPath(name);
        var executed = File.Exists(path) ? NotebookFile.Load(path) : null;
        return new ExecutionResult(name, layout.CommittedPath(name), path, executed is null ? 1 : 0, false, TimeSpan.Zero,
            executed is null ? $"no executed copy at {path}: run without --no-execute first" : "", executed);
    }
}
