using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>The runner's site step: which notebook each page is rendered from (the rendering itself is tested in
/// tests/CrossEntropy.Site.Tests).</summary>
public class SiteStageTests
{
    [Fact]
    public void Pages_show_the_executed_outputs_and_keep_the_committed_cell_tags()
    {
        using var repository = NewSiteRepository();
        var committed = Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# One"),
            Ipynb.Tagged(Ipynb.Code("Answer()", Ipynb.Stream("committed output\n")), "solution"));
        repository.Add("01-one.ipynb", committed);
        Directory.CreateDirectory(repository.Layout.ExecutedDirectory);
        // dotnet-repl's copy: new outputs, and no tags.
        Ipynb.Notebook(Ipynb.DotnetReplMetadata(), Ipynb.Markdown("# One"), Ipynb.ExecutedCode("Answer()", 0.1, Ipynb.Stream("executed output\n")))
            .Save(repository.Layout.ExecutedPath("01-one.ipynb"));

        var report = new StringWriter();
        Assert.True(SiteStage.Render(repository.Layout, new HashSet<string> { "01-one.ipynb" }, report) == ExitCodes.Success, report.ToString());
        var page = File.ReadAllText(Path.Combine(repository.Root, "artifacts", "site", "01-one.html"));
        Assert.Contains("executed output", page, StringComparison.Ordinal);
        Assert.DoesNotContain("committed output", page, StringComparison.Ordinal);
        Assert.Contains("class=\"cell code solution\"", page, StringComparison.Ordinal);
        Assert.Contains("1 executed copies, 0 committed", report.ToString(), StringComparison.Ordinal);
        // A repository without translations gets a single-language site: no language folder, no switch.
        Assert.False(Directory.Exists(Path.Combine(repository.Root, "artifacts", "site", "zh-CN")));
        Assert.DoesNotContain("language-switch", page, StringComparison.Ordinal);

        // A notebook this run did not execute is rendered from its committed outputs, even with an executed copy left
        // by an earlier run beside it (that copy may be older than the notebook).
        Assert.Equal(ExitCodes.Success, SiteStage.Render(repository.Layout, new HashSet<string>(), report));
        Assert.Contains("committed output", File.ReadAllText(Path.Combine(repository.Root, "artifacts", "site", "01-one.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void An_executed_copy_whose_cells_do_not_line_up_falls_back_to_the_committed_notebook()
    {
        using var repository = NewSiteRepository();
        repository.Add("01-one.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# One"), Ipynb.Code("A()", Ipynb.Stream("committed output\n"))));
        Directory.CreateDirectory(repository.Layout.ExecutedDirectory);
        Ipynb.Notebook(Ipynb.DotnetReplMetadata(), Ipynb.Markdown("# One")).Save(repository.Layout.ExecutedPath("01-one.ipynb"));

        var report = new StringWriter();
        Assert.True(SiteStage.Render(repository.Layout, new HashSet<string> { "01-one.ipynb" }, report) == ExitCodes.Success, report.ToString());
        Assert.Contains("rendered from the committed notebook", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("committed output", File.ReadAllText(Path.Combine(repository.Root, "artifacts", "site", "01-one.html")), StringComparison.Ordinal);
    }

    /// <summary>A translated edition (a translation file and its committed notebook) is rendered under its language's
    /// folder, from the executed copy when this run executed it, with its hand-out from <c>artifacts/student-zh-CN/</c>;
    /// the English pages link it.</summary>
    [Fact]
    public void The_Chinese_edition_is_rendered_under_zh_CN_with_its_executed_outputs_and_hand_out()
    {
        using var repository = NewSiteRepository();
        repository.Add("01-one.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# One"), Ipynb.Code("A()", Ipynb.Stream("English output\n"))));
        repository.Add("01-one.zh-CN.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# 第一篇"), Ipynb.Code("A()", Ipynb.Stream("committed Chinese output\n"))));
        var translations = Directory.CreateDirectory(Path.Combine(repository.Layout.NotebooksDirectory, "translations", "zh-CN")).FullName;
        File.WriteAllText(Path.Combine(translations, "01-one.json"), "{}");
        Directory.CreateDirectory(repository.Layout.ExecutedDirectory);
        Ipynb.Notebook(Ipynb.DotnetReplMetadata(), Ipynb.Markdown("# 第一篇"), Ipynb.ExecutedCode("A()", 0.1, Ipynb.Stream("executed Chinese output\n")))
            .Save(repository.Layout.ExecutedPath("01-one.zh-CN.ipynb"));
        var student = Directory.CreateDirectory(Path.Combine(repository.Layout.ArtifactsDirectory, "student-zh-CN")).FullName;
        Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# 学生版")).Save(Path.Combine(student, "01-one.zh-CN.ipynb"));

        var report = new StringWriter();
        Assert.True(SiteStage.Render(repository.Layout, new HashSet<string> { "01-one.zh-CN.ipynb" }, report) == ExitCodes.Success, report.ToString());
        var site = Path.Combine(repository.Root, "artifacts", "site");
        var chinese = File.ReadAllText(Path.Combine(site, "zh-CN", "01-one.html"));
        Assert.Contains("executed Chinese output", chinese, StringComparison.Ordinal);
        Assert.Contains("<html lang=\"zh-CN\">", chinese, StringComparison.Ordinal);
        Assert.Contains("href=\"../downloads/student-edition.zh-CN.zip\"", chinese, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site, "downloads", "student-edition.zh-CN.zip")));
        Assert.Contains("href=\"zh-CN/01-one.html\"", File.ReadAllText(Path.Combine(site, "01-one.html")), StringComparison.Ordinal);
        Assert.Contains("(English, zh-CN/) from 2 notebooks (1 executed copies, 1 committed)", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("so the English pages offer no hand-out zip", report.ToString(), StringComparison.Ordinal);
    }

    private static SiteRepository NewSiteRepository() => new();

    /// <summary>A temporary repository whose lib/NotebookSite links to the real one (package.json and the KaTeX
    /// install), configured as its <c>site.katex</c> as the course's is. The link is removed first on dispose, so
    /// deleting the temporary folder never reaches the real one.</summary>
    private sealed class SiteRepository : IDisposable
    {
        private readonly TemporaryRepository repository = new();
        private readonly string link;

        public SiteRepository()
        {
            Directory.CreateDirectory(Path.Combine(repository.Root, "lib"));
            link = Path.Combine(repository.Root, "lib", "NotebookSite");
            Directory.CreateSymbolicLink(link, Path.Combine(NotebookRuns.Layout.Root, "lib", "NotebookSite"));
            Layout = new RepoLayout(repository.Root, repository.Layout.Config with { SiteKatex = Path.Combine("lib", "NotebookSite") });
        }

        public string Root => repository.Root;

        public RepoLayout Layout { get; }

        public void Add(string fileName, NotebookFile notebook) => repository.Add(fileName, notebook);

        public void Dispose()
        {
            Directory.Delete(link); // the link only, not recursive
            repository.Dispose();
        }
    }
}
