using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using NotebookApp;
using NotebookRunner;
using NotebookRunner.Export;
using Xunit.Abstractions;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>The committed kernel-free edition (notebooks/apps/): up to date with the notebooks, and each app prints the
/// notebook's committed text outputs.</summary>
public sealed class CourseAppsTests(ITestOutputHelper log)
{
    /// <summary>Apps built and run at once after the first (which builds the shared libraries alone, so no two
    /// builds of the same project overlap); file-based apps compile slowly, and the machine has 2 cores.</summary>
    private const int Parallelism = 2;

    private static readonly RepoLayout Layout = NotebookRuns.Layout;

    [Fact]
    [Trait(KernelFree.Trait, KernelFree.Unit)]
    public void Every_committed_app_is_what_the_exporter_writes_from_its_notebook_now()
    {
        var folder = ExportStage.AppsDirectory(Layout);
        var stale = ExportStage.Render(Layout)
            .Where(app => !File.Exists(Path.Combine(folder, app.FileName)) || File.ReadAllText(Path.Combine(folder, app.FileName)) != app.Text)
            .Select(app => app.FileName)
            .ToArray();
        Assert.True(stale.Length == 0,
            $"Out of date with their notebooks: {string.Join(", ", stale)}. Run: dotnet run --project lib/NotebookRunner -c Release -- --export");
    }

    /// <summary>
    /// Runs every app with <c>dotnet run</c> and compares, cell by cell, what it prints on standard output with the
    /// committed notebook's stream text and <c>text/plain</c> outputs, after the runner's masks. Not compared: cells
    /// tagged machine-dependent (timings, memory); HTML-only outputs (charts, the package-install list), which an app
    /// writes as files or does not have; the first cell's "Loading extensions" line, printed by the kernel while it
    /// loads packages (the app runs no such cell). Every chart cell must have written its page.
    /// </summary>
    [Fact]
    [Trait(KernelFree.Trait, KernelFree.Apps)]
    public async Task Every_app_runs_and_prints_its_notebooks_text_outputs()
    {
        var folder = ExportStage.AppsDirectory(Layout);
        var notebooks = Layout.NumberedNotebooks();
        var problems = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        await Check(notebooks[0]);
        using var slots = new SemaphoreSlim(Parallelism);
        await Task.WhenAll(notebooks.Skip(1).Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                await Check(name);
            }
            finally
            {
                slots.Release();
            }
        }));
        log.WriteLine($"{notebooks.Count} apps built and run in {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(problems.IsEmpty, string.Join("\n\n", problems.Order(StringComparer.Ordinal)));

        async Task Check(string name)
        {
            var app = AppExporter.AppFileName(name);
            var build = await Executor.RunAsync(folder, ["build", app], TimeSpan.FromMinutes(10));
            if (build.ExitCode != 0)
            {
                problems.Add($"{app}: dotnet build failed\n{build.Output}");
                return;
            }
            var run = await Executor.RunAsync(folder, ["run", "--no-build", app, "--", Notebook.MarkersArgument], TimeSpan.FromMinutes(10));
            log.WriteLine($"{app}: built in {build.Elapsed.TotalSeconds:F1} s, ran in {run.Elapsed.TotalSeconds:F1} s");
            if (run.ExitCode != 0)
            {
                problems.Add($"{app}: exit code {run.ExitCode}\n{run.Output}");
                return;
            }
            foreach (var difference in Differences(NotebookFile.Load(Layout.CommittedPath(name)), run.Output))
            {
                problems.Add($"{app} {difference}");
            }
        }
    }

    /// <summary>What differs between a notebook's committed text outputs and an app's output, cell by cell.</summary>
    internal static IEnumerable<string> Differences(NotebookFile notebook, string appOutput)
    {
        var printed = PrintedByCell(appOutput, out var chartPages);
        var normalizer = new OutputNormalizer(Layout.Root);
        foreach (var (number, cell) in notebook.CodeCells)
        {
            if (!printed.TryGetValue(number, out var actual))
            {
                continue; // kernel set-up only: the app runs nothing for it
            }
            if (ChartCells.ShouldShowChart(cell) && !chartPages.Contains(number))
            {
                yield return $"cell {number}: no chart page written";
            }
            if (NotebookFile.HasTag(cell, "machine-dependent"))
            {
                continue;
            }
            var expected = normalizer.NormalizeText(ExpectedText(cell));
            var got = normalizer.NormalizeText(actual);
            if (expected != got)
            {
                yield return $"cell {number} prints\n{got}\nbut the notebook shows\n{expected}";
            }
        }
    }

    /// <summary>A code cell's committed text outputs as a console would show them: stream text as it is, each
    /// text/plain value on its own line.</summary>
    internal static string ExpectedText(JsonObject cell)
    {
        var text = new StringBuilder();
        foreach (var output in NotebookFile.Outputs(cell).OfType<JsonObject>().Where(o => !OutputNormalizer.IsTransient(o)))
        {
            if ((string?)output["output_type"] == "stream")
            {
                text.Append(NotebookFile.Text(output["text"]));
            }
            else if (output["data"]?["text/plain"] is { } plain)
            {
                text.Append(NotebookFile.Text(plain)).Append('\n');
            }
        }
        return text.ToString();
    }

    /// <summary>The app's output split at its cell markers; the chart notices (standard error) taken out and noted.</summary>
    internal static Dictionary<int, string> PrintedByCell(string output, out HashSet<int> chartCells)
    {
        var cells = new Dictionary<int, string>();
        chartCells = [];
        var current = -1;
        foreach (var line in output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n'))
        {
            if (line.StartsWith(Notebook.MarkerPrefix, StringComparison.Ordinal))
            {
                current = int.Parse(line[Notebook.MarkerPrefix.Length..], CultureInfo.InvariantCulture);
                cells[current] = "";
            }
            else if (line.StartsWith(Display.ChartNotice, StringComparison.Ordinal))
            {
                chartCells.Add(current);
            }
            else if (current >= 0)
            {
                cells[current] += line + "\n";
            }
        }
        // Split('\n') gives one empty piece after the final newline: it belongs to no line.
        if (current >= 0 && cells[current].EndsWith("\n\n", StringComparison.Ordinal))
        {
            cells[current] = cells[current][..^1];
        }
        return cells;
    }
}
