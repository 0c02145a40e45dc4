using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Stages;
using NotebookRunner.CommandLine;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// The notebook that shows the run times (notebook 00) must show the run that just happened: on a fresh clone it used
/// to run beside the others, before any time was recorded, and said "No run times recorded yet".
/// </summary>
public class RunTimesOrderTests
{
    private const string Worker = "01-work.ipynb";

    // True when the run-times file exists and already holds the worker notebook's time.
    private const string ShowsWorkerTime =
        "var times = \"../artifacts/" + RunTimes.FileName + "\";\n" +
        "System.IO.File.Exists(times) && System.IO.File.ReadAllText(times).Contains(\"" + Worker + "\")";

    [Fact]
    public void A_notebook_that_names_the_run_times_file_is_a_reader()
    {
        using var repo = new TemporaryRepository();
        var reader = repo.Add("00-map.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code(ShowsWorkerTime)));
        var other = repo.Add(Worker, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("1 + 1")));
        Assert.True(RunTimes.IsReader(reader));
        Assert.False(RunTimes.IsReader(other));
    }

    [Fact]
    public void The_course_map_is_a_reader_and_no_other_notebook_is()
    {
        var readers = NotebookRuns.Layout.NumberedNotebooks()
            .Where(name => RunTimes.IsReader(NotebookRuns.Layout.CommittedPath(name))).ToArray();
        Assert.Equal(["00-start-here.ipynb"], readers);
    }

    [Fact]
    public async Task On_a_fresh_clone_the_reader_sees_the_times_of_this_run()
    {
        using var repo = new TemporaryRepository();
        repo.Add("00-map.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code(ShowsWorkerTime)));
        repo.Add(Worker, Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("1 + 1")));
        await repo.RestoreToolsAsync();
        Assert.False(File.Exists(RunTimes.PathFor(repo.Layout)));
        var log = new StringWriter();

        // Two at a time, as the main job runs by default: without the ordering both would start together.
        var code = await new Runner(repo.Layout, log).RunAsync(
            RunnerCommandLine.Parse("refresh", "--skip-prepare", "--no-site", "--no-student", "--no-export", "--parallel", "2"));

        Assert.True(code == ExitCodes.Success, log.ToString());
        var executed = JsonNode.Parse(File.ReadAllText(repo.Layout.ExecutedPath("00-map.ipynb")))!;
        var output = executed["cells"]![0]!["outputs"]!.ToJsonString();
        Assert.True(output.Contains("True", StringComparison.Ordinal), $"the reader did not see this run's times: {output}\n{log}");
        Assert.True(log.ToString().IndexOf(Worker, StringComparison.Ordinal) < log.ToString().IndexOf("00-map.ipynb", StringComparison.Ordinal),
            $"the worker should start first:\n{log}");

        // --no-student skips the student edition only: both notebooks' times are recorded all the same.
        var times = RunTimes.Read(RunTimes.PathFor(repo.Layout));
        Assert.Equal(["00-map.ipynb", Worker], times.Keys.Order(StringComparer.Ordinal));

        // The report says the same as data: every stage, and every code cell with its time and status.
        var report = RunReport.Read(RunReport.PathFor(repo.Layout));
        Assert.Equal(["prepare", "translate", "execute", "run-times"], report.Stages.Select(s => s.Name));
        Assert.All(report.Stages, s => Assert.Equal(StageStatus.Passed, s.Status));
        Assert.Equal(["00-map.ipynb", Worker], report.Notebooks.Select(n => n.Notebook));
        Assert.All(report.Notebooks, n =>
        {
            Assert.True(n.Passed);
            Assert.True(n.Seconds > 0);
            var cell = Assert.Single(n.Cells);
            Assert.Equal(1, cell.Cell);
            Assert.Equal(CellStatus.Ok, cell.Status);
            Assert.True(cell.Seconds > 0);
        });
    }
}
