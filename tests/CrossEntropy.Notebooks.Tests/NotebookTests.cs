using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>Executes every numbered notebook in a real kernel (dotnet-repl) and checks what a reader would see.</summary>
public class NotebookTests(NotebookExecutionFixture fixture) : IClassFixture<NotebookExecutionFixture>
{
    /// <summary>
    /// Every notebooks/[0-9][0-9]-*.ipynb. With none, xunit fails each Theory ("No data found"), and
    /// <see cref="There_are_numbered_notebooks"/> says why: an empty folder must not pass.
    /// </summary>
    public static TheoryData<string> Notebooks()
    {
        var data = new TheoryData<string>();
        foreach (var name in RepoLayout.Find(AppContext.BaseDirectory).NumberedNotebooks())
        {
            data.Add(name);
        }
        return data;
    }

    [Fact]
    public void There_are_numbered_notebooks()
    {
        Assert.NotEmpty(fixture.Layout.NumberedNotebooks());
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_runs_without_errors_and_reproduces_its_committed_outputs(string notebook)
    {
        var result = await fixture.ResultFor(notebook);
        Assert.True(result.Errors.Count == 0,
            $"{notebook} has errors:\n{string.Join("\n", result.Errors)}");
        var difference = new OutputComparer(new OutputNormalizer(fixture.Layout.Root))
            .FindFirstDifference(NotebookFile.Load(result.CommittedPath), result.Executed!);
        Assert.True(difference is null,
            $"{notebook}: outputs differ from the committed ones at {difference}\n" +
            "If the change is intended: dotnet run --project lib/NotebookRunner -c Release -- --refresh --notebook " + notebook);
    }

    [Theory]
    [MemberData(nameof(Notebooks))]
    public async Task Notebook_charts_render(string notebook)
    {
        var result = await fixture.ResultFor(notebook);
        Assert.NotNull(result.Executed);
        var unrendered = ChartCells.Unrendered(result.Executed);
        Assert.True(unrendered.Count == 0,
            $"{notebook}: chart cell(s) {string.Join(", ", unrendered)} show no plotly div with data " +
            "(did the first cell call CrossEntropy.Interactive.KernelSetup.Install()?)");
    }
}
