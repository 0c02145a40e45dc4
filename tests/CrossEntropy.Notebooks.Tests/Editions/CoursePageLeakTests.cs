using NotebookRunner;
using NotebookRunner.Editions;
using NotebookSite;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// No exercise's answer is readable on its notebook's page before (or around) the exercise: not in the prose, the
/// code or the outputs of the committed teacher notebook as the web edition shows it before any click, at 3
/// significant digits or more, alone or printed as a pair or array (<see cref="PageLeakScanner"/> has the rule). The
/// answers are the values each check cell's answer variables hold when the teacher notebook runs
/// (<see cref="AnswerProbeRuns"/>). Filter to one notebook to run only its probe:
/// <c>--filter "FullyQualifiedName~CoursePageLeakTests&amp;DisplayName~07-"</c>.
/// </summary>
public class CoursePageLeakTests
{
    // Both editions: a Chinese page is scanned for the answers of its English notebook (the same code computes them).
    public static TheoryData<string> Notebooks() => new(CourseHandouts.All());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task No_answer_is_shown_on_the_page_before_or_around_its_exercise(string notebook)
    {
        var layout = RepoLayout.Find(AppContext.BaseDirectory);
        var checkCells = StudentEditionStage.CheckCells(NotebookFile.Load(layout.CommittedPath(notebook)));
        if (checkCells.Count == 0)
        {
            return; // nothing to leak
        }
        var run = await AnswerProbeRuns.Of(CourseHandouts.English(notebook));
        Assert.True(run.Execution.Errors.Count == 0, $"{notebook}: the probe run failed:\n" + string.Join("\n", run.Execution.Errors));
        var answers = AnswerProbe.Read(run.ProbeFile);
        Assert.True(checkCells.SetEquals(answers.Keys),
            $"{notebook}: the probe recorded cells [{string.Join(", ", answers.Keys)}] of check cells [{string.Join(", ", checkCells)}]");
        var leaks = PageLeakScanner.Leaks(Notebook.Load(layout.CommittedPath(notebook)), answers);
        Assert.True(leaks.Count == 0, $"answers shown on the page of {notebook}:\n" + string.Join("\n", leaks));
    }
}
