using NotebookRunner;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>The glossary check: on the committed translations, and on a synthetic course where it must fail.</summary>
public class TerminologyTests
{
    [Fact]
    public void The_committed_Chinese_edition_uses_the_glossary()
    {
        var findings = Terminology.Check(RepoLayout.Find(AppContext.BaseDirectory));
        Assert.True(findings.Count == 0, "Glossary (notebooks/translations/zh-CN/terms.json) not followed:\n" + string.Join("\n", findings));
    }

    [Theory]
    [InlineData("## 细节\n\n在 3 个点上 cross-entropy 为 $x^2$。", "glossary term \"cross-entropy\" left in English: write 交叉熵 (the English in parentheses only at its first use)")]
    [InlineData("## 细节\n\n在 3 个点上，对数-求和-指数为 $x^2$，也就是 log-sum-exp 算出的。", "glossary term \"log-sum-exp\" left in English: write 对数求和指数 (the English in parentheses only at its first use)")]
    public void An_English_term_left_in_Chinese_prose_fails_naming_notebook_cell_and_term(string zh, string problem)
    {
        using var course = new SyntheticEdition();
        WriteGlossary(course);
        course.EditTranslation("01-a.ipynb", 3, entry => entry["zh"] = zh);
        var finding = Assert.Single(Terminology.Check(course.Layout), f => f.Problem == problem);
        Assert.Equal(("01-a.zh-CN", 3), (finding.Notebook, finding.Cell));
    }

    [Fact]
    public void A_term_rendered_another_way_fails_and_glosses_proper_names_and_kept_terms_pass()
    {
        using var course = new SyntheticEdition();
        WriteGlossary(course);
        course.EditEnglish("01-a.ipynb", 3, SyntheticEdition.Details + " Its cross-entropy is Cut Cross-Entropy's, with softmax.");
        course.EditTranslation("01-a.ipynb", 3, entry => entry["zh"] = "## 细节\n\n在 3 个点上值为 $x^2$。它的交叉熵（cross-entropy）就是 Cut Cross-Entropy 的，用 softmax。");
        Assert.Empty(Terminology.Check(course.Layout));

        course.EditTranslation("01-a.ipynb", 3, entry => entry["zh"] = "## 细节\n\n在 3 个点上值为 $x^2$。它的交错熵就是 Cut Cross-Entropy 的，用 softmax。");
        Assert.Equal("01-a.zh-CN: cell 3 (markdown): glossary term \"cross-entropy\" rendered another way: the glossary says 交叉熵",
            Assert.Single(Terminology.Check(course.Layout)).ToString());
    }

    private static void WriteGlossary(SyntheticEdition course) => File.WriteAllText(
        Path.Combine(TranslatedEdition.TranslationsDirectory(course.Layout, TranslatedEdition.Chinese), Terminology.FileName),
        """{"cross-entropy": "交叉熵", "log-sum-exp": "对数求和指数", "softmax": "softmax", "ulp (unit in the last place)": "末位单位（ULP）"}""");
}
