using System.Diagnostics;
using NotebookRunner.Translation;

namespace NotebookRunner.Stages;

/// <summary>
/// Regenerates the translated editions from the English notebooks before anything executes, so a code fix in English
/// reaches every edition, and reports each translated cell out of step with the English (one line each). A finding
/// fails the stage but not the run: the notebooks still execute, so one run reports everything.
/// </summary>
public sealed class TranslateStage : IStage
{
    /// <inheritdoc/>
    public string Name => "translate";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var (notebooks, inStep) = TranslationStage.Regenerate(context.Layout, context.Log);
        var summary = $"{notebooks.Count} translated notebook(s) regenerated, "
            + (inStep ? "in step with the English" : "cells out of step with the English (see above)");
        return Task.FromResult(new StageResult(Name, inStep ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed, summary));
    }
}
