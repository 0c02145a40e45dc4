using System.Diagnostics;
using System.Globalization;
using System.Text;

namespace NotebookRunner;

/// <summary>Runs the preparation steps and notebooks as child processes (<c>dotnet tool restore</c>, <c>dotnet build</c>, dotnet-repl).</summary>
/// <param name="layout">The repository layout.</param>
public sealed class Executor(RepoLayout layout)
{
    /// <summary>The default limit for one notebook (a hung kernel must not hang CI).</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromMinutes(10);

    /// <summary>The repository layout.</summary>
    public RepoLayout Layout { get; } = layout ?? throw new ArgumentNullException(nameof(layout));

    /// <summary>
    /// Restores the pinned dotnet-repl tool and builds the configured projects (<see cref="RepoLayout.BuildProjects"/>;
    /// this course: CrossEntropy.Interactive, and so CrossEntropy.Numerics) in Release, the dlls the notebooks' first
    /// cell loads with <c>#r</c>. A fresh clone needs nothing else.
    /// </summary>
    /// <param name="log">Where progress is written.</param>
    /// <param name="cancellationToken">Cancels the child processes.</param>
    /// <exception cref="InvalidOperationException">A step failed; the message holds its output.</exception>
    public async Task PrepareAsync(TextWriter log, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(log);
        await log.WriteLineAsync("Restoring tools (dotnet tool restore) ...").ConfigureAwait(false);
        RequireSuccess(await RunAsync(Layout.Root, ["tool", "restore"], TimeSpan.FromMinutes(5), cancellationToken)
            .ConfigureAwait(false), "dotnet tool restore");
        foreach (var project in Layout.BuildProjects)
        {
            var name = Path.GetRelativePath(Layout.Root, project);
            await log.WriteLineAsync($"Building {name} (Release) ...").ConfigureAwait(false);
            RequireSuccess(await RunAsync(Layout.Root, ["build", project, "-c", "Release", "--nologo", "-v", "quiet"],
                    TimeSpan.FromMinutes(10), cancellationToken).ConfigureAwait(false),
                $"dotnet build {name} -c Release");
        }
    }

    /// <summary>
    /// Executes one notebook with dotnet-repl, working directory <c>notebooks/</c> (as VS Code uses the
    /// notebook's folder, so relative <c>#r</c> paths resolve the same), writing the executed copy to
    /// <c>notebooks/executed/</c>.
    /// </summary>
    /// <param name="fileName">The notebook's file name, e.g. <c>01-entropy.ipynb</c>.</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="cellTimeout">The limit for one cell; null for none.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result, with the executed copy when dotnet-repl wrote one.</returns>
    public Task<ExecutionResult> ExecuteAsync(string fileName, TimeSpan? timeout = null, TimeSpan? cellTimeout = null,
        CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        return ExecuteInAsync(Layout.NotebooksDirectory, fileName, Layout.ExecutedPath(fileName), timeout, cellTimeout, cancellationToken);
    }

    /// <summary>
    /// Executes a notebook from any folder (the student edition's, for instance) with that folder as working
    /// directory, writing the executed copy to <paramref name="executedPath"/>. dotnet-repl's log is followed to know
    /// which cell runs: when a cell exceeds <paramref name="cellTimeout"/>, or the notebook exceeds
    /// <paramref name="timeout"/>, the kernel is stopped, the running cell is named in the result, and the cells before it
    /// are run once more on their own so that their outputs are kept (dotnet-repl writes outputs only at the end).
    /// </summary>
    /// <param name="notebooksDirectory">The folder holding the notebook; relative <c>#r</c> paths resolve against it.</param>
    /// <param name="fileName">The notebook's file name in that folder.</param>
    /// <param name="executedPath">Where the executed copy goes (any stale copy is deleted first).</param>
    /// <param name="timeout">The time limit; <see cref="DefaultTimeout"/> when null.</param>
    /// <param name="cellTimeout">The limit for one cell; null for none.</param>
    /// <param name="cancellationToken">Cancels the run.</param>
    /// <returns>The result, with the executed copy when dotnet-repl wrote one.</returns>
    public static async Task<ExecutionResult> ExecuteInAsync(string notebooksDirectory, string fileName, string executedPath,
        TimeSpan? timeout = null, TimeSpan? cellTimeout = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebooksDirectory);
        ArgumentException.ThrowIfNullOrEmpty(fileName);
        ArgumentException.ThrowIfNullOrEmpty(executedPath);
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(executedPath))!);
        File.Delete(executedPath); // never report a stale copy from an earlier run
        var relativeOutput = Path.GetRelativePath(notebooksDirectory, executedPath);
        // dotnet-repl decodes its input in 4,096-byte blocks, so a multi-byte UTF-8 character that straddles a block
        // boundary comes back as U+FFFD in the executed copy (it happened to notebook 00's Chinese glossary). It reads
        // an ASCII-only copy instead, beside the notebook so that relative paths resolve the same: the same JSON with
        // every non-ASCII character escaped.
        var input = AsciiInputName(fileName);
        var inputPath = Path.Combine(notebooksDirectory, input);
        File.WriteAllText(inputPath, EscapeNonAscii(File.ReadAllText(Path.Combine(notebooksDirectory, fileName), Encoding.UTF8)),
            new UTF8Encoding(false));
        var logs = Directory.CreateTempSubdirectory("dotnet-repl-log-").FullName;
        var watcher = new KernelLogWatcher(logs);
        using var cellLimit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        using var stopWatching = new CancellationTokenSource();
        int? hungSubmission = null;
        var watching = Task.Run(async () =>
        {
            while (!stopWatching.IsCancellationRequested)
            {
                try
                {
                    await Task.Delay(TimeSpan.FromMilliseconds(250), stopWatching.Token).ConfigureAwait(false);
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                try
                {
                    watcher.Poll(DateTimeOffset.UtcNow);
                }
                catch (IOException)
                {
                    continue; // the log is being created or rotated: read it next time
                }
                if (cellTimeout is { } limit && watcher.RunningSince is { } since && DateTimeOffset.UtcNow - since > limit)
                {
                    hungSubmission = watcher.Running;
                    await cellLimit.CancelAsync().ConfigureAwait(false);
                    return;
                }
            }
        }, CancellationToken.None);
        var clock = Stopwatch.StartNew();
        ProcessResult process;
        try
        {
            process = await RunAsync(notebooksDirectory,
                ["tool", "run", "dotnet-repl", "--run", input, "--exit-after-run", "--output-path", relativeOutput, "--log-path", logs],
                timeout ?? DefaultTimeout, cellLimit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException) when (hungSubmission is not null && !cancellationToken.IsCancellationRequested)
        {
            process = new ProcessResult(-1, "", clock.Elapsed, TimedOut: true); // RunAsync killed the process tree
        }
        finally
        {
            await stopWatching.CancelAsync().ConfigureAwait(false);
            await watching.ConfigureAwait(false);
            File.Delete(inputPath);
        }
        if (process.TimedOut && hungSubmission is null)
        {
            watcher.Poll(DateTimeOffset.UtcNow);
            hungSubmission = watcher.Running; // the notebook's limit: the cell that was running, if one was
        }
        Directory.Delete(logs, recursive: true);
        var committedPath = Path.Combine(notebooksDirectory, fileName);
        if (process.TimedOut && hungSubmission is { } submission)
        {
            var hungCell = NotebookFile.Load(committedPath).CodeCells[submission - 1].Number;
            var kept = await RunCellsBeforeAsync(notebooksDirectory, fileName, executedPath, hungCell, timeout, cancellationToken)
                .ConfigureAwait(false);
            return new ExecutionResult(fileName, committedPath, executedPath, process.ExitCode, true, process.Elapsed, process.Output,
                kept, HungCell: hungCell, CellLimit: hungSubmission is not null && cellLimit.IsCancellationRequested ? cellTimeout : null);
        }
        NotebookFile? executed = null;
        string? loadError = null;
        if (File.Exists(executedPath))
        {
            try
            {
                executed = NotebookFile.Load(executedPath);
            }
            catch (Exception e) when (e is System.Text.Json.JsonException or InvalidDataException)
            {
                loadError = $"the executed copy is not valid notebook JSON: {e.Message}";
            }
        }
        return new ExecutionResult(fileName, committedPath, executedPath, process.ExitCode,
            process.TimedOut, process.Elapsed, process.Output, executed, loadError);
    }

    /// <summary>
    /// Runs the cells before <paramref name="hungCell"/> on their own and writes, as the executed copy, the notebook with
    /// their outputs and no outputs from the hung cell on: what the stopped run had computed before it hung.
    /// </summary>
    private static async Task<NotebookFile?> RunCellsBeforeAsync(string notebooksDirectory, string fileName, string executedPath,
        int hungCell, TimeSpan? timeout, CancellationToken cancellationToken)
    {
        var notebook = NotebookFile.Load(Path.Combine(notebooksDirectory, fileName));
        var full = NotebookFile.Parse(notebook.ToJson(), executedPath);
        foreach (var (_, cell) in full.CodeCells)
        {
            cell["outputs"] = new System.Text.Json.Nodes.JsonArray();
            cell["execution_count"] = null;
        }
        if (full.CodeCells.Any(c => c.Number < hungCell))
        {
            var prefix = NotebookFile.Parse(notebook.ToJson());
            var cells = (System.Text.Json.Nodes.JsonArray)prefix.Root["cells"]!;
            while (cells.Count >= hungCell)
            {
                cells.RemoveAt(cells.Count - 1);
            }
            var prefixName = "." + Path.GetFileNameWithoutExtension(fileName) + $".before-cell-{hungCell}.ipynb";
            var prefixPath = Path.Combine(notebooksDirectory, prefixName);
            prefix.Save(prefixPath);
            try
            {
                var before = await ExecuteInAsync(notebooksDirectory, prefixName, executedPath, timeout, null, cancellationToken).ConfigureAwait(false);
                var fullCells = (System.Text.Json.Nodes.JsonArray)full.Root["cells"]!;
                foreach (var (number, cell) in before.Executed?.CodeCells ?? [])
                {
                    fullCells[number - 1] = cell.DeepClone();
                }
            }
            finally
            {
                File.Delete(prefixPath);
            }
        }
        full.Save(executedPath);
        return full;
    }

    /// <summary>
    /// The name of the ASCII-only input copy of a notebook: hidden (a leading dot), so no notebook's own file listing
    /// (<c>0?-*.ipynb</c>) sees it.
    /// </summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>The copy's file name, in the same folder.</returns>
    public static string AsciiInputName(string fileName) => "." + Path.GetFileNameWithoutExtension(fileName) + ".ascii.ipynb";

    /// <summary>
    /// JSON text with every non-ASCII character written as a <c>\uXXXX</c> escape (a character outside the BMP as its
    /// two surrogates). In JSON such characters occur only inside strings, where the escape means the same character,
    /// so the document is unchanged.
    /// </summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The same document in ASCII.</returns>
    public static string EscapeNonAscii(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        var text = new StringBuilder(json.Length);
        foreach (var c in json)
        {
            if (c < 0x80)
            {
                text.Append(c);
            }
            else
            {
                text.Append(CultureInfo.InvariantCulture, $"\\u{(int)c:x4}");
            }
        }
        return text.ToString();
    }

    /// <summary>Runs <c>dotnet</c> with arguments, capturing stdout and stderr together.</summary>
    /// <param name="workingDirectory">The child's working directory.</param>
    /// <param name="arguments">The arguments after <c>dotnet</c>.</param>
    /// <param name="timeout">Kills the process tree after this long.</param>
    /// <param name="cancellationToken">Kills the process tree when cancelled.</param>
    /// <returns>Exit code, output, elapsed time, whether it timed out.</returns>
    public static async Task<ProcessResult> RunAsync(string workingDirectory, IReadOnlyList<string> arguments,
        TimeSpan timeout, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(arguments);
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true, // dotnet-repl must never wait on a console
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var a in arguments)
        {
            start.ArgumentList.Add(a);
        }
        RemoveParentBuildVariables(start.Environment);
        KernelEnvironment.Pin(start.Environment);
        start.Environment["DOTNET_CLI_TELEMETRY_OPTOUT"] = "1";
        start.Environment["DOTNET_NOLOGO"] = "1";

        var output = new StringBuilder();
        var gate = new Lock();
        using var process = new Process { StartInfo = start };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) { lock (gate) { output.AppendLine(e.Data); } } };
        var clock = Stopwatch.StartNew();
        process.Start();
        process.StandardInput.Close();
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        using var limit = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        limit.CancelAfter(timeout);
        var timedOut = false;
        try
        {
            await process.WaitForExitAsync(limit.Token).ConfigureAwait(false);
        }
        catch (OperationCanceledException)
        {
            timedOut = !cancellationToken.IsCancellationRequested;
            process.Kill(entireProcessTree: true); // only the tree this method started
            await process.WaitForExitAsync(CancellationToken.None).ConfigureAwait(false);
            cancellationToken.ThrowIfCancellationRequested();
        }
        process.WaitForExit(); // flushes the asynchronous output readers
        clock.Stop();
        string text;
        lock (gate)
        {
            text = output.ToString();
        }
        return new ProcessResult(timedOut ? -1 : process.ExitCode, text, clock.Elapsed, timedOut);
    }

    /// <summary>
    /// Removes MSBuild's variables from a child's environment: under <c>dotnet run</c> / <c>dotnet test</c> they leak
    /// into it and can point a child <c>dotnet build</c> at the parent's MSBuild; the child must find its own.
    /// </summary>
    /// <param name="environment">The child's environment (modified in place).</param>
    public static void RemoveParentBuildVariables(IDictionary<string, string?> environment)
    {
        ArgumentNullException.ThrowIfNull(environment);
        foreach (var key in environment.Keys.Where(k => k.StartsWith("MSBUILD", StringComparison.OrdinalIgnoreCase)).ToArray())
        {
            environment.Remove(key);
        }
    }

    private static void RequireSuccess(ProcessResult result, string step)
    {
        if (result.ExitCode != 0)
        {
            throw new InvalidOperationException(
                $"{step} failed (exit code {result.ExitCode}{(result.TimedOut ? ", timed out" : "")}):\n{result.Output}");
        }
    }
}

/// <summary>A finished child process.</summary>
/// <param name="ExitCode">Its exit code (-1 when it was killed for taking too long).</param>
/// <param name="Output">Its stdout and stderr, interleaved as received.</param>
/// <param name="Elapsed">Wall-clock time from start to exit.</param>
/// <param name="TimedOut">Whether it was killed for exceeding its time limit.</param>
public sealed record ProcessResult(int ExitCode, string Output, TimeSpan Elapsed, bool TimedOut);
