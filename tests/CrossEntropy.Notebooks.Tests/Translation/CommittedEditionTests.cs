using NotebookRunner;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>The committed Chinese edition: in step with the English, and exactly what the generator writes.</summary>
public class CommittedEditionTests
{
    private static readonly RepoLayout Layout = RepoLayout.Find(AppContext.BaseDirectory);

    [Fact]
    public void Every_translation_is_in_step_with_its_English_notebook()
    {
        var (_, findings) = TranslatedEdition.Build(Layout);
        Assert.True(findings.Count == 0, "The Chinese edition is out of step with the English:\n" + string.Join("\n", findings) +
            "\nSee README, \"中文版 / Chinese edition\", for how to update a stale cell.");
    }

    [Fact]
    public void Every_English_notebook_has_a_committed_Chinese_notebook_equal_to_the_generated_one()
    {
        var (notebooks, _) = TranslatedEdition.Build(Layout);
        Assert.Equal(Layout.NumberedNotebooks().Select(n => TranslatedEdition.FileNameFor(n, TranslatedEdition.Chinese)),
            notebooks.Select(n => n.FileName));
        foreach (var (fileName, notebook) in notebooks)
        {
            var path = Layout.CommittedPath(fileName);
            Assert.True(File.Exists(path), $"{fileName} is not committed: run the main job (it generates it).");
            Assert.True(File.ReadAllText(path) == notebook.ToJson(),
                $"{fileName} differs from what the generator writes: run the main job, or --refresh --notebook {Path.GetFileNameWithoutExtension(fileName)}.");
        }
    }
}
