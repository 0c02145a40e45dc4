using System.Diagnostics;
using NotebookRunner.Export;

namespace NotebookRunner.Stages;

/// <summary>A stage that is one synchronous step reporting in text and returning an exit code: the site and the
/// kernel-free export. Its text goes to the run's log, its last line becomes the stage's summary.</summary>
/// <param name="name">The stage's name.</param>
/// <param name="step">The step: writes its report, returns <see cref="ExitCodes.Success"/> or a failure.</param>
public sealed class WriterStage(string name, Func<RunContext, TextWriter, int> step) : IStage
{
    /// <summary>Renders the site (<see cref="SiteStage"/>): the notebooks this run executed with their new outputs,
    /// every other notebook from its committed outputs, never from an executed copy an earlier run left behind.</summary>
    /// <returns>The stage.</returns>
    public static WriterStage Site() => new("site", (context, log) => SiteStage.Render(context.Layout,
        context.Runs.Where(r => r.Executed is not null).Select(r => r.Name).ToHashSet(StringComparer.Ordinal), log));

    /// <summary>Writes the kernel-free edition (<see cref="ExportStage"/>): the apps in notebooks/apps/ that changed.</summary>
    /// <returns>The stage.</returns>
    public static WriterStage Export() => new("export", (context, log) => ExportStage.Write(context.Layout, log));

    /// <inheritdoc/>
    public string Name => name;

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        using var log = new StringWriter();
        var code = step(context, log);
        var text = log.ToString().TrimEnd();
        context.Log(text);
        return Task.FromResult(new StageResult(Name, code == ExitCodes.Success ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed,
            text.Split('\n')[^1]));
    }
}
