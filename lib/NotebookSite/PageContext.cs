namespace NotebookSite;

/// <summary>What rendering one page needs and collects: the formulas rendered ahead of time, how links to other
/// files resolve, its headings (for the table of contents), the anchors already taken, and its searchable text.</summary>
/// <param name="math">Every formula of the site, rendered.</param>
/// <param name="resolveLink">Maps a relative link of the source to a page of the site, or null when the target is not in the site.</param>
/// <param name="pageTitle">The page's title (the search index's heading for the text before the first heading).</param>
public sealed class PageContext(IReadOnlyDictionary<Formula, string> math, Func<string, string?> resolveLink, string pageTitle)
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    /// <summary>The rendered formulas.</summary>
    public IReadOnlyDictionary<Formula, string> Math { get; } = math;

    /// <summary>The link resolver.</summary>
    public Func<string, string?> ResolveLink { get; } = resolveLink;

    /// <summary>The page's headings, in order.</summary>
    public List<Heading> Headings { get; } = [];

    /// <summary>The page's text as the search index holds it.</summary>
    public SearchText Search { get; } = new(pageTitle);

    /// <summary>Records a heading: in the table of contents, and as the start of a search section.</summary>
    /// <param name="heading">The heading, its anchor already claimed.</param>
    public void AddHeading(Heading heading)
    {
        ArgumentNullException.ThrowIfNull(heading);
        Headings.Add(heading);
        Search.Begin(heading.Id, heading.Text);
    }

    /// <summary>Returns <paramref name="id"/>, or <c>id-2</c>, <c>id-3</c>… if already used in this page
    /// (each Markdown cell is parsed alone, so two cells may propose the same anchor).</summary>
    /// <param name="id">The proposed anchor.</param>
    /// <returns>An anchor unique in the page.</returns>
    public string ClaimId(string id)
    {
        ArgumentNullException.ThrowIfNull(id);
        var candidate = id;
        for (var n = 2; !ids.Add(candidate); n++)
        {
            candidate = $"{id}-{n}";
        }
        return candidate;
    }
}
