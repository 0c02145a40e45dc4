using System.Diagnostics;
using System.Globalization;
using System.Text;
using NotebookRunner.Stages;

namespace NotebookRunner;

/// <summary>
/// Runs a command as explicit stages over one <see cref="RunContext"/>: check and refresh are prepare, translate
/// (regenerate the translated editions), execute (check or refresh each notebook, translated ones too), record run times, student edition, site, kernel-free export; student is prepare and student
/// edition; site and export are prepare and that stage. A failed prepare or bad usage stops the run; a cancellation
/// (SIGINT, SIGTERM) stops it with every kernel killed. Every run ends by writing <c>artifacts/report.json</c>.
/// </summary>
/// <param name="layout">The repository layout.</param>
/// <param name="output">Where the report is written.</param>
public sealed class Runner(RepoLayout layout, TextWriter output)
{
    /// <summary>The stages a command runs, in order.</summary>
    /// <param name="options">The parsed command line.</param>
    /// <returns>The stages.</returns>
    public static IReadOnlyList<IStage> StagesFor(RunnerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        return options.Command switch
        {
            RunnerCommand.Student => [new PrepareStage(), new StudentStage()],
            RunnerCommand.Site => [new PrepareStage(), WriterStage.Site()],
            RunnerCommand.Export => [new PrepareStage(), WriterStage.Export()],
            _ => [
                new PrepareStage(), new TranslateStage(), new ExecuteStage(), new RunTimesStage(),
                .. options.NoStudent ? Array.Empty<IStage>() : [new StudentStage()],
                .. options.NoSite ? Array.Empty<IStage>() : [WriterStage.Site()],
                .. options.NoExport ? Array.Empty<IStage>() : [WriterStage.Export()],
            ],
        };
    }

    /// <summary>Runs the command's stages.</summary>
    /// <param name="options">The parsed command line.</param>
    /// <param name="cancellationToken">Stops the run (kernels are killed).</param>
    /// <returns>An <see cref="ExitCodes"/> value: 0 on success, 1 on any error or difference, 64 when a filter
    /// matches nothing, 130 when cancelled.</returns>
    public async Task<int> RunAsync(RunnerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var context = new RunContext(layout, options, output, cancellationToken);
        var status = ExitCodes.Success;
        try
        {
            foreach (var stage in StagesFor(options))
            {
                cancellationToken.ThrowIfCancellationRequested();
                var clock = Stopwatch.StartNew();
                StageResult result;
                try
                {
                    result = await stage.RunAsync(context).ConfigureAwait(false);
                }
                catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
                {
                    context.Stages.Add(new StageResult(stage.Name, StageStatus.Cancelled, clock.Elapsed, "cancelled"));
                    throw;
                }
                context.Stages.Add(result);
                status = Math.Max(status, result.ExitCode);
                if (result.Status == StageStatus.Usage || (result.Status == StageStatus.Failed && stage.StopsRunOnFailure))
                {
                    context.Log((result.Status == StageStatus.Usage ? "" : "FAILED: ") + result.Summary);
                    break;
                }
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            context.Log("cancelled: every kernel this run started was stopped.");
            status = ExitCodes.Cancelled;
        }
        finally
        {
            // Only the run that holds the lock writes the report: a run refused by the lock must not overwrite it.
            if (context.Lock is not null)
            {
                WriteReport(context, status);
                context.Lock.Dispose();
            }
        }
        return status;
    }

    private static void WriteReport(RunContext context, int status)
    {
        try
        {
            RunReport.Write(context, status);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            context.Log($"FAILED: {RunReport.PathFor(context.Layout)} could not be written: {e.Message}");
        }
    }

    /// <summary>
    /// Why <paramref name="directory"/> cannot take new files (it cannot be created, a file stands in its place,
    /// or a probe file cannot be written there), or null when it can.
    /// </summary>
    /// <param name="directory">The folder.</param>
    /// <returns>The reason, or null.</returns>
    public static string? CannotWrite(string directory)
    {
        try
        {
            Directory.CreateDirectory(directory);
            var probe = Path.Combine(directory, $".write-probe-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);
            return null;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return e.Message;
        }
    }

    /// <summary>
    /// Writes a new version of a committed notebook next to it, then renames it over the old one, so that a failed
    /// write (disk full, permissions) leaves the committed notebook as it was rather than truncated.
    /// </summary>
    /// <param name="path">The committed notebook.</param>
    /// <param name="text">Its new content.</param>
    public static void ReplaceAtomically(string path, string text)
    {
        ArgumentException.ThrowIfNullOrEmpty(path);
        var temporary = path + ".refresh-tmp";
        try
        {
            File.WriteAllText(temporary, text, new UTF8Encoding(false));
            File.Move(temporary, path, overwrite: true);
        }
        finally
        {
            if (File.Exists(temporary))
            {
                File.Delete(temporary);
            }
        }
    }

    /// <summary>Seconds with two decimals, e.g. <c>6.59 s</c>.</summary>
    /// <param name="t">The time.</param>
    /// <returns>The text.</returns>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
