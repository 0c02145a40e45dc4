using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The committed (teacher) notebooks as they are on disk: no kernel needed.</summary>
public class CommittedTeacherNotebookTests
{
    private static readonly RepoLayout Layout = RepoLayout.Find(AppContext.BaseDirectory);

    public static TheoryData<string> Notebooks() => new(CourseHandouts.All()); // both editions

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_check_in_the_committed_notebook_shows_solved(string notebook)
    {
        var teacher = NotebookFile.Load(Layout.CommittedPath(notebook));
        var checkCells = StudentEditionStage.CheckCells(teacher);
        var unsolved = teacher.View().CodeCells.Where(c => checkCells.Contains(c.Number) && c.Verdict != CheckState.Solved)
            .Select(c => $"cell {c.Number} shows {c.Verdict}")
            .ToArray();
        Assert.True(unsolved.Length == 0, $"{notebook}: " + string.Join(", ", unsolved));
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void Every_exercise_has_one_check_and_the_notebook_makes_a_student_edition(string notebook)
    {
        var teacher = NotebookFile.Load(Layout.CommittedPath(notebook));
        StudentEdition.Create(teacher); // throws, naming the cell, on a solution without markers or unbalanced markers
        var exercises = teacher.View().Cells.Count(c => c.HasTag(NotebookConventions.Default.ExerciseTag));
        Assert.Equal(exercises, StudentEditionStage.CheckCells(teacher).Count);
    }
}
