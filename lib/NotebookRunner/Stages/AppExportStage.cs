using System.Diagnostics;
using NotebookRunner.Export;

namespace NotebookRunner.Stages;

/// <summary>Writes the kernel-free edition (<see cref="ExportStage"/>): the apps in notebooks/apps/ that changed.</summary>
public sealed class AppExportStage : IStage
{
    /// <inheritdoc/>
    public string Name => "export";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => false;

    /// <inheritdoc/>
    public Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        var log = new StringWriter();
        var code = ExportStage.Write(context.Layout, log);
        var text = log.ToString().TrimEnd();
        context.Log(text);
        return Task.FromResult(new StageResult(Name, code == ExitCodes.Success ? StageStatus.Passed : StageStatus.Failed, clock.Elapsed, text));
    }
}
