using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner;
using NotebookRunner.Editions;
using NotebookRunner.Translation;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// The Chinese hand-out as the student stage writes it (no kernel: the executed checks are in
/// <see cref="CourseEditionTests"/>, which runs both editions): its folder, its Chinese README and placeholders,
/// links between its notebooks, commands that work from it, and the translation of its text kept in step.
/// </summary>
public sealed partial class ChineseHandoutTests : IDisposable
{
    private static readonly RepoLayout Layout = CourseHandouts.Layout;

    private readonly string root = Directory.CreateTempSubdirectory("zh-handout-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    private StudentEditionWriter Write()
    {
        var text = HandoutText.Load(TranslatedEdition.TranslationsDirectory(Layout, TranslatedEdition.Chinese), TranslatedEdition.Chinese);
        var writer = new StudentEditionWriter(Layout.NotebooksDirectory, Path.Combine(root, "student-zh-CN"),
            teacher => StudentEdition.Create(teacher, text.Apply(null)), text);
        writer.Write(CourseHandouts.Of(TranslatedEdition.Chinese), clean: true, companions: Layout.NumberedNotebooks());
        return writer;
    }

    [Fact]
    public void The_main_job_writes_the_Chinese_hand_out_beside_the_English_one()
    {
        Assert.Equal(Path.Combine(Layout.ArtifactsDirectory, "student-zh-CN"), StudentEditionStage.DefaultRoot(Layout, TranslatedEdition.Chinese));
        Assert.Equal(Path.Combine(Layout.ArtifactsDirectory, "student"), StudentEditionStage.DefaultRoot(Layout));
        Assert.Equal([null, TranslatedEdition.Chinese], StudentEditionStage.Editions(Layout));
        Assert.Equal(TranslatedEdition.Chinese, StudentEditionStage.EditionOf("01-entropy.zh-CN.ipynb"));
        Assert.Null(StudentEditionStage.EditionOf("01-entropy.ipynb"));
    }

    [Fact]
    public void The_student_command_selects_a_Chinese_notebook_by_its_name()
    {
        var options = NotebookRunner.CommandLine.RunnerCommandLine.Parse("student", "--notebook", "01-entropy.zh-CN");
        Assert.False(options.Selects("01-entropy.ipynb"));
        Assert.True(options.Selects("01-entropy.zh-CN.ipynb"));
    }

    [Fact]
    public void The_Chinese_hand_out_holds_every_Chinese_notebook_with_Chinese_placeholders_and_the_English_ones_they_read()
    {
        var writer = Write();
        var names = Directory.GetFiles(writer.NotebooksDirectory, "*.zh-CN.ipynb").Select(Path.GetFileName).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(Layout.NumberedNotebooks().Select(n => TranslatedEdition.FileNameFor(n, TranslatedEdition.Chinese)), names);
        // Notebook 6 trains on the English prose of notebooks 1-5, so the English student notebooks come along (not listed).
        Assert.All(Layout.NumberedNotebooks(), n => Assert.True(File.Exists(Path.Combine(writer.NotebooksDirectory, n)), n));
        Assert.DoesNotContain("`01-entropy.ipynb`", File.ReadAllText(Path.Combine(writer.Root, "README.md")), StringComparison.Ordinal);
        var cells = names.SelectMany(n => Notebook.Load(Path.Combine(writer.NotebooksDirectory, n!)).Cells).ToArray();
        Assert.Contains(cells, c => c.Source.Contains(writer.Text.CodePlaceholder, StringComparison.Ordinal));
        Assert.Contains(cells, c => c.Source == writer.Text.MarkdownPlaceholder);
        Assert.DoesNotContain(cells, c => (c.IsCode && c.Source.Contains(NotebookConventions.Default.CodePlaceholder, StringComparison.Ordinal))
                                          || c.Source == NotebookConventions.Default.MarkdownPlaceholder);
    }

    [Fact]
    public void Links_between_the_hand_out_notebooks_reach_a_notebook_and_a_heading_of_the_hand_out()
    {
        var writer = Write();
        var broken = new List<string>();
        var links = 0;
        foreach (var file in Directory.GetFiles(writer.NotebooksDirectory, "*.ipynb"))
        {
            foreach (var cell in Notebook.Load(file).Cells.Where(c => c.Kind == CellKind.Markdown))
            {
                foreach (Match link in NotebookLink().Matches(cell.Source))
                {
                    links++;
                    var target = Path.Combine(writer.NotebooksDirectory, link.Groups["file"].Value);
                    var anchor = link.Groups["anchor"].Value;
                    if (!File.Exists(target))
                    {
                        broken.Add($"{Path.GetFileName(file)} cell {cell.Number}: {link.Value} (no such notebook in the hand-out)");
                    }
                    else if (anchor.Length > 0 && !Headings(target).Contains(anchor))
                    {
                        broken.Add($"{Path.GetFileName(file)} cell {cell.Number}: {link.Value} (no such heading)");
                    }
                }
            }
        }
        Assert.True(links > 0, "the Chinese hand-out's notebooks link to no notebook");
        Assert.True(broken.Count == 0, "broken links in the Chinese hand-out:\n" + string.Join("\n", broken));
    }

    [Fact]
    public void The_Chinese_README_is_Chinese_names_each_notebook_and_its_folder_and_every_command_in_the_hand_out_works_there()
    {
        var writer = Write();
        var readme = File.ReadAllText(Path.Combine(writer.Root, "README.md"));
        Assert.StartsWith("# C# 中的交叉熵：学生版", readme, StringComparison.Ordinal);
        Assert.Contains("student-zh-CN/", readme, StringComparison.Ordinal);
        Assert.Contains(writer.Text.CodePlaceholder, readme, StringComparison.Ordinal);
        Assert.Contains("尚未解答", readme, StringComparison.Ordinal); // the checks' own word for NotSolvedYet
        foreach (var name in CourseHandouts.Of(TranslatedEdition.Chinese))
        {
            Assert.Contains($"`{name}`：", readme, StringComparison.Ordinal); // listed, with full-width punctuation
        }
        // Chinese prose: outside code spans, no run of five English words (a sentence left untranslated).
        var prose = CodeSpan().Replace(readme, " ");
        var english = EnglishRun().Matches(prose).Select(m => m.Value).ToArray();
        Assert.True(english.Length == 0, "English left in the Chinese README: " + string.Join(" | ", english));
        var problems = HandoutInstructions.Problems(writer.Root);
        Assert.True(problems.Count == 0, "the Chinese hand-out tells the student to run:\n" + string.Join("\n", problems));
    }

    [Fact]
    public void The_committed_translation_of_the_hand_out_text_is_in_step_and_a_changed_English_text_stops_it_with_the_entry_named()
    {
        var folder = TranslatedEdition.TranslationsDirectory(Layout, TranslatedEdition.Chinese);
        var text = HandoutText.Load(folder, TranslatedEdition.Chinese); // throws when stale
        Assert.NotEqual(HandoutText.English().Readme, text.Readme);

        var copy = Path.Combine(root, "translations");
        Directory.CreateDirectory(copy);
        var json = JsonNode.Parse(File.ReadAllText(Path.Combine(folder, HandoutText.FileName)))!;
        json["codePlaceholder"]!["en"] = "0000000000000000";
        File.WriteAllText(Path.Combine(copy, HandoutText.FileName), json.ToJsonString());
        var error = Assert.Throws<EditionException>(() => HandoutText.Load(copy, TranslatedEdition.Chinese));
        Assert.Contains("\"codePlaceholder\" is stale", error.Message, StringComparison.Ordinal);
        Assert.Contains(TranslationFile.HashOf(NotebookConventions.Default.CodePlaceholder), error.Message, StringComparison.Ordinal);

        File.Delete(Path.Combine(copy, HandoutText.FileName));
        Assert.Throws<EditionException>(() => HandoutText.Load(copy, TranslatedEdition.Chinese));
    }

    private static HashSet<string> Headings(string notebook) =>
        Notebook.Load(notebook).Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => MarkdownText.Headings(c.Source)).Select(MarkdownText.Slug).ToHashSet(StringComparer.Ordinal);

    // A relative link to a numbered notebook: ](01-entropy.zh-CN.ipynb#anchor)
    [GeneratedRegex(@"\]\((?<file>[0-9]{2}-[^)#\s/]*\.ipynb)(?:#(?<anchor>[^)\s]+))?\)")]
    private static partial Regex NotebookLink();

    [GeneratedRegex(@"`[^`]*`")]
    private static partial Regex CodeSpan();

    [GeneratedRegex(@"\b[A-Za-z]+(?:[ ,]+[A-Za-z]+){4,}\b")]
    private static partial Regex EnglishRun();
}
