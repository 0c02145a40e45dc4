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
