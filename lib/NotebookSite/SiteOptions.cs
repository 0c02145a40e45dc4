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

    /// <summary>The translated editions, each rendered under its language's folder (<c>zh-CN/</c>) with the same page
    /// names as the main (English) edition, sharing its <c>assets/</c> and <c>downloads/</c>; every page then carries a
    /// language switch to its twin. Empty (the default) for a single-language site with no switch.</summary>
    public IReadOnlyList<SiteTranslation> Translations { get; init; } = [];
}

/// <summary>A translated edition of the site's notebooks.</summary>
/// <param name="Language">Its language tag (<c>zh-CN</c>): the pages' folder and <c>lang</c>, and the frame's language
/// (<see cref="SiteText.For"/>).</param>
/// <param name="Notebooks">Its notebooks, each named after the main edition's notebook it translates:
/// <c>01-entropy.zh-CN.ipynb</c> translates <c>01-entropy.ipynb</c> and becomes <c>zh-CN/01-entropy.html</c>.</param>
public sealed record SiteTranslation(string Language, IReadOnlyList<string> Notebooks)
{
    /// <summary>The edition's name in its header and titles; null for the main edition's.</summary>
    public string? Title { get; init; }

    /// <summary>The edition's student hand-out folder, zipped into the site as <see cref="SiteDownloads.HandOutPath"/>;
    /// null, or a folder without notebooks, for none.</summary>
    public string? StudentEdition { get; init; }

    /// <summary>The main edition's notebook a translated one translates: <c>01-entropy.zh-CN.ipynb</c> → <c>01-entropy.ipynb</c>.</summary>
    /// <param name="fileName">The translated notebook's file name.</param>
    /// <param name="language">The edition's language tag.</param>
    /// <returns>The original's file name.</returns>
    /// <exception cref="ArgumentException">The name does not end with <c>.&lt;language&gt;.ipynb</c>.</exception>
    public static string OriginalName(string fileName, string language)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        var suffix = "." + language + ".ipynb";
        return fileName.EndsWith(suffix, StringComparison.OrdinalIgnoreCase) && fileName.Length > suffix.Length
            ? fileName[..^suffix.Length] + ".ipynb"
            : throw new ArgumentException($"The {language} edition's notebook {fileName} is not named NAME{suffix} after the notebook it translates.", nameof(fileName));
    }
}

/// <summary>What every page's frame shows besides its own content.</summary>
/// <param name="Course">The pages in reading order, for the notebook list and the neighbour links.</param>
/// <param name="Title">The site's name.</param>
/// <param name="HandOut">The student hand-out's URL relative to the site's root, or null when the site has none.</param>
public sealed record SiteFrame(IReadOnlyList<SitePage> Course, string Title, string? HandOut)
{
    /// <summary>The frame's words, in the edition's language.</summary>
    public SiteText Text { get; init; } = SiteText.English;

    /// <summary>The way from the edition's pages up to the site's root, where <c>assets/</c> and <c>downloads/</c> are:
    /// empty for the main edition, <c>../</c> for a translation.</summary>
    public string Root { get; init; } = "";

    /// <summary>The other editions the language switch leads to; empty for a single-language site.</summary>
    public IReadOnlyList<OtherEdition> Others { get; init; } = [];
}

/// <summary>Another edition, as a page's language switch sees it.</summary>
/// <param name="Text">Its frame (language tag and name).</param>
/// <param name="Folder">The way from this edition's pages to its pages (<c>zh-CN/</c>, or <c>../</c> back to the main edition).</param>
/// <param name="Pages">Its pages' file names.</param>
public sealed record OtherEdition(SiteText Text, string Folder, IReadOnlySet<string> Pages)
{
    /// <summary>Whether a page has a twin there.</summary>
    /// <param name="fileName">A page's file name.</param>
    /// <returns>True when that edition has a page of the same name.</returns>
    public bool HasTwin(string fileName) => Pages.Contains(fileName);

    /// <summary>Where the switch leads from a page: its twin, or that edition's index when it has none.</summary>
    /// <param name="fileName">A page's file name.</param>
    /// <returns>The relative URL.</returns>
    public string TwinOf(string fileName) => Folder + (HasTwin(fileName) ? fileName : "index.html");
}

/// <summary>A page written to the site.</summary>
/// <param name="FileName">Its file name, e.g. <c>01-entropy.html</c>.</param>
/// <param name="Title">Its title (the notebook's first heading).</param>
/// <param name="Source">The notebook or Markdown file it was made from; null for the generated course map.</param>
/// <param name="Charts">How many charts it draws.</param>
/// <param name="InCourse">True for pages in the previous/next chain (the index and the notebooks).</param>
/// <param name="Download">The notebook's relative URL in the site's downloads, or null for a page made from no notebook.</param>
/// <param name="App">The notebook's kernel-free app's relative URL in the site's downloads, or null when it has none.</param>
/// <param name="Language">The translated edition it belongs to (<c>zh-CN</c>), or null for the main edition. Download
/// and app URLs are relative to the site's root; <see cref="FileName"/> to the edition's folder.</param>
public sealed record SitePage(string FileName, string Title, string? Source, int Charts, bool InCourse, string? Download = null, string? App = null,
    string? Language = null)
{
    /// <summary>The page's path in the site: <see cref="FileName"/>, under its language's folder for a translation.</summary>
    public string SitePath => Language is null ? FileName : Language + "/" + FileName;
}
