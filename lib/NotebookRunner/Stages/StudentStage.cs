using System.Diagnostics;
using NotebookRunner.Editions;

namespace NotebookRunner.Stages;

/// <summary>Writes the student edition of every edition that has a selected notebook (the English one to
/// <c>artifacts/student/</c>, each translated one to <c>artifacts/student-&lt;language&gt;/</c>, see
/// <see cref="StudentEditionStage.DefaultRoot"/>), each with the recorded run times, and, unless nothing is executed,
/// executes the selected notebooks there and requires every check to say "not solved yet"
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
        var times = RunTimes.PathFor(context.Layout);
        var passed = true;
        var executed = 0;
        var editions = 0;
        foreach (var language in StudentEditionStage.Editions(context.Layout))
        {
            var names = context.Selected.Where(name => StudentEditionStage.EditionOf(name) == language).ToArray();
            if (names.Length == 0)
            {
                continue; // none of this edition's notebooks selected: its hand-out is left as it is
            }
            StudentEditionStage stage;
            try
            {
                stage = new StudentEditionStage(context.Executor, StudentEditionStage.DefaultRoot(context.Layout, language),
                    context.Layout.Config.Conventions, language);
            }
            catch (EditionException e)
            {
                context.Log("FAILED student edition: " + e.Message);
                passed = false;
                continue;
            }
            var (runs, ok) = await stage.RunAsync(names, !context.Options.NoExecute, context.Options.Parallel,
                context.Options.Timeout, context.Log, File.Exists(times) ? [times] : [], context.CancellationToken).ConfigureAwait(false);
            passed &= ok;
            editions++;
            executed += runs.Count;
            foreach (var run in runs)
            {
                context.StudentNotebooks.Enqueue(new NotebookOutcome(run.Name, !run.Failed, Math.Round(run.WallTime.TotalSeconds, 2),
                    run.Errors.Select(e => e.ToString()).ToArray(),
                    run.CellTimings.Select(t => new CellOutcome(t.CellNumber, t.Duration is { } d ? Math.Round(d.TotalSeconds, 3) : null, CellStatus.Ok, null)).ToArray()));
            }
        }
        var summary = passed
            ? $"student edition written ({editions} language(s)){(executed > 0 ? $", {executed} notebook(s) executed, every check not solved yet" : "")}"
            : "the student edition failed (see above)";
        return new StageResult(Name, passed ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed, summary);
    }
}
