using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.RegularExpressions;

namespace NotebookSite;

/// <summary>A stretch of a page between two headings, as plain text for the search index.</summary>
/// <param name="Anchor">The heading's anchor (<c>content</c> before the first heading).</param>
/// <param name="Heading">The heading's text (the page's title before the first heading).</param>
/// <param name="Text">Its prose, code and text outputs, whitespace collapsed.</param>
public sealed record SearchSection(string Anchor, string Heading, string Text);

/// <summary>
/// The searchable text of one page, collected while it is rendered: what a reader sees without opening a folded
/// answer (answers, verdicts and their outputs are never added, so a search result cannot show one).
/// </summary>
/// <param name="pageTitle">The page's title, the heading of the text before the first heading.</param>
public sealed partial class SearchText(string pageTitle)
{
    private readonly List<(string Anchor, string Heading, StringBuilder Text)> sections = [("content", pageTitle, new StringBuilder())];

    /// <summary>Starts a new section at a heading.</summary>
    /// <param name="anchor">The heading's anchor.</param>
    /// <param name="heading">Its text.</param>
    public void Begin(string anchor, string heading) => sections.Add((anchor, heading, new StringBuilder()));

    /// <summary>Adds text to the current section.</summary>
    /// <param name="text">Plain text.</param>
    public void Add(string text)
    {
        if (!string.IsNullOrWhiteSpace(text))
        {
            sections[^1].Text.Append(' ').Append(text);
        }
    }

    /// <summary>The sections with any text or heading, in order.</summary>
    public IReadOnlyList<SearchSection> Sections =>
        sections.Select(s => new SearchSection(s.Anchor, s.Heading, Whitespace().Replace(s.Text.ToString(), " ").Trim()))
            .Where(s => s.Text.Length > 0 || s.Anchor != "content")
            .ToArray();

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}

/// <summary>
/// The offline search index: every page's sections in one script (<c>assets/search-index.js</c>) that sets
/// <c>window.siteSearchIndex</c>, loaded by site.js when the reader first uses the search box. A script rather than
/// JSON, because a page opened from file:// may not fetch a file, but may load a script.
/// </summary>
public static class SearchIndex
{
    /// <summary>Relative URL of the index.</summary>
    public const string Script = "assets/search-index.js";

    /// <summary>Relative URL (from the site's root) of an edition's index: <see cref="Script"/> for the main edition,
    /// <c>assets/search-index.zh-CN.js</c> for a translation, so each edition searches its own pages.</summary>
    /// <param name="language">The translation's language tag, or null for the main edition.</param>
    /// <returns>The URL.</returns>
    public static string ScriptFor(string? language) =>
        language is null ? Script : Path.ChangeExtension(Script, "." + language + ".js");

    private static readonly JsonSerializerOptions Json = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
    };

    /// <summary>Writes the index.</summary>
    /// <param name="siteDirectory">The site's folder.</param>
    /// <param name="pages">Each page with its searchable text.</param>
    /// <param name="language">The edition's language tag (<see cref="ScriptFor"/>), or null for the main edition.</param>
    public static void Write(string siteDirectory, IEnumerable<(SitePage Page, SearchText Text)> pages, string? language = null)
    {
        ArgumentNullException.ThrowIfNull(pages);
        var entries = pages.Select(p => new
        {
            page = p.Page.FileName,
            title = p.Page.Title,
            sections = p.Text.Sections.Select(s => new { anchor = s.Anchor, heading = s.Heading, text = s.Text }),
        });
        var path = Path.Combine(siteDirectory, ScriptFor(language));
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllText(path, "window.siteSearchIndex = " + JsonSerializer.Serialize(entries, Json) + ";\n", new UTF8Encoding(false));
    }
}
