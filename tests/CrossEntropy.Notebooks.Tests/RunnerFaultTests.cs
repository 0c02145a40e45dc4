using NotebookRunner;
using NotebookRunner.CommandLine;
using NotebookRunner.Stages;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>The runner under faults: a clear message and exit code, and a committed notebook that is never lost.</summary>
public class RunnerFaultTests
{
    private static NotebookFile OneCell() =>
        Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# T"), Ipynb.Code("1 + 1", Ipynb.Plain("2")));

    [Fact]
    public async Task A_file_in_place_of_the_executed_folder_fails_clearly_and_leaves_the_notebook_alone()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        var before = File.ReadAllText(path);
        File.WriteAllText(repo.Layout.ExecutedDirectory, "not a folder");
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("refresh", "--skip-prepare"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot write to", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(repo.Layout.ExecutedDirectory, log.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_writable_folder_has_no_reason_and_leaves_no_probe_behind()
    {
        using var repo = new TemporaryRepository();
        Assert.Null(Runner.CannotWrite(repo.Layout.ExecutedDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(repo.Layout.ExecutedDirectory));
    }

    [Fact]
    public async Task A_filter_that_matches_no_notebook_is_bad_usage()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("--notebook", "99", "--skip-prepare"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("No notebook matches 99; there are: 01-t.ipynb", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_notebooks_folder_is_a_failure_not_a_usage_error()
    {
        using var repo = new TemporaryRepository();
        var code = await new Runner(repo.Layout, TextWriter.Null).RunAsync(RunnerCommandLine.Parse("--skip-prepare"));
        Assert.Equal(ExitCodes.Failure, code);
    }

    [Fact]
    public void A_refresh_whose_write_fails_keeps_the_committed_notebook_whole()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        var before = File.ReadAllText(path);
        Directory.CreateDirectory(path + ".refresh-tmp"); // the temporary file cannot be created

        var failure = Record.Exception(() => Runner.ReplaceAtomically(path, "{}"));

        Assert.True(failure is IOException or UnauthorizedAccessException, $"unexpected: {failure}");

        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_refresh_replaces_the_content_and_leaves_no_temporary_file()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        Runner.ReplaceAtomically(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".refresh-tmp"));
    }

    [Fact]
    public async Task An_artifacts_file_stops_the_run_before_executing_with_one_line()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        File.WriteAllText(Path.Combine(repo.Root, "artifacts"), "not a folder");
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("check", "--skip-prepare"));

        Assert.Equal(ExitCodes.Failure, code);
        var lines = log.ToString().TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, log.ToString());
        Assert.StartsWith($"FAILED: cannot write to {Path.Combine(repo.Root, "artifacts")}:", lines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo.Layout.ExecutedDirectory), "nothing may be executed");
    }

    [Fact]
    public async Task A_second_run_in_the_same_clone_is_refused_and_a_stale_lock_file_is_not()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        var artifacts = Path.Combine(repo.Root, "artifacts");
        var options = RunnerCommandLine.Parse("check", "--no-execute", "--no-student", "--no-site", "--no-export");
        var log = new StringWriter();
        var report = RunReport.PathFor(repo.Layout);

        using (RunLock.TryAcquire(artifacts) ?? throw new InvalidOperationException("the lock should be free"))
        {
            Assert.Null(RunLock.TryAcquire(artifacts)); // the same process is refused too: the lock is per open file
            var code = await new Runner(repo.Layout, log).RunAsync(options);
            Assert.Equal(ExitCodes.Failure, code);
            Assert.Contains("another runner is working in this clone", log.ToString(), StringComparison.Ordinal);
            Assert.False(File.Exists(report), "the refused run must not write the running one's report");
        }
        Assert.False(File.Exists(Path.Combine(artifacts, RunLock.FileName)), "the lock file is removed on exit");

        // A lock file left by a killed run (nobody holds it open) does not block.
        File.WriteAllText(Path.Combine(artifacts, RunLock.FileName), "12345\n");
        log = new StringWriter();
        await new Runner(repo.Layout, log).RunAsync(options);
        Assert.DoesNotContain("another runner", log.ToString(), StringComparison.Ordinal);
        Assert.True(File.Exists(report), log.ToString());
    }

    [Fact]
    public async Task Corrupt_notebook_json_is_one_line_with_file_line_and_what_is_wrong_before_any_kernel()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        File.WriteAllText(repo.Layout.CommittedPath("02-bad.ipynb"), "{\n \"cells\": [\n  {\"cell_type\": \"code\",, }\n ]\n}\n");
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("check", "--skip-prepare", "--notebook", "01"));

        Assert.Equal(ExitCodes.Failure, code);
        var lines = log.ToString().TrimEnd().Split('\n');
        Assert.True(lines.Length == 1, log.ToString());
        Assert.StartsWith($"FAILED: {Path.Combine("notebooks", "02-bad.ipynb")}: line 3, column ", lines[0], StringComparison.Ordinal);
        Assert.Contains("not valid JSON", lines[0], StringComparison.Ordinal);
        Assert.False(Directory.Exists(repo.Layout.ExecutedDirectory) && Directory.EnumerateFiles(repo.Layout.ExecutedDirectory).Any());
    }

    [Fact]
    public async Task A_filter_that_matches_nothing_runs_no_later_stage_and_the_report_says_so()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());

        var code = await new Runner(repo.Layout, TextWriter.Null).RunAsync(RunnerCommandLine.Parse("--notebook", "99", "--skip-prepare"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.False(Directory.Exists(Path.Combine(repo.Root, "artifacts", "site")), "the site must not be rendered after bad usage");
        var report = RunReport.Read(RunReport.PathFor(repo.Layout));
        Assert.Equal(ExitCodes.Usage, report.ExitCode);
        Assert.Equal(["prepare"], report.Stages.Select(s => s.Name));
        Assert.Equal(StageStatus.Usage, report.Stages[0].Status);
    }

    [Fact]
    public async Task A_cancelled_run_says_cancelled_and_exits_130()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        var log = new StringWriter();
        using var cancel = new CancellationTokenSource();
        await cancel.CancelAsync();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("check", "--skip-prepare"), cancel.Token);

        Assert.Equal(ExitCodes.Cancelled, code);
        Assert.Contains("cancelled", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void Check_and_refresh_run_every_stage_in_order_and_the_options_drop_stages()
    {
        Assert.Equal(["prepare", "translate", "execute", "run-times", "student", "site", "export"],
            Runner.StagesFor(RunnerCommandLine.Parse()).Select(s => s.Name));
        Assert.Equal(["prepare", "translate", "execute", "run-times"],
            Runner.StagesFor(RunnerCommandLine.Parse("refresh", "--no-student", "--no-site", "--no-export")).Select(s => s.Name));
        Assert.Equal(["prepare", "student"], Runner.StagesFor(RunnerCommandLine.Parse("student")).Select(s => s.Name));
        Assert.Equal(["prepare", "site"], Runner.StagesFor(RunnerCommandLine.Parse("site")).Select(s => s.Name));
        Assert.Equal(["prepare", "export"], Runner.StagesFor(RunnerCommandLine.Parse("export")).Select(s => s.Name));
    }

    [Fact]
    public async Task The_throttled_loop_never_runs_more_than_asked_and_keeps_the_order_of_results()
    {
        var running = 0;
        var peak = 0;
        var results = await ThrottledLoop.RunAsync(Enumerable.Range(0, 8), 3, async (i, token) =>
        {
            var now = Interlocked.Increment(ref running);
            InterlockedMax(ref peak, now);
            await Task.Delay(20, token);
            Interlocked.Decrement(ref running);
            return i * i;
        });
        Assert.Equal(3, peak);
        Assert.Equal(Enumerable.Range(0, 8).Select(i => i * i), results);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
