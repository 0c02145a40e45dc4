namespace NotebookSite;

/// <summary>What to render and where.</summary>
public sealed record SiteOptions
{
    /// <summary>The notebooks (.ipynb paths). Pages follow their file names' ordinal order (00-… to 99-…).
    /// A notebook named <c>00-…</c> becomes <c>index.html</c>; without one, a course map is generated.</summary>
    public required IReadOnlyList<string> Notebooks { get; init; }

    /// <summary>The folder the site is written to; it is emptied first.</summary>
    public required string OutputDirectory { get; init; }

    /// <summary>This project's folder (package.json, package-lock.json, tools/render-math.cjs), where KaTeX is installed.</summary>
    public required string ToolDirectory { get; init; }

    /// <summary>The repository README, rendered as <c>readme.html</c> so the notebooks' links to it work offline; null to leave it out.</summary>
    public string? Readme { get; init; }

    /// <summary>The site's name, in every page's header and title.</summary>
    public string Title { get; init; } = "Cross-entropy in C#";

    /// <summary>The tags and solution markers the notebooks use (which cells are exercises and answers).</summary>
    public NotebookConventions Conventions { get; init; } = NotebookConventions.Default;

    /// <summary>The student edition's folder, zipped into the site as the hand-out every page links to; null, or a
    /// folder without notebooks, for a site without a hand-out (its pages then offer only the notebook).</summary>
    public string? StudentEdition { get; init; }

    /// <summary>The kernel-free edition's folder (<c>NN-name.cs</c>, one file-based app per notebook); each page offers its
    /// notebook's app for download when there is one. Null for a site without apps.</summary>
    public string? AppsDirectory { get; init; }

    /// <summary>How long one node or npm process may run; null for <see cref="KatexRenderer.DefaultTimeout"/>.</summary>
    public TimeSpan? ProcessTimeout { get; init; }
}

/// <summary>What every page's frame shows besides its own content.</summary>
/// <param name="Course">The pages in reading order, for the notebook list and the neighbour links.</param>
/// <param name="Title">The site's name.</param>
/// <param name="HandOut">The student hand-out's relative URL, or null when the site has none.</param>
public sealed record SiteFrame(IReadOnlyList<SitePage> Course, string Title, string? HandOut);

/// <summary>A page written to the site.</summary>
/// <param name="FileName">Its file name, e.g. <c>01-entropy.html</c>.</param>
/// <param name="Title">Its title (the notebook's first heading).</param>
/// <param name="Source">The notebook or Markdown file it was made from; null for the generated course map.</param>
/// <param name="Charts">How many charts it draws.</param>
/// <param name="InCourse">True for pages in the previous/next chain (the index and the notebooks).</param>
/// <param name="Download">The notebook's relative URL in the site's downloads, or null for a page made from no notebook.</param>
/// <param name="App">The notebook's kernel-free app's relative URL in the site's downloads, or null when it has none.</param>
public sealed record SitePage(string FileName, string Title, string? Source, int Charts, bool InCourse, string? Download = null, string? App = null);
