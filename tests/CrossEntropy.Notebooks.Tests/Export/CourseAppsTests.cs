using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookApp;
using Notebook = NotebookApp.Notebook;
using NotebookRunner;
using NotebookRunner.Export;
using Xunit.Abstractions;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>The committed kernel-free edition (notebooks/apps/): up to date with the notebooks, and each app prints the
/// notebook's committed text outputs.</summary>
public sealed partial class CourseAppsTests(ITestOutputHelper log)
{
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
            $"Out of date with their notebooks: {string.Join(", ", stale)}. Run: dotnet run --project lib/NotebookRunner -c Release -- export");
    }

    /// <summary>
    /// Runs every app with <c>dotnet run</c> and compares, cell by cell, what it prints on standard output with the
    /// committed notebook's stream text and <c>text/plain</c> outputs, after the runner's masks. Not compared: cells
    /// tagged machine-dependent (timings, memory); HTML-only outputs (charts, the package-install list), which an app
    /// writes as files or does not have; the first cell's "Loading extensions" line, printed by the kernel while it
    /// loads packages (the app runs no such cell). Every chart cell must have written its page. Within a cell, the console
    /// text and the displayed values are compared apart (see <see cref="Differences"/>).
    /// </summary>
    [Fact]
    [Trait(KernelFree.Trait, KernelFree.Apps)]
    public async Task Every_app_runs_and_prints_its_notebooks_text_outputs()
    {
        var folder = ExportStage.AppsDirectory(Layout);
        var notebooks = Layout.NumberedNotebooks();
        var problems = new ConcurrentBag<string>();
        var clock = Stopwatch.StartNew();
        // The first app alone builds the shared libraries, so that no two builds of one project overlap; then the
        // others, each taking one of the slots the notebook kernels of this test run share (2 on the 2-core machine).
        await InSlot(notebooks[0]);
        await Task.WhenAll(notebooks.Skip(1).Select(InSlot));
        log.WriteLine($"{notebooks.Count} apps built and run in {clock.Elapsed.TotalSeconds:F0} s");
        Assert.True(problems.IsEmpty, string.Join("\n\n", problems.Order(StringComparer.Ordinal)));

        async Task InSlot(string name)
        {
            await NotebookRuns.Slots.WaitAsync();
            try
            {
                await Check(name);
            }
            finally
            {
                NotebookRuns.Slots.Release();
            }
        }

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

    /// <summary>What differs between a notebook's committed text outputs and an app's output, cell by cell: the
    /// console text, and the displayed values in order. They are compared apart because the kernel records a cell's
    /// console output after its displayed values, while the app prints both as the code runs.</summary>
    internal static IEnumerable<string> Differences(NotebookFile notebook, string appOutput)
    {
        var printed = PrintedByCell(appOutput);
        var normalizer = new OutputNormalizer(Layout.Root);
        foreach (var (number, cell) in notebook.CodeCells)
        {
            if (!printed.TryGetValue(number, out var actual))
            {
                // Nothing to run is right for a cell that declares only types (moved to the end) or sets up the kernel
                // (#r lines, usings, KernelSetup.Install(); its "Loading extensions" line is the kernel's own).
                var committed = Committed(cell);
                if ((committed.Stream.Length > 0 || committed.Displays.Count > 0) && !IsKernelSetUp(NotebookFile.Source(cell)))
                {
                    yield return $"cell {number}: the app does not run it, but the notebook shows its output";
                }
                continue;
            }
            if (PlotlyOutput.IsExpectedIn(Cell.From(cell, number)) && actual.Charts == 0)
            {
                yield return $"cell {number}: no chart page written";
            }
            if (NotebookFile.HasTag(cell, NotebookConventions.Default.MachineDependentTag))
            {
                continue;
            }
            var expected = Committed(cell);
            var (stream, got) = (normalizer.NormalizeText(actual.Stream.ToString()), normalizer.NormalizeText(expected.Stream));
            if (stream != got)
            {
                yield return $"cell {number} writes\n{stream}but the notebook shows\n{got}";
            }
            var displays = actual.Displays.Select(normalizer.NormalizeText).ToArray();
            var shown = expected.Displays.Select(normalizer.NormalizeText).ToArray();
            if (!displays.SequenceEqual(shown, StringComparer.Ordinal))
            {
                yield return $"cell {number} displays\n{string.Join("\n", displays)}\nbut the notebook shows\n{string.Join("\n", shown)}";
            }
        }
    }

    /// <summary>Whether a cell only sets up the kernel: each line a kernel directive, a using directive, a comment or a
    /// kernel-only call.</summary>
    internal static bool IsKernelSetUp(string source) =>
        source.Split('\n').Select(l => l.Trim()).All(l => l.Length == 0 || KernelDirective.Parse(l) is not null
            || l.StartsWith("using ", StringComparison.Ordinal) || l.StartsWith("//", StringComparison.Ordinal)
            || Layout.Config.ExportKernelOnlyCalls.Any(call => l.Contains(call + "(", StringComparison.Ordinal)));

    /// <summary>A code cell's committed console text (its stream outputs) and displayed values (text/plain, in order).</summary>
    internal static (string Stream, IReadOnlyList<string> Displays) Committed(JsonObject cell)
    {
        var stream = new StringBuilder();
        var displays = new List<string>();
        foreach (var output in Cell.From(cell, 0).Outputs.Where(o => !KernelNoise.IsNoise(o)))
        {
            if (output.Type == "stream")
            {
                stream.Append(output.Text);
            }
            else if (output.Type != "error" && output.Data.TryGetValue("text/plain", out var plain))
            {
                displays.Add(plain);
            }
        }
        return (stream.ToString(), displays);
    }

    /// <summary>What an app printed in one cell.</summary>
    internal sealed class CellPrint
    {
        public StringBuilder Stream { get; } = new();

        public List<string> Displays { get; } = [];

        public int Charts { get; set; }
    }

    /// <summary>The app's output split at its cell markers into console text and displayed values; the chart notices
    /// (on standard error, so they may arrive out of order) counted for the cell their page is named after.</summary>
    internal static Dictionary<int, CellPrint> PrintedByCell(string output)
    {
        var cells = new Dictionary<int, CellPrint>();
        var charts = new List<int>();
        CellPrint? current = null;
        List<string>? display = null;
        var lines = output.Replace("\r\n", "\n", StringComparison.Ordinal).Split('\n');
        foreach (var line in lines[..^(lines[^1].Length == 0 ? 1 : 0)])
        {
            if (line.StartsWith(Notebook.MarkerPrefix, StringComparison.Ordinal))
            {
                current = cells[int.Parse(line[Notebook.MarkerPrefix.Length..], CultureInfo.InvariantCulture)] = new CellPrint();
            }
            else if (line.StartsWith(Display.ChartNotice, StringComparison.Ordinal))
            {
                charts.Add(int.Parse(ChartPageCell().Match(line).Groups["cell"].Value, CultureInfo.InvariantCulture));
            }
            else if (line == Notebook.DisplayStart)
            {
                display = [];
            }
            else if (line == Notebook.DisplayEnd && display is not null)
            {
                current?.Displays.Add(string.Join("\n", display));
                display = null;
            }
            else if (display is not null)
            {
                display.Add(line);
            }
            else
            {
                current?.Stream.Append(line).Append('\n');
            }
        }
        foreach (var cell in charts.Where(cells.ContainsKey))
        {
            cells[cell].Charts++;
        }
        return cells;
    }

    [GeneratedRegex(@"-cell(?<cell>[0-9]+)(-[0-9]+)?\.html$")]
    private static partial Regex ChartPageCell();
}
