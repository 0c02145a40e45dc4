using System.Diagnostics;
using System.Text.Json;

namespace NotebookRunner.Stages;

/// <summary>
/// Everything that can fail before a kernel starts, checked before one does: a writable <c>artifacts/</c> (and
/// <c>notebooks/executed/</c> when executing), the clone's lock, the notebook selection (bad usage when a filter
/// matches nothing), every notebook's JSON (one line: file, line, what is wrong), then the tool restore and the library build.
/// </summary>
public sealed class PrepareStage : IStage
{
    /// <inheritdoc/>
    public string Name => "prepare";

    /// <inheritdoc/>
    public bool StopsRunOnFailure => true;

    /// <inheritdoc/>
    public async Task<StageResult> RunAsync(RunContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var clock = Stopwatch.StartNew();
        StageResult Result(StageStatus status, string summary) => new(Name, status, clock.Elapsed, summary);
        var layout = context.Layout;
        var folders = context.Executes ? new[] { context.ArtifactsDirectory, layout.ExecutedDirectory } : [context.ArtifactsDirectory];
        foreach (var folder in folders)
        {
            if (Runner.CannotWrite(folder) is { } reason)
            {
                return Result(StageStatus.Failed, $"cannot write to {folder}: {reason} Nothing was executed.");
            }
        }
        context.Lock = RunLock.TryAcquire(context.ArtifactsDirectory);
        if (context.Lock is null)
        {
            return Result(StageStatus.Failed, $"another runner is working in this clone (it holds {Path.Combine(context.ArtifactsDirectory, RunLock.FileName)}); " +
                "wait for it to finish or stop it.");
        }
        var all = layout.NumberedNotebooks();
        if (all.Count == 0)
        {
            return Result(StageStatus.Failed, $"No notebooks ({layout.Config.Notebooks}) in {layout.NotebooksDirectory}.");
        }
        // A check or refresh also runs the translated editions' notebooks (the translate stage regenerates them first);
        // the student command hands out every edition, so it selects among them too.
        var candidates = context.ChecksNotebooks || context.Options.Command == RunnerCommand.Student
            ? [.. all, .. Translation.TranslationStage.NotebooksOf(layout, all)]
            : all;
        context.Selected = candidates.Where(context.Options.Selects).ToArray();
        if (context.Selected.Count == 0)
        {
            return Result(StageStatus.Usage, $"No notebook matches {string.Join(", ", context.Options.Notebooks)}; there are: {string.Join(", ", candidates)}.");
        }
        foreach (var name in candidates.Where(name => File.Exists(layout.CommittedPath(name))))
        {
            if (Unreadable(layout.CommittedPath(name), layout.Root) is { } problem)
            {
                return Result(StageStatus.Failed, problem);
            }
        }
        if (context.Executes && !context.Options.SkipPrepare)
        {
            try
            {
                await context.Executor.PrepareAsync(new LogWriter(context), context.CancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                return Result(StageStatus.Failed, e.Message);
            }
        }
        return Result(StageStatus.Passed, $"{context.Selected.Count} of {candidates.Count} notebook(s) selected");
    }

    /// <summary>Why a notebook file cannot be loaded, in one line (file, line, column, what is wrong), or null when it loads.</summary>
    /// <param name="path">The notebook.</param>
    /// <param name="root">The repository root (the file is named relative to it).</param>
    /// <returns>The line, or null.</returns>
    public static string? Unreadable(string path, string root)
    {
        var name = Path.GetRelativePath(root, path);
        try
        {
            NotebookFile.Load(path);
            return null;
        }
        catch (Exception ex) when ((ex as JsonException ?? ex.InnerException as JsonException) is { } e)
        {
            // System.Text.Json appends "Path: $ | LineNumber: 3 | BytePositionInLine: 4." to its message; the position
            // is given once, first, counted from 1 as editors do.
            var what = e.Message;
            var cut = what.IndexOf(" Path: ", StringComparison.Ordinal) is var p and >= 0 ? p : what.IndexOf(" LineNumber:", StringComparison.Ordinal);
            what = cut >= 0 ? what[..cut] : what;
            return $"{name}: line {e.LineNumber + 1}, column {e.BytePositionInLine + 1}: not valid JSON: {what.Trim()}";
        }
        catch (InvalidDataException e)
        {
            return $"{name}: {e.Message}";
        }
    }

    /// <summary>Forwards the executor's progress lines to the run's log.</summary>
    private sealed class LogWriter(RunContext context) : StringWriter
    {
        public override void WriteLine(string? value) => context.Log(value ?? "");

        public override Task WriteLineAsync(string? value)
        {
            context.Log(value ?? "");
            return Task.CompletedTask;
        }
    }
}
