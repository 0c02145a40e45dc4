using System.Diagnostics;

namespace NotebookRunner.Stages;

/// <summary>Renders the site (<see cref="SiteStage"/>): the notebooks this run executed with their new outputs, every
/// other notebook from its committed outputs, never from an executed copy an earlier run left behind.</summary>
public sealed class SiteRenderStage : IStage
{
    /// <inheritdoc/>
    public string Name => "site";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var executedNow = context.Runs.Where(r => r.Executed is not null).Select(r => r.Name).ToHashSet(StringComparer.Ordinal);
        var log = new StringWriter();
        var code = SiteStage.Render(context.Layout, executedNow, log);
        var text = log.ToString().TrimEnd();
        context.Log(text);
        return Task.FromResult(new StageResult(Name, code == ExitCodes.Success ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed,
            text.Split('\n')[^1]));
    }
}
