using System.Text.RegularExpressions;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// The student and teacher editions of the course's notebooks: the student edition runs with every check "not
/// solved yet", the teacher notebooks have every check solved (committed and executed), and no solution code or
/// answer value reaches any file of the hand-out.
/// </summary>
public partial class CourseEditionTests(CourseEditionFixture fixture) : IClassFixture<CourseEditionFixture>
{
    /// <summary>Every notebook of both editions (the hand-out tests run on each).</summary>
    public static TheoryData<string> Notebooks() => new(CourseHandouts.All());

    /// <summary>The English notebooks: their executed teacher runs (the probes) give the answers of both editions.</summary>
    public static TheoryData<string> EnglishNotebooks() => new(CourseHandouts.Of(null));

    private static NotebookFile Teacher(RepoLayout layout, string notebook) => NotebookFile.Load(layout.CommittedPath(notebook));

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Student_edition_runs_without_errors_and_every_check_says_not_solved_yet(string notebook)
    {
        var run = Assert.Single(fixture.StudentRuns, r => r.Name == notebook);
        var problems = StudentEditionStage.Problems(run, StudentEditionStage.CheckCells(Teacher(fixture.Layout, notebook)));
        Assert.True(problems.Count == 0, $"student edition of {notebook}:\n" + string.Join("\n", problems));
    }

    [Theory]
    [MemberData(nameof(EnglishNotebooks))]
    public void Teacher_notebook_executed_shows_every_check_solved(string notebook)
    {
        var run = fixture.ProbeRuns[notebook];
        Assert.True(run.Errors.Count == 0, $"{notebook}:\n" + string.Join("\n", run.Errors));
        var checkCells = StudentEditionStage.CheckCells(Teacher(fixture.Layout, notebook));
        var unsolved = run.Executed!.View().CodeCells.Where(c => checkCells.Contains(c.Number) && c.Verdict != CheckState.Solved)
            .ToArray();
        Assert.True(unsolved.Length == 0, $"{notebook}: " + string.Join(", ", unsolved.Select(c => $"cell {c.Number} shows {c.Verdict}")));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_line_of_solution_code_appears_in_any_file_of_the_hand_out(string notebook)
    {
        var files = LeakScanner.TextFiles(fixture.StageOf(notebook).Writer.Root);
        var teacher = Teacher(fixture.Layout, notebook);
        var leaks = (from cell in teacher.View().CodeCells
                     from region in SolutionRegions.Regions(cell, notebook)
                     from line in SolutionRegions.Lines(region).Select(l => l.Trim())
                     where IsDistinctiveCode(line)
                     from hit in LeakScanner.Find(files, [line])
                     select $"cell {cell.Number}: {hit}").ToArray();
        Assert.True(leaks.Length == 0, $"solution code of {notebook} found in the hand-out:\n" + string.Join("\n", leaks));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void No_answer_value_appears_in_any_file_of_the_hand_out(string notebook)
    {
        var checkCells = StudentEditionStage.CheckCells(Teacher(fixture.Layout, notebook));
        var values = checkCells.Count == 0 ? new Dictionary<int, IReadOnlyList<System.Text.Json.Nodes.JsonNode?>>()
            : AnswerProbe.Read(fixture.ProbeFile(CourseHandouts.English(notebook)));
        Assert.True(checkCells.SetEquals(values.Keys),
            $"{notebook}: the probe recorded cells [{string.Join(", ", values.Keys)}] of check cells [{string.Join(", ", checkCells)}]");
        var files = LeakScanner.TextFiles(fixture.StageOf(notebook).Writer.Root);
        var leaks = (from cell in values
                     from value in cell.Value.SelectMany(AnswerProbe.Leaves)
                     from hit in LeakScanner.Find(files, LeakScanner.Forms(value))
                     select $"cell {cell.Key}: {hit}").ToArray();
        Assert.True(leaks.Length == 0, $"answer values of {notebook} found in the hand-out:\n" + string.Join("\n", leaks));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_check_cell_declares_an_answer_variable_before_its_solution(string notebook)
    {
        var teacher = Teacher(fixture.Layout, notebook);
        var missing = teacher.View().CodeCells.Where(c => SolutionRegions.HasMarkers(c.Source))
            .Where(c => AnswerProbe.AnswerVariables(SolutionRegions.Lines(c.Source)).Count == 0)
            .Select(c => c.Number).ToArray();
        Assert.True(missing.Length == 0,
            $"{notebook} cells {string.Join(", ", missing)}: no 'type name = placeholder;' line before '{NotebookConventions.Default.BeginSolution}'");
    }

    /// <summary>No hand-out (English or Chinese) names a path of the machine that wrote it: the kernel's messages (the
    /// NuGet cache path of "Loading extensions from") are left out of the student runs' outputs, like the teacher notebooks'.</summary>
    [Fact]
    public void No_file_of_the_hand_outs_holds_a_path_of_the_machine_that_made_it()
    {
        var problems = (from stage in fixture.Stages.Values
                        from file in Directory.EnumerateFiles(stage.Writer.Root, "*", SearchOption.AllDirectories)
                        where Path.GetExtension(file) is ".ipynb" or ".md" or ".json"
                        from path in KernelNoise.MachinePaths(File.ReadAllText(file), 40)
                        select $"{Path.GetRelativePath(stage.Writer.Root, file)}: …{path}…").ToArray();
        Assert.True(problems.Length == 0, "machine paths in the hand-outs:\n" + string.Join("\n", problems));
    }

    /// <summary>A code line long enough to be specific: not a brace, a comment or a short statement.</summary>
    private static bool IsDistinctiveCode(string line) =>
        !line.StartsWith("//", StringComparison.Ordinal) && Whitespace().Replace(line, "").Length >= 20;

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
