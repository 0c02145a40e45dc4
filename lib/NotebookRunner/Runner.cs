using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NotebookRunner;

/// <summary>The runner's main job: prepare, execute, report, then check or refresh. Returns an exit code.</summary>
/// <param name="layout">The repository layout.</param>
/// <param name="output">Where the report is written.</param>
public sealed class Runner(RepoLayout layout, TextWriter output)
{
    private readonly Lock gate = new();
    private readonly OutputNormalizer normalizer = new(layout.Root);
    private readonly OutputNormalizer refreshNormalizer = new(layout.Root, maskChartNumbers: false);

    /// <summary>Runs with the given options.</summary>
    /// <param name="options">The parsed command line.</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>An <see cref="ExitCodes"/> value: 0 on success, 1 on any error or difference, 64 when a filter matches nothing.</returns>
    public async Task<int> RunAsync(RunnerOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var english = layout.NumberedNotebooks();
        if (english.Count == 0)
        {
            Write($"No numbered notebooks (notebooks/[0-9][0-9]-*.ipynb) in {layout.NotebooksDirectory}.");
            return ExitCodes.Failure;
        }
        // The translated editions are regenerated from the English first, then executed and checked like it.
        var (translated, translationsInStep) = Translation.TranslationStage.Regenerate(layout, Write);
        var all = english.Concat(translated).ToArray();
        var names = all.Where(options.Selects).ToArray();
        if (names.Length == 0)
        {
            Write($"No notebook matches {string.Join(", ", options.Notebooks)}; there are: {string.Join(", ", all)}.");
            return ExitCodes.Usage;
        }
        if (!options.NoExecute && CannotWrite(layout.ExecutedDirectory) is { } reason)
        {
            Write($"FAILED: cannot write the executed copies to {layout.ExecutedDirectory}: {reason}\n" +
                  "Remove whatever is in its place or make it writable; no committed notebook was touched.");
            return ExitCodes.Failure;
        }

        var executor = new Executor(layout);
        if (!options.NoExecute && !options.SkipPrepare)
        {
            try
            {
                await executor.PrepareAsync(output, cancellationToken).ConfigureAwait(false);
            }
            catch (InvalidOperationException e)
            {
                Write("FAILED: " + e.Message);
                return 1;
            }
        }

        var failed = 0;
        var started = 0;
        var runs = new System.Collections.Concurrent.ConcurrentBag<ExecutionResult>();
        using var slots = new SemaphoreSlim(options.Parallel);
        async Task RunAllAsync(IEnumerable<string> batch) => await Task.WhenAll(batch.Select(async name =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                var k = Interlocked.Increment(ref started);
                Write($"[{k}/{names.Length}] {name} ...");
                var report = new StringBuilder();
                bool ok;
                try
                {
                    var result = options.NoExecute
                        ? LoadExisting(name)
                        : await executor.ExecuteAsync(name, options.Timeout, cancellationToken).ConfigureAwait(false);
                    runs.Add(result);
                    ok = Report(result, options.Mode, report);
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    ok = false;
                    report.Append(CultureInfo.InvariantCulture, $"  ERROR {name}: {e.Message}\n");
                }
                Write(report.ToString().TrimEnd('\n'));
                if (!ok)
                {
                    Interlocked.Increment(ref failed);
                }
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);

        // A notebook that shows the run times (notebook 00) runs after the others, once their times are recorded, so
        // that it shows this run's times rather than the previous run's, or none on a fresh clone.
        var readers = names.Where(name => RunTimes.IsReader(layout.CommittedPath(name))).ToArray();
        await RunAllAsync(names.Except(readers)).ConfigureAwait(false);
        if (readers.Length > 0)
        {
            if (!options.NoExecute && !runs.IsEmpty)
            {
                RunTimes.Record(RunTimes.PathFor(layout), runs);
            }
            await RunAllAsync(readers).ConfigureAwait(false);
        }
        var studentEditionPassed = options.NoStudent || await Editions.StudentEditionStage.RunMainJobAsync(executor,
            names.Where(english.Contains).ToArray(), runs,
            options, Write, cancellationToken).ConfigureAwait(false);

        Write($"{names.Length} notebook(s): {names.Length - failed} ok, {failed} failed, in {Seconds(clock.Elapsed)}.");
        return failed == 0 && studentEditionPassed && translationsInStep ? ExitCodes.Success : ExitCodes.Failure;
    }

    /// <summary>Appends one notebook's report (timings, errors, check or refresh outcome) and says whether it passed.</summary>
    /// <param name="result">The execution result.</param>
    /// <param name="mode">Check or refresh.</param>
    /// <param name="report">Where the text goes.</param>
    /// <returns>True when the notebook passed.</returns>
    public bool Report(ExecutionResult result, RunMode mode, StringBuilder report)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(report);
        var name = result.Name;
        var timings = result.CellTimings;
        if (timings.Count > 0 && timings.All(t => t.Duration is null))
        {
            report.Append("  (dotnet-repl wrote no per-cell timestamps)\n");
        }
        foreach (var t in timings.Where(t => t.Duration is not null))
        {
            report.Append(CultureInfo.InvariantCulture, $"  cell {t.CellNumber,3}  {Seconds(t.Duration!.Value),9}\n");
        }
        var cells = timings.Aggregate(TimeSpan.Zero, (sum, t) => sum + (t.Duration ?? TimeSpan.Zero));
        if (result.WallTime > TimeSpan.Zero)
        {
            report.Append(CultureInfo.InvariantCulture,
                $"  {name}: total {Seconds(result.WallTime)} (cells {Seconds(cells)}, kernel start and exit {Seconds(result.WallTime - cells)})\n");
        }

        var ok = true;
        foreach (var error in result.Errors)
        {
            ok = false;
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {name} {Indent(error.ToString())}\n");
        }
        if (result.Executed is null)
        {
            return false;
        }

        var unrendered = ChartCells.Unrendered(result.Executed);
        foreach (var cell in unrendered)
        {
            ok = false;
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {name} cell {cell}: the chart did not render (no plotly div with data)\n");
        }

        try
        {
            var committed = NotebookFile.Load(result.CommittedPath);
            if (mode == RunMode.Check)
            {
                var difference = new OutputComparer(normalizer).FindFirstDifference(committed, result.Executed);
                if (difference is null)
                {
                    report.Append("  outputs match the committed notebook\n");
                }
                else
                {
                    ok = false;
                    report.Append(CultureInfo.InvariantCulture,
                        $"  DIFFERS {name} {difference}\n  (run with --refresh to accept the new outputs)\n");
                }
            }
            else if (!ok)
            {
                report.Append(CultureInfo.InvariantCulture, $"  not refreshed: {name} has errors\n");
            }
            else
            {
                var merged = OutputMerger.Merge(committed, result.Executed, refreshNormalizer);
                var before = File.ReadAllText(result.CommittedPath);
                var after = merged.ToJson();
                if (before == after)
                {
                    report.Append("  committed notebook already up to date\n");
                }
                else
                {
                    ReplaceAtomically(result.CommittedPath, after);
                    report.Append(CultureInfo.InvariantCulture, $"  refreshed {Path.GetRelativePath(layout.Root, result.CommittedPath)}\n");
                }
            }
        }
        catch (NotebookMismatchException e)
        {
            ok = false;
            report.Append(CultureInfo.InvariantCulture, $"  ERROR {e.Message}\n");
        }
        return ok;
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

    private ExecutionResult LoadExisting(string name)
    {
        var path = layout.ExecutedPath(name);
        var executed = File.Exists(path) ? NotebookFile.Load(path) : null;
        return new ExecutionResult(name, layout.CommittedPath(name), path, executed is null ? 1 : 0, false, TimeSpan.Zero,
            executed is null ? $"no executed copy at {path}: run without --no-execute first" : "", executed);
    }

    private void Write(string text)
    {
        lock (gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }

    private static string Indent(string text) => text.Replace("\n", "\n      ", StringComparison.Ordinal);

    /// <summary>Seconds with two decimals, e.g. <c>6.59 s</c>.</summary>
    /// <param name="t">The time.</param>
    /// <returns>The text.</returns>
    public static string Seconds(TimeSpan t) => t.TotalSeconds.ToString("F2", CultureInfo.InvariantCulture) + " s";
}
