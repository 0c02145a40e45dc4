namespace NotebookSite;

/// <summary>
/// The site's pages and how the sources' relative links resolve to them: the course in reading order (the index, then
/// each notebook), the README page if any, and the notebook each page offers for download.
/// </summary>
public sealed class SiteMap
{
    private readonly Dictionary<string, SitePage> byNotebook;
    private readonly Func<string, string?>? elsewhere;

    private SiteMap(IReadOnlyList<SitePage> course, SitePage? readme, Dictionary<string, SitePage> byNotebook, Func<string, string?>? elsewhere)
    {
        Course = course;
        Readme = readme;
        this.byNotebook = byNotebook;
        this.elsewhere = elsewhere;
    }

    /// <summary>The pages in reading order: the index (the start-here notebook or a generated course map), then the notebooks.</summary>
    public IReadOnlyList<SitePage> Course { get; }

    /// <summary>The README's page, or null.</summary>
    public SitePage? Readme { get; }

    /// <summary>Every page: the course, then the README page.</summary>
    public IReadOnlyList<SitePage> Pages => Readme is null ? Course : [.. Course, Readme];

    /// <summary>A notebook's page.</summary>
    /// <param name="notebook">One of the site's notebooks.</param>
    /// <returns>Its page.</returns>
    public SitePage PageOf(Notebook notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return byNotebook[notebook.FileName];
    }

    /// <summary>Builds the map.</summary>
    /// <param name="notebooks">The notebooks, in reading order, with their titles and chart counts.</param>
    /// <param name="generatedIndexTitle">The title of the generated course map when no notebook is numbered 00; null when one is.</param>
    /// <param name="readme">The README's file name and title, or null.</param>
    /// <param name="appsDirectory">The kernel-free apps' folder (a page links its notebook's app when there is one), or null.</param>
    /// <param name="language">The translated edition this map is of (its notebooks are named <c>NN-name.&lt;language&gt;.ipynb</c>;
    /// pages and apps are named after the original, <see cref="SiteTranslation.OriginalName"/>), or null for the main edition.</param>
    /// <param name="elsewhere">Resolves what this edition has no page for (a translation's link to the README: the main
    /// edition's page, by a URL relative to this edition's pages), or null.</param>
    /// <returns>The map.</returns>
    public static SiteMap Create(IReadOnlyList<(Notebook Notebook, string Title, int Charts)> notebooks, string? generatedIndexTitle,
        (string FileName, string Title)? readme, string? appsDirectory = null, string? language = null, Func<string, string?>? elsewhere = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        var byNotebook = notebooks.ToDictionary(n => n.Notebook.FileName, n =>
        {
            var original = language is null ? n.Notebook.FileName : SiteTranslation.OriginalName(n.Notebook.FileName, language);
            return new SitePage(
                SiteBuilder.PageName(original), n.Title, n.Notebook.FileName, n.Charts, true,
                SiteDownloads.NotebookPath(n.Notebook.FileName),
                SiteDownloads.AppOf(appsDirectory, original) is null ? null : SiteDownloads.AppPath(original),
                language);
        }, StringComparer.OrdinalIgnoreCase);
        var course = new List<SitePage>();
        if (generatedIndexTitle is not null)
        {
            course.Add(new SitePage("index.html", generatedIndexTitle, null, 0, true, Language: language));
        }
        course.AddRange(notebooks.Select(n => byNotebook[n.Notebook.FileName]));
        var readmePage = readme is { } r ? new SitePage(SiteBuilder.ReadmePage, r.Title, r.FileName, 0, false, Language: language) : null;
        return new SiteMap(course, readmePage, byNotebook, elsewhere);
    }

    /// <summary>
    /// Maps a relative link of a source to a page of the site: a notebook's file name (any folder) to its page, the
    /// README's to the README page, keeping the fragment; anything else to what the map's <c>elsewhere</c> resolver
    /// says; null when the target is not part of the site.
    /// </summary>
    /// <param name="url">The link as written in the source.</param>
    /// <returns>The page and fragment, or null.</returns>
    public string? Resolve(string url)
    {
        ArgumentNullException.ThrowIfNull(url);
        var hash = url.IndexOf('#', StringComparison.Ordinal);
        var fragment = hash >= 0 ? url[hash..] : "";
        var name = Uri.UnescapeDataString((hash >= 0 ? url[..hash] : url).Split('/', '\\')[^1]);
        if (byNotebook.TryGetValue(name, out var page))
        {
            return page.FileName + fragment;
        }
        return Readme is not null && string.Equals(name, Readme.Source, StringComparison.OrdinalIgnoreCase)
            ? Readme.FileName + fragment
            : elsewhere?.Invoke(url);
    }
}
