using System.Net;
using System.Text;

namespace NotebookSite;

/// <summary>The frame every page shares: head (styles, scripts), header with previous/next links, the table of
/// contents and the list of notebooks beside the text (folded above it on a phone), and previous/next links again
/// at the end.</summary>
public static partial class PageLayout
{
    /// <summary>Writes a whole page.</summary>
    /// <param name="page">The page.</param>
    /// <param name="body">Its main content.</param>
    /// <param name="headings">Its headings (levels 2 and 3 go into the table of contents).</param>
    /// <param name="frame">The course, the site's name and its hand-out.</param>
    /// <returns>The HTML document, its Chinese runs marked (<see cref="CjkLanguage"/>).</returns>
    public static string Render(SitePage page, string body, IReadOnlyList<Heading> headings, SiteFrame frame)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(headings);
        ArgumentNullException.ThrowIfNull(frame);
        var (course, siteTitle) = (frame.Course, frame.Title);
        var index = course.ToList().FindIndex(p => p.FileName == page.FileName);
        var previous = index > 0 ? course[index - 1] : null;
        var next = index >= 0 && index + 1 < course.Count ? course[index + 1] : null;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="en">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{E(page.Title == siteTitle ? siteTitle : page.Title + " · " + siteTitle)}</title>
            <link rel="stylesheet" href="{SiteAssets.KatexCss}">
            <link rel="stylesheet" href="{SiteAssets.SiteCss}">
            <script>{ThemeScript}</script>

            """);
        if (page.Charts > 0)
        {
            html.Append($"<script defer src=\"{SiteAssets.PlotlyJs}\"></script>\n<script defer src=\"{SiteAssets.ChartsJs}\"></script>\n");
        }
        html.Append($"""
            <script defer src="{SiteAssets.SiteJs}"></script>
            </head>
            <body>
            <a class="skip-link" href="#content">Skip to the text</a>
            <header class="site-header">
            <a class="site-title" href="index.html">{E(siteTitle)}</a>
            <div class="site-tools">
            <form class="search" role="search" hidden>
            <label class="visually-hidden" for="search-input">Search the course</label>
            <input id="search-input" type="search" placeholder="Search the course" autocomplete="off" data-index="{SearchIndex.Script}" aria-controls="search-results">
            <div id="search-results" class="search-results" aria-live="polite" hidden></div>
            </form>
            <button type="button" class="theme-toggle" hidden>Theme: system</button>
            </div>
            {Downloads(page, frame.HandOut)}
            {Pager(previous, next, "Previous and next notebook")}
            </header>
            <div class="layout">
            <aside class="sidebar">
            {TableOfContents(headings)}
            {CourseList(page, course)}
            </aside>
            <main id="content">
            {body}
            </main>
            </div>
            <footer class="site-footer">
            {Pager(previous, next, "Previous and next notebook, at the end")}
            <p class="colophon">Rendered from the executed notebooks; charts drawn by plotly.js 2.28.0 and math by KaTeX, both shipped with these pages (no network needed).</p>
            </footer>
            </body>
            </html>

            """);
        return CjkLanguage.Mark(html.ToString());
    }

    /// <summary>The key under which site.js remembers the reader's light/dark choice.</summary>
    public const string ThemeKey = "notebook-site-theme";

    /// <summary>Applies the remembered choice before the page paints (site.js runs later, deferred).</summary>
    private const string ThemeScript = "try { var t = localStorage.getItem(\"" + ThemeKey
        + "\"); if (t === \"light\" || t === \"dark\") document.documentElement.dataset.theme = t; } catch (e) { }";

    private static string Downloads(SitePage page, string? handOut)
    {
        var links = new List<string>();
        if (page.Download is not null)
        {
            links.Add($"<a href=\"{E(page.Download)}\" download>this notebook (.ipynb)</a>");
        }
        if (page.App is not null)
        {
            // The app names the course's library by relative path, so it runs from the repository's apps folder.
            links.Add($"<a href=\"{E(page.App)}\" download title=\"A .NET file-based app: no notebook kernel needed. Run it from the "
                + $"repository's apps folder with: dotnet run {E(Path.GetFileName(page.App))}\">its kernel-free app (.cs)</a>");
        }
        if (handOut is not null)
        {
            links.Add($"<a href=\"{E(handOut)}\" download>the student hand-out (.zip)</a>");
        }
        return links.Count == 0 ? "" : $"<p class=\"downloads\">Download {string.Join(" · ", links)}</p>";
    }

    private static string Pager(SitePage? previous, SitePage? next, string label)
    {
        if (previous is null && next is null)
        {
            return "";
        }
        var links = new StringBuilder($"<nav class=\"pager\" aria-label=\"{E(label)}\">");
        links.Append(previous is null
            ? "<span class=\"pager-gap\"></span>"
            : $"<a class=\"pager-prev\" rel=\"prev\" href=\"{E(previous.FileName)}\"><span class=\"pager-dir\">← Previous</span> <span class=\"pager-title\">{E(previous.Title)}</span></a>");
        if (next is not null)
        {
            links.Append($"<a class=\"pager-next\" rel=\"next\" href=\"{E(next.FileName)}\"><span class=\"pager-dir\">Next →</span> <span class=\"pager-title\">{E(next.Title)}</span></a>");
        }
        return links.Append("</nav>").ToString();
    }

    private static string TableOfContents(IReadOnlyList<Heading> headings)
    {
        // Sections (level 2) with their subsections (level 3); a subsection before any section stands alone.
        var sections = new List<(Heading Top, List<Heading> Subsections)>();
        foreach (var h in headings.Where(h => h.Level is 2 or 3))
        {
            if (h.Level == 3 && sections.Count > 0)
            {
                sections[^1].Subsections.Add(h);
            }
            else
            {
                sections.Add((h, []));
            }
        }
        var html = new StringBuilder("<nav class=\"toc\" aria-labelledby=\"toc-title\"><details class=\"fold\" open><summary id=\"toc-title\">On this page</summary>\n")
            .Append(List(sections.Select(s => s.Top)));
        foreach (var (top, subsections) in sections)
        {
            html.Append($"<li>{Link(top)}");
            if (subsections.Count > 0)
            {
                html.Append(List(subsections)).AppendJoin("", subsections.Select(s => $"<li>{Link(s)}</li>")).Append("</ol>");
            }
            html.Append("</li>");
        }
        if (sections.Count == 0)
        {
            html.Append("<li><a href=\"#content\">Top of the page</a></li>");
        }
        return html.Append("</ol></details></nav>").ToString();

        static string Link(Heading h) => $"<a href=\"#{E(h.Id)}\">{E(h.Text)}</a>";

        // Headings that carry their own numbers ("1. exp overflows", "2.3 …") are listed without the list's
        // numbers, so no entry reads "1. 1. …".
        static string List(IEnumerable<Heading> entries) =>
            entries.Any(h => OwnNumber().IsMatch(h.Text)) ? "<ol class=\"numbered-headings\">" : "<ol>";
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"^\s*[0-9]+(?:[.)][0-9]*)+\s")]
    private static partial System.Text.RegularExpressions.Regex OwnNumber();

    private static string CourseList(SitePage page, IReadOnlyList<SitePage> course)
    {
        var html = new StringBuilder("<nav class=\"course\" aria-labelledby=\"course-title\"><details class=\"fold\" open><summary id=\"course-title\">Notebooks</summary>\n<ul>");
        foreach (var p in course)
        {
            var current = p.FileName == page.FileName ? " aria-current=\"page\"" : "";
            html.Append($"<li><a href=\"{E(p.FileName)}\"{current}>{E(p.Title)}</a></li>");
        }
        return html.Append("</ul></details></nav>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
