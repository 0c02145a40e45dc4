using System.Diagnostics;
using NotebookRunner;
using NotebookRunner.Stages;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// The runner as a child process on a tiny repository whose notebook hangs in a cell: SIGINT and SIGTERM stop it with
/// its kernels (no process it started outlives it), and a per-cell limit names the hung cell and keeps what ran before.
/// Processes are recognised by an environment marker only this test's runner and its children carry.
/// </summary>
public class RunnerSignalTests
{
    private const string Marker = "CROSSENTROPY_SIGNAL_TEST";

    private static NotebookFile Hanging() => Ipynb.Notebook(Ipynb.VsCodeMetadata(),
        Ipynb.Markdown("# Hangs"),
        Ipynb.Code("Console.WriteLine(\"before\");", Ipynb.Stream("before\n")),
        Ipynb.Code("System.Threading.Thread.Sleep(600_000);"),
        Ipynb.Code("Console.WriteLine(\"after\");", Ipynb.Stream("after\n")));

    [Theory]
    [InlineData("INT", ExitCodes.Cancelled)]
    [InlineData("TERM", ExitCodes.Terminated)]
    public async Task A_signal_stops_the_kernels_and_the_runner_exits_with_its_code(string signal, int expected)
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-hangs.ipynb", Hanging());
        await repo.RestoreToolsAsync();
        var marker = Guid.NewGuid().ToString("N");
        using var runner = Start(repo, marker, "check", "--skip-prepare", "--no-student", "--no-site", "--no-export");
        var output = runner.StandardOutput.ReadToEndAsync();
        var error = runner.StandardError.ReadToEndAsync();
        try
        {
            // Wait until the kernel runs (dotnet-repl is a child carrying the marker), then signal the runner alone.
            var deadline = DateTime.UtcNow.AddMinutes(3);
            while (!Marked(marker).Any(p => p.CommandLine.Contains("dotnet-repl", StringComparison.Ordinal)))
            {
                Assert.True(DateTime.UtcNow < deadline && !runner.HasExited, "the kernel never started:\n" + await Drain(runner, output, error));
                await Task.Delay(250);
            }
            await Task.Delay(TimeSpan.FromSeconds(2)); // let the kernel start the sleeping cell
            using (var kill = Process.Start("kill", ["-" + signal, runner.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
            {
                await kill.WaitForExitAsync();
            }
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(1));
            await runner.WaitForExitAsync(limit.Token);

            var log = await output + await error;
            Assert.True(runner.ExitCode == expected, $"exit code {runner.ExitCode}, expected {expected}:\n{log}");
            Assert.Contains("cancelled", log, StringComparison.Ordinal);
            Assert.Empty(Marked(marker)); // no kernel, no dotnet-repl, nothing the runner started is left
            var report = RunReport.Read(RunReport.PathFor(repo.Layout));
            Assert.Equal(ExitCodes.Cancelled, report.ExitCode);
            Assert.Equal(StageStatus.Cancelled, report.Stages[^1].Status);
        }
        finally
        {
            KillMarked(marker);
        }
    }

    [Fact]
    public async Task A_cell_over_the_cell_limit_is_named_and_the_outputs_before_it_are_kept()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-hangs.ipynb", Hanging());
        await repo.RestoreToolsAsync();
        var marker = Guid.NewGuid().ToString("N");
        using var runner = Start(repo, marker, "check", "--skip-prepare", "--no-student", "--no-site", "--no-export", "--cell-timeout", "8");
        var output = runner.StandardOutput.ReadToEndAsync();
        var error = runner.StandardError.ReadToEndAsync();
        try
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(4));
            await runner.WaitForExitAsync(limit.Token);
            var log = await output + await error;

            Assert.True(runner.ExitCode == ExitCodes.Failure, log);
            Assert.Contains("cell 3 ran longer than the 8 s cell limit and was stopped", log, StringComparison.Ordinal);
            Assert.Contains("the outputs before the hung cell match the committed notebook", log, StringComparison.Ordinal);
            var notebook = Assert.Single(RunReport.Read(RunReport.PathFor(repo.Layout)).Notebooks);
            Assert.Equal([(2, CellStatus.Ok), (3, CellStatus.Timeout), (4, CellStatus.NotRun)], notebook.Cells.Select(c => (c.Cell, c.Status)));
            Assert.Contains("before", File.ReadAllText(repo.Layout.ExecutedPath("01-hangs.ipynb")), StringComparison.Ordinal);
            Assert.Empty(Marked(marker));
        }
        finally
        {
            KillMarked(marker);
        }
    }

    private static Process Start(TemporaryRepository repo, string marker, params string[] args)
    {
        var start = repo.RunnerStartInfo(args);
        start.Environment[Marker] = marker;
        return Process.Start(start)!;
    }

    private static async Task<string> Drain(Process runner, Task<string> output, Task<string> error) =>
        runner.HasExited ? await output + await error : "(still running)";

    /// <summary>The live processes whose environment holds this test's marker (zombies have no environment).</summary>
    private static List<(int Pid, string CommandLine)> Marked(string marker)
    {
        var found = new List<(int Pid, string CommandLine)>();
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), out var pid))
            {
                continue;
            }
            try
            {
                if (File.ReadAllText(Path.Combine(dir, "environ")).Split('\0').Contains($"{Marker}={marker}"))
                {
                    found.Add((pid, File.ReadAllText(Path.Combine(dir, "cmdline")).Replace('\0', ' ')));
                }
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                // the process ended while being read
            }
        }
        return found;
    }

    private static void KillMarked(string marker)
    {
        foreach (var (pid, _) in Marked(marker))
        {
            try
            {
                Process.GetProcessById(pid).Kill(entireProcessTree: true);
            }
            catch (Exception e) when (e is ArgumentException or InvalidOperationException)
            {
                // already gone
            }
        }
    }
}
