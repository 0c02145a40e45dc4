using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// Runs the whole student-edition stage on a synthetic repository (two small notebooks that load the real library by
/// relative path), executed in a real kernel: independent of the course's notebooks. Lives under
/// <c>artifacts/</c> of this repository so that <c>dotnet tool run dotnet-repl</c> finds the tool manifest.
/// </summary>
public sealed class SyntheticEditionFixture : IAsyncLifetime
{
    private static readonly string[] Libraries =
    [
        "../lib/CrossEntropy.Numerics/bin/Release/net10.0/CrossEntropy.Numerics.dll",
        "../lib/CrossEntropy.Interactive/bin/Release/net10.0/CrossEntropy.Interactive.dll",
    ];

    // Real verdicts, as the course's checks make them: the box, the text line and the verdict as data.
    private const string CheckFunction = """
        using CrossEntropy.Numerics;
        using CrossEntropy.Interactive.Exercises;
        ExerciseResult Check(double bits) => double.IsNaN(bits) ? ExerciseResult.NotSolvedYet("90.1", "Replace the placeholder.")
            : Math.Abs(bits - Information.Entropy(Enumerable.Repeat(1.0 / 6, 6).ToArray(), InformationUnit.Bits)) < 1e-12 ? ExerciseResult.Solved("90.1", "right.")
            : ExerciseResult.Incorrect("90.1", "Is that in bits?");
        ExerciseResult SelfCheck(char c) => c == '?' ? ExerciseResult.NotSolvedYet("90.2") : c == 'b' ? ExerciseResult.Solved("90.2", "right.")
            : ExerciseResult.Incorrect("90.2", "read the question again.");
        """;

    private readonly RepoLayout real = RepoLayout.Find(AppContext.BaseDirectory);
    private string repo = "";

    public (IReadOnlyList<ExecutionResult> Runs, bool Passed) Outcome { get; private set; }

    public List<string> Report { get; } = [];

    public StudentEditionStage? Stage { get; private set; }

    public async Task InitializeAsync()
    {
        repo = Path.Combine(real.Root, "artifacts", "test-synthetic-edition");
        if (Directory.Exists(repo))
        {
            Directory.Delete(repo, recursive: true);
        }
        var executor = new Executor(new RepoLayout(repo));
        await new Executor(real).PrepareAsync(TextWriter.Null);
        foreach (var library in Libraries)
        {
            var built = Path.GetFullPath(Path.Combine(real.NotebooksDirectory, library));
            var mirrored = Path.GetFullPath(Path.Combine(executor.Layout.NotebooksDirectory, library));
            Directory.CreateDirectory(Path.GetDirectoryName(mirrored)!);
            File.Copy(built, mirrored);
        }
        Directory.CreateDirectory(executor.Layout.NotebooksDirectory);

        // As in the course's notebooks: the libraries, then their formatters (a check's verdict box and its verdict as data).
        var setup = Ipynb.Code(string.Concat(Libraries.Select(l => $"#r \"{l}\"\n")) + "CrossEntropy.Interactive.KernelSetup.Install();");
        var good = Synthetic.Exercises("90-good.ipynb");
        good.Root["cells"]!.AsArray().Insert(1, setup);
        good.Root["cells"]!.AsArray().Insert(2, Ipynb.Code(CheckFunction));
        good.Save(Path.Combine(executor.Layout.NotebooksDirectory, good.Name));
        // Breaks the protocol in a way no parser can see: the answer sits outside the markers.
        Synthetic.Notebook("91-leaky.ipynb", Ipynb.Markdown("# 91. Leaky"), setup.DeepClone().AsObject(), Ipynb.Code(CheckFunction),
                Synthetic.Tagged(Ipynb.Code("double dieBits = Math.Log2(6);\n// BEGIN SOLUTION\n// END SOLUTION\nCheck(dieBits)"),
                    NotebookConventions.Default.SolutionTag))
            .Save(Path.Combine(executor.Layout.NotebooksDirectory, "91-leaky.ipynb"));

        Stage = new StudentEditionStage(executor, Path.Combine(repo, "artifacts", "student"));
        Outcome = await Stage.RunAsync(["90-good.ipynb", "91-leaky.ipynb"], execute: true, parallel: 2,
            Executor.DefaultTimeout, Report.Add);

        ProbeFile = Path.Combine(repo, "probe-90-good.tsv");
        var probe = new StudentEditionWriter(executor.Layout.NotebooksDirectory, Path.Combine(repo, "artifacts", "probe"),
            teacher => AnswerProbe.Instrument(teacher, ProbeFile));
        probe.Write(["90-good.ipynb"], clean: true);
        ProbeRun = await Executor.ExecuteInAsync(probe.NotebooksDirectory, "90-good.ipynb", Path.Combine(repo, "probe-executed.ipynb"));
    }

    public string ProbeFile { get; private set; } = "";

    public ExecutionResult? ProbeRun { get; private set; }

    public Task DisposeAsync()
    {
        Directory.Delete(repo, recursive: true);
        return Task.CompletedTask;
    }

}

public sealed class SyntheticEditionExecutionTests(SyntheticEditionFixture fixture) : IClassFixture<SyntheticEditionFixture>
{
    private (IReadOnlyList<ExecutionResult> Runs, bool Passed) outcome => fixture.Outcome;

    private List<string> report => fixture.Report;

    private StudentEditionStage? stage => fixture.Stage;

    [Fact]
    public void The_probe_records_each_check_cells_answer_and_leaves_the_teacher_outputs_as_they_were()
    {
        Assert.Empty(fixture.ProbeRun!.Errors);
        var values = AnswerProbe.Read(fixture.ProbeFile);
        Assert.Equal([5, 8], values.Keys.Order());
        Assert.Equal(Math.Log2(6), values[5].Single()!.GetValue<double>(), 1e-15);
        Assert.Equal("b", values[8].Single()!.GetValue<string>());
        var checkCells = StudentEditionStage.CheckCells(fixture.ProbeRun.Executed!.Clone());
        Assert.All(fixture.ProbeRun.Executed!.CodeCells.Where(c => c.Number is 5 or 8),
            c => Assert.Equal(CheckState.Solved, Cell.From(c.Cell, c.Number).Verdict));
        Assert.Equal(2, checkCells.Count);
    }

    private ExecutionResult Run(string name) => outcome.Runs.Single(r => r.Name == name);

    [Fact]
    public void The_student_edition_runs_from_the_hand_out_folder_and_every_check_says_not_solved_yet()
    {
        var run = Run("90-good.ipynb");
        var teacher = NotebookFile.Load(Path.Combine(stage!.Executor.Layout.NotebooksDirectory, run.Name));
        var checkCells = StudentEditionStage.CheckCells(teacher);
        Assert.Empty(StudentEditionStage.Problems(run, checkCells));
        Assert.Equal([CheckState.NotSolvedYet, CheckState.NotSolvedYet],
            run.Executed!.CodeCells.Where(c => checkCells.Contains(c.Number)).Select(c => Cell.From(c.Cell, c.Number).Verdict));
        Assert.Contains(report, l => l.Contains("student 90-good.ipynb", StringComparison.Ordinal)
                                     && l.Contains("2 check(s) not solved yet", StringComparison.Ordinal));
    }

    [Fact]
    public void An_answer_left_outside_the_markers_fails_the_stage_naming_notebook_and_cell()
    {
        Assert.False(outcome.Passed);
        var line = Assert.Single(report, l => l.Contains("ERROR student 91-leaky.ipynb", StringComparison.Ordinal));
        Assert.Contains("cell 4: the check reports Solved", line, StringComparison.Ordinal);
    }

    [Fact]
    public void The_hand_out_keeps_the_student_runs_outputs_except_in_check_and_solution_cells()
    {
        var handout = NotebookFile.Load(Path.Combine(stage!.Writer.NotebooksDirectory, "90-good.ipynb"));
        var cells = handout.CodeCells;
        Assert.Contains("a plain cell", handout.View().CodeCells.Single(c =>
            c.Source.Contains("Console.WriteLine", StringComparison.Ordinal)).OutputText, StringComparison.Ordinal);
        var checkCells = StudentEditionStage.CheckCells(NotebookFile.Load(Path.Combine(stage.Executor.Layout.NotebooksDirectory, "90-good.ipynb")));
        Assert.Equal(2, checkCells.Count);
        Assert.All(cells.Where(c => checkCells.Contains(c.Number)), c => Assert.Empty(NotebookFile.Outputs(c.Cell)));
        Assert.DoesNotContain("Math.Log2(6)", File.ReadAllText(Path.Combine(stage.Writer.NotebooksDirectory, "90-good.ipynb")),
            StringComparison.Ordinal);
    }
}
