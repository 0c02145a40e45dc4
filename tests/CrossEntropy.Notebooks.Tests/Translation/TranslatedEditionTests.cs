using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>The generator's rules and the drift check, on <see cref="SyntheticEdition"/>.</summary>
public sealed class TranslatedEditionTests : IDisposable
{
    private readonly SyntheticEdition course = new();

    public void Dispose() => course.Dispose();

    [Fact]
    public void A_complete_translation_is_in_step_and_generates_one_Chinese_notebook_per_English_one()
    {
        var result = TranslatedEdition.Write(course.Layout);
        Assert.True(result.InStep, string.Join("\n", result.Findings));
        Assert.Equal(["01-a.zh-CN.ipynb", "02-b.zh-CN.ipynb"], result.Notebooks);
        Assert.Equal(result.Notebooks, result.Written);
        Assert.Empty(TranslatedEdition.Write(course.Layout).Written); // regenerating an unchanged edition writes nothing
        Assert.Equal(["01-a.ipynb", "02-b.ipynb"], course.Layout.NumberedNotebooks()); // the Chinese files are not English notebooks
    }

    [Fact]
    public void Generated_cells_keep_ids_tags_and_metadata_and_follow_the_rules()
    {
        TranslatedEdition.Write(course.Layout);
        var english = NotebookFile.Load(course.Layout.CommittedPath("01-a.ipynb"));
        var chinese = NotebookFile.Load(course.Layout.CommittedPath("01-a.zh-CN.ipynb"));
        Assert.True(JsonNode.DeepEquals(english.Root["metadata"], chinese.Root["metadata"]));
        Assert.Equal(english.Cells.Select(c => (string?)c["id"]), chinese.Cells.Select(c => (string?)c["id"]));
        Assert.Equal(["exercise"], NotebookFile.Tags(chinese.Cells[1]));
        Assert.Equal("# 1. 甲\n\n见[这一部分](02-b.zh-CN.ipynb#2-这一部分)和[细节](#细节)；[README](../README.md#top)。",
            NotebookFile.Source(chinese.Cells[0]));
        Assert.Equal("CrossEntropy.Interactive.KernelSetup.Install(\"zh-CN\"); // 设置\nConsole.WriteLine(\"你好，世界\"); // greet",
            NotebookFile.Source(chinese.Cells[1]));
    }

    [Fact]
    public void Changing_one_English_sentence_names_the_stale_Chinese_cell_and_retranslating_it_passes()
    {
        course.EditEnglish("01-a.ipynb", 3, SyntheticEdition.Details.Replace("The value is", "The value equals", StringComparison.Ordinal));
        var stale = TranslatedEdition.Build(course.Layout).Findings;
        var finding = Assert.Single(stale);
        Assert.StartsWith("01-a.zh-CN: cell 3 (markdown): stale — the English changed since it was translated", finding.ToString());
        Assert.Contains(course.EnglishHash("01-a.ipynb", 3), finding.Problem); // the hash to record is in the message

        course.EditTranslation("01-a.ipynb", 3, entry =>
        {
            entry["en"] = course.EnglishHash("01-a.ipynb", 3);
            entry["zh"] = "## 细节\n\n在 3 个点上值等于 $x^2$。";
        });
        Assert.Empty(TranslatedEdition.Build(course.Layout).Findings);
    }

    [Fact]
    public void A_new_English_cell_without_a_translation_fails_naming_it()
    {
        var english = NotebookFile.Load(course.Layout.CommittedPath("02-b.ipynb"));
        ((JsonArray)english.Root["cells"]!).Add(Ipynb.Markdown("A new paragraph."));
        english.Save(course.Layout.CommittedPath("02-b.ipynb"));
        var findings = TranslatedEdition.Build(course.Layout).Findings.Select(f => f.ToString()).ToArray();
        Assert.Contains("02-b.zh-CN: entry count mismatch — 1 entries for 2 English cells", findings);
        Assert.Contains(findings, f => f.StartsWith("02-b.zh-CN: cell 2 (markdown): missing — no translation of this English cell", StringComparison.Ordinal));
    }

    [Fact]
    public void A_text_pair_that_no_longer_matches_fails_naming_the_pair()
    {
        course.EditTranslation("01-a.ipynb", 2, entry => entry["text"]![1]![0] = "\"Hello, World\"");
        var finding = Assert.Single(TranslatedEdition.Build(course.Layout).Findings);
        Assert.Equal("01-a.zh-CN: cell 2 (code): text pair 2 not found in the cell: \"\"Hello, World\"\"", finding.ToString());
    }

    [Theory]
    [InlineData("## 细节\n\n在 3 个点上值为 $y^2$。", "formulas ($…$) differ from the English — missing [$x^2$], extra [$y^2$]")]
    [InlineData("## 细节\n\n在三个点上值为 $x^2$。", "numbers differ from the English — missing [3], extra []")]
    public void A_formula_or_number_that_differs_from_the_English_fails(string zh, string problem)
    {
        course.EditTranslation("01-a.ipynb", 3, entry => entry["zh"] = zh);
        Assert.Equal(problem, Assert.Single(TranslatedEdition.Build(course.Layout).Findings).Problem);
    }

    [Fact]
    public void A_link_to_a_heading_that_does_not_exist_fails()
    {
        course.EditTranslation("01-a.ipynb", 1, entry => entry["zh"] = "# 1. 甲\n\n见[这一部分](02-b.ipynb#2-the-whole)和[细节](#details)；[README](../README.md#top)。");
        Assert.Equal("01-a.zh-CN: cell 1 (markdown): link 02-b.ipynb#2-the-whole: 02-b.ipynb has no heading with the anchor #2-the-whole",
            Assert.Single(TranslatedEdition.Build(course.Layout).Findings).ToString());
    }

    [Fact]
    public void A_cell_keeps_its_refreshed_outputs_until_its_generated_source_changes()
    {
        TranslatedEdition.Write(course.Layout);
        var path = course.Layout.CommittedPath("01-a.zh-CN.ipynb");
        var refreshed = NotebookFile.Load(path);
        refreshed.Cells[1]["outputs"] = new JsonArray(Ipynb.Stream("你好，世界\n"));
        refreshed.Cells[1]["execution_count"] = 1;
        refreshed.Save(path);
        Assert.Empty(TranslatedEdition.Write(course.Layout).Written);
        Assert.Single(NotebookFile.Outputs(NotebookFile.Load(path).Cells[1]));

        course.EditTranslation("01-a.ipynb", 2, entry => entry["text"]![0]![1] = "// 初始化");
        Assert.Equal(["01-a.zh-CN.ipynb"], TranslatedEdition.Write(course.Layout).Written);
        var regenerated = NotebookFile.Load(path).Cells[1];
        Assert.Empty(NotebookFile.Outputs(regenerated));
        Assert.Null(regenerated["execution_count"]);
    }

    [Fact]
    public void The_main_job_stage_reports_each_finding_and_fails()
    {
        course.EditEnglish("02-b.ipynb", 1, "# 2. Beta\n\n## 2. The part\n\nOther text.");
        var lines = new List<string>();
        var (notebooks, inStep) = TranslationStage.Regenerate(course.Layout, lines.Add);
        Assert.False(inStep);
        Assert.Equal(["01-a.zh-CN.ipynb", "02-b.zh-CN.ipynb"], notebooks);
        Assert.Contains(lines, l => l.StartsWith("  TRANSLATION 02-b.zh-CN: cell 1 (markdown): stale", StringComparison.Ordinal));
    }

    [Fact]
    public void A_repository_without_translations_has_no_translated_edition()
    {
        using var plain = new TemporaryRepository();
        plain.Add("01-a.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# A")));
        var result = TranslatedEdition.Write(plain.Layout);
        Assert.True(result.InStep);
        Assert.Empty(result.Notebooks);
    }
}
