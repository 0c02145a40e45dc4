namespace NotebookSite;

/// <summary>What rendering one page needs and collects: the formulas rendered ahead of time, how links to other
/// files resolve, its headings (for the table of contents) and the anchors already taken.</summary>
/// <param name="math">Every formula of the site, rendered.</param>
/// <param name="resolveLink">Maps a relative link of the source to a page of the site, or null when the target is not in the site.</param>
public sealed class PageContext(IReadOnlyDictionary<Formula, string> math, Func<string, string?> resolveLink)
{
    private readonly HashSet<string> ids = new(StringComparer.Ordinal);

    /// <summary>The rendered formulas.</summary>
    public IReadOnlyDictionary<Formula, string> Math { get; } = math;

    /// <summary>The link resolver.</summary>
    public Func<string, string?> ResolveLink { get; } = resolveLink;

    /// <summary>The page's headings, in order.</summary>
    public List<Heading> Headings { get; } = [];

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
