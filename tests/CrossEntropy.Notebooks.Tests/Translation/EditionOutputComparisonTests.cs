using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>
/// Every Chinese notebook prints what its English notebook prints: the same numbers in every code cell's text
/// outputs, the same verdicts, errors and chart data (<see cref="EditionOutputs"/>), over the committed notebooks.
/// The cells whose numbers differ by design are tagged <c>edition-dependent</c> and listed here with their reason;
/// a tag anywhere else fails, so the tag cannot become a blanket skip.
/// </summary>
public class EditionOutputComparisonTests
{
    private static readonly RepoLayout Layout = RepoLayout.Find(AppContext.BaseDirectory);

    /// <summary>The cells whose printed numbers differ between editions by design (notebook, cell: why).</summary>
    private static readonly IReadOnlyDictionary<(string Notebook, int Cell), string> EditionDependent = new Dictionary<(string, int), string>
    {
        [("00-start-here.ipynb", 5)] = "class time: each edition counts its own notebooks' text at its own reading rate (Chinese characters vs English words)",
    };

    public static TheoryData<string> Notebooks() => new(Layout.NumberedNotebooks());

    [Theory]
    [MemberData(nameof(Notebooks))]
    public void The_Chinese_notebook_prints_the_English_numbers_verdicts_errors_and_chart_data(string notebook)
    {
        var chinese = Layout.CommittedPath(TranslatedEdition.FileNameFor(notebook, TranslatedEdition.Chinese));
        Assert.True(File.Exists(chinese), $"{chinese} is not committed");
        var differences = EditionOutputs.Differences(Notebook.Load(Layout.CommittedPath(notebook)), Notebook.Load(chinese),
            new OutputNormalizer(Layout.Root, maskChartNumbers: false, Layout.Config.Masks));
        Assert.True(differences.Count == 0, "The Chinese edition's outputs differ from the English ones:\n" + string.Join("\n", differences));
    }

    [Fact]
    public void Only_the_listed_cells_are_tagged_edition_dependent_and_the_tag_carries_over()
    {
        var tagged = Layout.NumberedNotebooks()
            .SelectMany(n => Notebook.Load(Layout.CommittedPath(n)).Cells.Where(c => c.HasTag(EditionOutputs.EditionDependentTag)).Select(c => (n, c.Number)))
            .ToHashSet();
        Assert.True(tagged.SetEquals(EditionDependent.Keys),
            $"cells tagged '{EditionOutputs.EditionDependentTag}': [{string.Join(", ", tagged)}]; listed with a reason: [{string.Join(", ", EditionDependent.Keys)}]");
        foreach (var (notebook, cell) in tagged)
        {
            var chinese = Notebook.Load(Layout.CommittedPath(TranslatedEdition.FileNameFor(notebook, TranslatedEdition.Chinese)));
            Assert.True(chinese.Cells[cell - 1].HasTag(EditionOutputs.EditionDependentTag), $"{chinese.FileName} cell {cell} lost the tag");
        }
    }

    [Fact]
    public void A_number_that_differs_fails_naming_the_notebook_and_the_cell()
    {
        var english = Pair("two.ipynb", "H = 0.7130152524 nats", "[0.598687660112452, 0.401312339887548]");
        var chinese = Pair("two.zh-CN.ipynb", "H = 0.7130152524 奈特", "[0.598687660112452, 0.401312339887549]");

        var difference = Assert.Single(EditionOutputs.Differences(english, chinese, new OutputNormalizer()));

        Assert.Contains("two.zh-CN.ipynb cell 2: numbers differ", difference);
        Assert.Contains("'0.401312339887548'", difference);
        Assert.Contains("'0.401312339887549'", difference);
    }

    [Fact]
    public void The_same_numbers_in_translated_text_and_HTML_tables_agree()
    {
        var english = Pair("two.ipynb", "H = 0.7130152524 nats", "<table><tr><th>class time (min)</th></tr><tr><td style=\"padding:2px 8px\">70</td></tr></table>");
        var chinese = Pair("two.zh-CN.ipynb", "交叉熵为 0.7130152524 奈特", "<table><tr><th>课堂用时（分钟）</th></tr><tr><td style=\"padding:2px 8px\">70</td></tr></table>");

        Assert.Empty(EditionOutputs.Differences(english, chinese, new OutputNormalizer()));
    }

    [Fact]
    public void A_number_in_an_HTML_table_that_differs_fails()
    {
        var english = Pair("two.ipynb", "", "<table><tr><td>70</td><td>75</td></tr></table>");
        var chinese = Pair("two.zh-CN.ipynb", "", "<table><tr><td>70</td><td>80</td></tr></table>");

        var difference = Assert.Single(EditionOutputs.Differences(english, chinese, new OutputNormalizer()));

        Assert.Contains("two.zh-CN.ipynb cell 2: numbers differ from two.ipynb at item 2: English '75', translation '80'", difference);
    }

    [Fact]
    public void A_chart_whose_y_differs_fails_naming_the_notebook_and_the_cell_while_translated_titles_do_not()
    {
        var english = Chart("chart.ipynb", "Entropy of a coin", [0.0, 0.5, 1.0], [0.0, 1.0, 0.0]);
        var same = Chart("chart.zh-CN.ipynb", "硬币的熵", [0.0, 0.5, 1.0], [0.0, 1.0, 0.0]);
        var changed = Chart("chart.zh-CN.ipynb", "硬币的熵", [0.0, 0.5, 1.0], [0.0, 0.9, 0.0]);

        Assert.Empty(EditionOutputs.Differences(english, same, new OutputNormalizer()));
        var difference = Assert.Single(EditionOutputs.Differences(english, changed, new OutputNormalizer()));
        Assert.Contains("chart.zh-CN.ipynb cell 2: chart data differ from chart.ipynb", difference);
        Assert.Contains("y=[0,0.9,0]", difference);
    }

    [Fact]
    public void A_verdict_or_an_error_that_differs_fails()
    {
        Notebook Check(string file, CheckState state, JsonObject? error = null) => NotebookJson.Notebook(new JsonObject(), [
            NotebookJson.Markdown("# T"),
            NotebookJson.Code("Exercises01.Check(answer)",
                [NotebookJson.Verdict(new CheckVerdict("Exercise 1.1", state), state.ToString()), .. error is null ? Array.Empty<JsonObject>() : [error]]),
        ], file).View();

        var english = Check("c.ipynb", CheckState.Solved);
        var verdict = Assert.Single(EditionOutputs.Differences(english, Check("c.zh-CN.ipynb", CheckState.Incorrect), new OutputNormalizer()));
        Assert.Contains("c.zh-CN.ipynb cell 2: verdicts differ", verdict);
        var error = Assert.Single(EditionOutputs.Differences(english,
            Check("c.zh-CN.ipynb", CheckState.Solved, NotebookJson.Error("ArgumentException", "index 3")), new OutputNormalizer()));
        Assert.Contains("c.zh-CN.ipynb cell 2: errors differ", error);
    }

    [Fact]
    public void Machine_dependent_cells_compare_how_many_numbers_and_edition_dependent_cells_are_left_out()
    {
        Notebook Timed(string file, string text, params string[] tags) => NotebookJson.Notebook(new JsonObject(), [
            NotebookJson.Markdown("# T"),
            NotebookJson.Tagged(NotebookJson.Code("Time()", NotebookJson.Stream(text)), tags),
        ], file).View();

        Assert.Empty(EditionOutputs.Differences(Timed("t.ipynb", "12.5 ms, 3 runs", "machine-dependent"),
            Timed("t.zh-CN.ipynb", "13.1 毫秒，4 次", "machine-dependent"), new OutputNormalizer()));
        Assert.Single(EditionOutputs.Differences(Timed("t.ipynb", "12.5 ms, 3 runs", "machine-dependent"),
            Timed("t.zh-CN.ipynb", "13.1 毫秒", "machine-dependent"), new OutputNormalizer()));
        Assert.Empty(EditionOutputs.Differences(Timed("t.ipynb", "70 min", EditionOutputs.EditionDependentTag),
            Timed("t.zh-CN.ipynb", "85 分钟", EditionOutputs.EditionDependentTag), new OutputNormalizer()));
    }

    private static Notebook Pair(string file, string stream, string html) => NotebookJson.Notebook(new JsonObject(), [
        NotebookJson.Markdown("# T"),
        NotebookJson.Code("Show()", NotebookJson.Stream(stream), NotebookJson.Display(("text/html", html), ("text/plain", "table"))),
    ], file).View();

    private static Notebook Chart(string file, string title, double[] x, double[] y)
    {
        var data = new JsonArray(new JsonObject { ["type"] = "scatter", ["name"] = title, ["x"] = new JsonArray(x.Select(v => (JsonNode?)v).ToArray()),
            ["y"] = new JsonArray(y.Select(v => (JsonNode?)v).ToArray()) }).ToJsonString();
        var html = $"<div id=\"a1\"></div><script type=\"text/javascript\">\nvar data = {data};\nvar layout = {{\"title\":{{\"text\":\"{title}\"}}}};\nvar config = {{}};\nPlotly.newPlot('a1', data, layout, config);\n</script>";
        return NotebookJson.Notebook(new JsonObject(), [
            NotebookJson.Markdown("# T"),
            NotebookJson.Code("Chart.Line(x, y)", NotebookJson.Display(("text/html", html))),
        ], file).View();
    }
}
