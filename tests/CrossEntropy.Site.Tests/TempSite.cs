using AngleSharp.Dom;
using AngleSharp.Html.Parser;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>A site rendered into a temporary folder from inline notebooks (or given ones); deleted on dispose.</summary>
internal sealed class TempSite : IDisposable
{
    private static readonly HtmlParser Parser = new();
    private readonly string root = Directory.CreateTempSubdirectory("notebook-site-test-").FullName;

    public TempSite(IEnumerable<(string FileName, InlineNotebook Notebook)> notebooks, bool withReadme = false)
    {
        var sources = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        var paths = notebooks.Select(n => n.Notebook.WriteTo(sources, n.FileName)).ToArray();
        string? readme = null;
        if (withReadme)
        {
            readme = Path.Combine(root, "README.md");
            File.WriteAllText(readme, "# The project\n\nSee [notebook 1](notebooks/01-one.ipynb) and [the code](lib/Thing.cs).\n\n## Setup\n\ntext\n");
        }
        Pages = Build(paths, readme, null, null, null);
    }

    /// <summary>A site from given notebooks; <paramref name="studentEdition"/> is the hand-out folder to zip, if any,
    /// <paramref name="appsDirectory"/> the kernel-free apps' folder, if any, and <paramref name="translations"/> the
    /// translated editions.</summary>
    public TempSite(IReadOnlyList<string> notebookPaths, string? readme, string? studentEdition = null, string? appsDirectory = null,
        IReadOnlyList<SiteTranslation>? translations = null) =>
        Pages = Build(notebookPaths, readme, studentEdition, appsDirectory, translations);

    /// <summary>The temporary folder the site and its sources live in.</summary>
    public string Root => root;

    public string SiteDirectory => Path.Combine(root, "site");

    public IReadOnlyList<SitePage> Pages { get; }

    /// <summary>A page's HTML, by its path in the site (<c>01-one.html</c>, <c>zh-CN/01-one.html</c>).</summary>
    public string Html(string page) => File.ReadAllText(Path.Combine(SiteDirectory, page));

    public IDocument Document(string page) => Parser.ParseDocument(Html(page));

    public void Dispose() => Directory.Delete(root, true);

    private IReadOnlyList<SitePage> Build(IReadOnlyList<string> notebooks, string? readme, string? studentEdition, string? appsDirectory,
        IReadOnlyList<SiteTranslation>? translations)
    {
        var options = new SiteOptions
        {
            Notebooks = notebooks,
            OutputDirectory = Path.Combine(root, "site"),
            ToolDirectory = Repo.ToolDirectory,
            Readme = readme,
            StudentEdition = studentEdition,
            AppsDirectory = appsDirectory,
            Translations = translations ?? [],
        };
        SiteBuilder.Prepare(options);
        return SiteBuilder.Build(options);
    }
}
