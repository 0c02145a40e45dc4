using System.Diagnostics;
using NotebookRunner.Editions;

namespace NotebookRunner.Stages;

/// <summary>Writes the student edition to <c>artifacts/student/</c> (with the recorded run times) and, unless nothing
/// is executed, executes the selected notebooks there and requires every check to say "not solved yet"
/// (<see cref="StudentEditionStage"/>); each notebook is reported as it finishes.</summary>
public sealed class StudentStage : IStage
{
    /// <inheritdoc/>
    public string Name => "student";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var stage = new StudentEditionStage(context.Executor, StudentEditionStage.DefaultRoot(context.Layout), context.Layout.Config.Conventions);
        var times = RunTimes.PathFor(context.Layout);
        // The student edition is the English one (a translated edition's hand-out is not built yet).
        var english = context.Selected.Where(name => !Translation.TranslatedEdition.IsTranslatedNotebook(name)).ToArray();
        var (runs, passed) = await stage.RunAsync(english, !context.Options.NoExecute, context.Options.Parallel,
            context.Options.Timeout, context.Log, File.Exists(times) ? [times] : [], context.CancellationToken).ConfigureAwait(false);
        foreach (var run in runs)
        {
            context.StudentNotebooks.Enqueue(new NotebookOutcome(run.Name, !run.Failed, Math.Round(run.WallTime.TotalSeconds, 2),
                run.Errors.Select(e => e.ToString()).ToArray(),
                run.CellTimings.Select(t => new CellOutcome(t.CellNumber, t.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null, CellStatus.Ok, null)).ToArray()));
        }
        var summary = passed
            ? $"student edition written{(runs.Count > 0 ? $", {runs.Count} notebook(s) executed, every check not solved yet" : "")}"
            : "the student edition failed (see above)";
        return new StageResult(Name, passed ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed, summary);
    }
}
