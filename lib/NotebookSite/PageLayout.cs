using System.Net;
using System.Text;

namespace NotebookSite;

/// <summary>The frame every page shares: head (styles, scripts, the other editions' addresses), header with the
/// language switch and previous/next links, the table of contents and the list of notebooks beside the text (folded
/// above it on a phone), and previous/next links again at the end. Its words come from the edition's
/// <see cref="SiteText"/>.</summary>
public static partial class PageLayout
{
    /// <summary>Writes a whole page.</summary>
    /// <param name="page">The page.</param>
    /// <param name="body">Its main content.</param>
    /// <param name="headings">Its headings (levels 2 and 3 go into the table of contents).</param>
    /// <param name="frame">The course, the site's name, its hand-out, the edition's language and the other editions.</param>
    /// <returns>The HTML document. On a page of another language than Chinese, its Chinese runs are marked (<see cref="CjkLanguage"/>);
    /// a Chinese page is Chinese as a whole.</returns>
    public static string Render(SitePage page, string body, IReadOnlyList<Heading> headings, SiteFrame frame)
    {
        ArgumentNullException.ThrowIfNull(page);
        ArgumentNullException.ThrowIfNull(headings);
        ArgumentNullException.ThrowIfNull(frame);
        var (course, siteTitle, text, root) = (frame.Course, frame.Title, frame.Text, frame.Root);
        var index = course.ToList().FindIndex(p => p.FileName == page.FileName);
        var previous = index > 0 ? course[index - 1] : null;
        var next = index >= 0 && index + 1 < course.Count ? course[index + 1] : null;
        var html = new StringBuilder();
        html.Append($"""
            <!DOCTYPE html>
            <html lang="{text.Lang}">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <meta name="color-scheme" content="light dark">
            <title>{E(page.Title == siteTitle ? siteTitle : page.Title + " · " + siteTitle)}</title>
            {Alternates(page, frame)}<link rel="stylesheet" href="{root}{SiteAssets.KatexCss}">
            <link rel="stylesheet" href="{root}{SiteAssets.SiteCss}">
            <script>{ThemeScript}</script>
            <script type="application/json" id="site-text">{text.ScriptJson}</script>

            """);
        if (page.Charts > 0)
        {
            html.Append($"<script defer src=\"{root}{SiteAssets.PlotlyJs}\"></script>\n<script defer src=\"{root}{SiteAssets.ChartsJs}\"></script>\n");
        }
        html.Append($"""
            <script defer src="{root}{SiteAssets.SiteJs}"></script>
            </head>
            <body>
            <a class="skip-link" href="#content">{E(text.SkipToText)}</a>
            <header class="site-header">
            <a class="site-title" href="index.html">{E(siteTitle)}</a>
            <div class="site-tools">
            <form class="search" role="search" hidden>
            <label class="visually-hidden" for="search-input">{E(text.Search)}</label>
            <input id="search-input" type="search" placeholder="{E(text.Search)}" autocomplete="off" data-index="{root}{SearchIndex.ScriptFor(page.Language)}" aria-controls="search-results">
            <div id="search-results" class="search-results" aria-live="polite" hidden></div>
            </form>
            <button type="button" class="theme-toggle" hidden>{E(string.Format(System.Globalization.CultureInfo.InvariantCulture, text.Script["theme"], text.Script["system"]))}</button>
            {LanguageSwitch(page, frame)}</div>
            {Downloads(page, frame)}
            {Pager(previous, next, text, text.PagerLabel)}
            </header>
            <div class="layout">
            <aside class="sidebar">
            {TableOfContents(headings, text)}
            {CourseList(page, course, text)}
            </aside>
            <main id="content">
            {body}
            </main>
            </div>
            <footer class="site-footer">
            {Pager(previous, next, text, text.PagerLabelAtEnd)}
            <p class="colophon">{E(text.Colophon)}</p>
            </footer>
            </body>
            </html>

            """);
        return text.Lang.StartsWith("zh", StringComparison.OrdinalIgnoreCase) ? html.ToString() : CjkLanguage.Mark(html.ToString());
    }

    /// <summary>The key under which site.js remembers the reader's light/dark choice.</summary>
    public const string ThemeKey = "notebook-site-theme";

    /// <summary>Applies the remembered choice before the page paints (site.js runs later, deferred).</summary>
    private const string ThemeScript = "try { var t = localStorage.getItem(\"" + ThemeKey
        + "\"); if (t === \"light\" || t === \"dark\") document.documentElement.dataset.theme = t; } catch (e) { }";

    /// <summary>The page's address in every edition (its own included), for search engines and browsers.</summary>
    private static string Alternates(SitePage page, SiteFrame frame)
    {
        var twins = frame.Others.Where(o => o.HasTwin(page.FileName)).ToArray();
        if (twins.Length == 0)
        {
            return "";
        }
        return string.Concat(twins.Select(o => (o.Text.Lang, Href: o.TwinOf(page.FileName))).Prepend((frame.Text.Lang, Href: page.FileName))
            .Select(a => $"<link rel=\"alternate\" hreflang=\"{a.Lang}\" href=\"{E(a.Href)}\">\n"));
    }

    /// <summary>One link per other edition, to this page's twin there (or its index when there is none), in that
    /// edition's language and labelled with its name.</summary>
    private static string LanguageSwitch(SitePage page, SiteFrame frame)
    {
        if (frame.Others.Count == 0)
        {
            return "";
        }
        var links = frame.Others.Select(o =>
            $"<a class=\"language-switch\" href=\"{E(o.TwinOf(page.FileName))}\" hreflang=\"{o.Text.Lang}\" lang=\"{o.Text.Lang}\" "
            + $"title=\"{E(o.HasTwin(page.FileName) ? o.Text.SwitchTitle : o.Text.SwitchToIndexTitle)}\">{E(o.Text.LanguageName)}</a>");
        return $"<nav class=\"languages\" aria-label=\"{E(frame.Text.SwitchLabel)}\">{string.Concat(links)}</nav>\n";
    }

    private static string Downloads(SitePage page, SiteFrame frame)
    {
        var (text, root) = (frame.Text, frame.Root);
        var links = new List<string>();
        if (page.Download is not null)
        {
            links.Add($"<a href=\"{E(root + page.Download)}\" download>{E(text.ThisNotebook)}</a>");
        }
        if (page.App is not null)
        {
            // The app names the course's library by relative path, so it runs from the repository's apps folder.
            var title = string.Format(System.Globalization.CultureInfo.InvariantCulture, text.KernelFreeAppTitle, Path.GetFileName(page.App));
            links.Add($"<a href=\"{E(root + page.App)}\" download title=\"{E(title)}\">{E(text.KernelFreeApp)}</a>");
        }
        if (frame.HandOut is not null)
        {
            links.Add($"<a href=\"{E(root + frame.HandOut)}\" download>{E(text.HandOut)}</a>");
        }
        return links.Count == 0 ? "" : $"<p class=\"downloads\">{E(text.Download)} {string.Join(E(text.ListSeparator), links)}</p>";
    }

    private static string Pager(SitePage? previous, SitePage? next, SiteText text, string label)
    {
        if (previous is null && next is null)
        {
            return "";
        }
        var links = new StringBuilder($"<nav class=\"pager\" aria-label=\"{E(label)}\">");
        links.Append(previous is null
            ? "<span class=\"pager-gap\"></span>"
            : $"<a class=\"pager-prev\" rel=\"prev\" href=\"{E(previous.FileName)}\"><span class=\"pager-dir\">{E(text.Previous)}</span> <span class=\"pager-title\">{E(previous.Title)}</span></a>");
        if (next is not null)
        {
            links.Append($"<a class=\"pager-next\" rel=\"next\" href=\"{E(next.FileName)}\"><span class=\"pager-dir\">{E(text.Next)}</span> <span class=\"pager-title\">{E(next.Title)}</span></a>");
        }
        return links.Append("</nav>").ToString();
    }

    private static string TableOfContents(IReadOnlyList<Heading> headings, SiteText text)
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
        var html = new StringBuilder($"<nav class=\"toc\" aria-labelledby=\"toc-title\"><details class=\"fold\" open><summary id=\"toc-title\">{E(text.OnThisPage)}</summary>\n")
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
            html.Append($"<li><a href=\"#content\">{E(text.TopOfPage)}</a></li>");
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

    private static string CourseList(SitePage page, IReadOnlyList<SitePage> course, SiteText text)
    {
        var html = new StringBuilder($"<nav class=\"course\" aria-labelledby=\"course-title\"><details class=\"fold\" open><summary id=\"course-title\">{E(text.Notebooks)}</summary>\n<ul>");
        foreach (var p in course)
        {
            var current = p.FileName == page.FileName ? " aria-current=\"page\"" : "";
            html.Append($"<li><a href=\"{E(p.FileName)}\"{current}>{E(p.Title)}</a></li>");
        }
        return html.Append("</ul></details></nav>").ToString();
    }

    private static string E(string text) => WebUtility.HtmlEncode(text);
}
