using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The site rendered from the committed notebooks: complete, self-contained, and linked up.</summary>
[Collection(CommittedSiteGroup.Name)]
public partial class CommittedSiteTests(CommittedSiteFixture site)
{
    private static readonly string[] CdnLoaders = ["requirejs", "require.js", "cdn.plot.ly", "cdnjs", "cdn.jsdelivr", "unpkg"];
    private static readonly string[] UrlAttributes = ["src", "href", "srcset", "poster", "data"];

    [Fact]
    public void There_is_a_page_per_notebook_an_index_and_the_README()
    {
        var expected = Repo.Notebooks.Select(n => SiteBuilder.PageName(Path.GetFileName(n)))
            .Prepend("index.html").Distinct().Append(SiteBuilder.ReadmePage).Order(StringComparer.Ordinal);
        Assert.Equal(expected, Directory.EnumerateFiles(site.Directory, "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        // The Chinese edition: the same page names for its notebooks, no README (there is no Chinese README).
        var chinese = Repo.ChineseNotebooks.Select(n => SiteBuilder.PageName(SiteTranslation.OriginalName(Path.GetFileName(n), Repo.Chinese)))
            .Prepend("index.html").Distinct().Order(StringComparer.Ordinal);
        Assert.Equal(chinese, Directory.EnumerateFiles(Path.Combine(site.Directory, Repo.Chinese), "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        Assert.Equal(Repo.Notebooks.Count, Repo.ChineseNotebooks.Count);
    }

    /// <summary>
    /// The offline rule. Every src, every stylesheet or script href, and every CSS url() points at a file of the
    /// site (or is data: or an in-page anchor). The only absolute URLs allowed are plain &lt;a href&gt; reference
    /// links, which fetch nothing unless the reader follows them; and XML namespace names inside MathML and SVG,
    /// which are identifiers, not requests.
    /// </summary>
    [Fact]
    public void Nothing_on_any_page_is_fetched_from_the_network()
    {
        var problems = new List<string>();
        foreach (var page in site.AllPages)
        {
            var document = site.Site.Document(page.SitePath);
            var folder = Path.GetDirectoryName(Path.Combine(site.Directory, page.SitePath))!;
            foreach (var element in document.QuerySelectorAll("[src], [href], [srcset], [poster], [data]"))
            {
                foreach (var attribute in UrlAttributes)
                {
                    var value = element.GetAttribute(attribute);
                    if (value is null || (attribute == "href" && element.LocalName == "a" && IsAbsolute(value)))
                    {
                        continue;
                    }
                    if (!ResolvesLocally(folder, value))
                    {
                        problems.Add($"{page.SitePath}: <{element.LocalName} {attribute}=\"{value}\">");
                    }
                }
            }
            foreach (var style in document.QuerySelectorAll("style").Select(s => s.TextContent)
                         .Concat(document.QuerySelectorAll("[style]").Select(e => e.GetAttribute("style")!)))
            {
                problems.AddRange(CssUrls(style).Where(u => !u.StartsWith("data:", StringComparison.Ordinal)).Select(u => $"{page.SitePath}: inline CSS url({u})"));
            }
            var scripts = string.Concat(document.QuerySelectorAll("script").Select(e => e.OuterHtml));
            problems.AddRange(CdnLoaders
                .Where(loader => scripts.Contains(loader, StringComparison.OrdinalIgnoreCase))
                .Select(loader => $"{page.SitePath}: a script still mentions {loader}"));
        }
        foreach (var css in Directory.EnumerateFiles(site.Directory, "*.css", SearchOption.AllDirectories))
        {
            problems.AddRange(CssUrls(File.ReadAllText(css))
                .Where(u => !u.StartsWith("data:", StringComparison.Ordinal) && !File.Exists(Path.Combine(Path.GetDirectoryName(css)!, u)))
                .Select(u => $"{Path.GetRelativePath(site.Directory, css)}: url({u}) is not in the site"));
        }
        Assert.Empty(problems);
    }

    /// <summary>Each edition's notebooks with their pages' paths in the site.</summary>
    public static TheoryData<string> Editions() => new([EnglishEdition, Repo.Chinese]);

    private const string EnglishEdition = "en";

    private static IEnumerable<(string Notebook, string Page)> NotebookPages(string edition) => edition == EnglishEdition
        ? Repo.Notebooks.Select(n => (n, SiteBuilder.PageName(Path.GetFileName(n))))
        : Repo.ChineseNotebooks.Select(n => (n, edition + "/" + SiteBuilder.PageName(SiteTranslation.OriginalName(Path.GetFileName(n), edition))));

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_output_of_every_notebook_is_on_its_page_and_every_chart_is_a_local_figure(string edition)
    {
        var chartsInCourse = 0;
        foreach (var (path, pagePath) in NotebookPages(edition))
        {
            var notebook = Notebook.Load(path);
            var page = site.Site.Document(pagePath);
            var codeCells = notebook.Cells.Where(c => c.Kind == CellKind.Code && (c.Source.Trim().Length > 0 || c.Outputs.Count > 0)).ToArray();
            // A check cell's code is split around its folded answer, and folded outputs sit in a <details>.
            Assert.Equal(codeCells.Length, page.QuerySelectorAll("main .cell.code").Count(c => c.QuerySelector("pre.code") is not null));
            // The kernel's own messages (installed packages, "Loading extensions from" a cache path) are left out.
            Assert.Equal(codeCells.Sum(c => c.Outputs.Count(o => !KernelNoise.IsNoise(o))),
                page.QuerySelectorAll("main .outputs > :not(details), main .outputs > details.solution > :not(summary)").Length);

            // A notebook may have no chart (00, the course map); the course as a whole must have some (checked below).
            var charts = codeCells.SelectMany(c => c.Outputs).Count(o => o.IsChart);
            chartsInCourse += charts;
            var figures = page.QuerySelectorAll("script.chart-figure").ToArray();
            Assert.Equal(charts, figures.Length);
            if (charts == 0)
            {
                continue;
            }
            Assert.All(figures, f =>
            {
                var json = JsonNode.Parse(f.TextContent)!;
                Assert.NotEmpty(json["data"]!.AsArray());
                Assert.NotNull(page.GetElementById(f.GetAttribute("data-for")!));
            });
            Assert.Equal((edition == EnglishEdition ? "" : "../") + SiteAssets.PlotlyJs, page.QuerySelector("script[src*='plotly']")!.GetAttribute("src"));
        }
        Assert.True(chartsInCourse > 0, "no notebook has a chart to check");
    }

    [Theory]
    [MemberData(nameof(Editions))]
    public void Every_page_has_a_table_of_contents_whose_links_land_and_links_to_its_neighbours(string edition)
    {
        var course = (edition == EnglishEdition ? site.Course : site.ChinesePages).Where(p => p.InCourse).ToArray();
        Assert.NotEmpty(course);
        for (var i = 0; i < course.Length; i++)
        {
            var page = site.Site.Document(course[i].SitePath);
            var toc = page.QuerySelectorAll("nav.toc a").ToArray();
            Assert.NotEmpty(toc);
            Assert.All(toc, a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")!.TrimStart('#'))));
            Assert.Equal(i > 0 ? course[i - 1].FileName : null, page.QuerySelector("a[rel=prev]")?.GetAttribute("href"));
            Assert.Equal(i + 1 < course.Length ? course[i + 1].FileName : null, page.QuerySelector("a[rel=next]")?.GetAttribute("href"));
        }
        Assert.NotEmpty(site.Site.Document(SiteBuilder.ReadmePage).QuerySelectorAll("nav.toc a"));
    }

    [Fact]
    public void No_TeX_is_left_in_the_prose()
    {
        var problems = new List<string>();
        foreach (var page in site.AllPages)
        {
            var main = site.Site.Document(page.SitePath).QuerySelector("main")!;
            var texts = main.Descendants<IText>()
                .Where(t => t.ParentElement!.Closest("pre, code, script, style, .katex") is null)
                .Select(t => t.Data);
            var text = string.Concat(texts);
            // Every fragment of every page, with some context, so one run lists all that needs $…$.
            problems.AddRange(RawTex().Matches(text).Select(m =>
                $"{page.SitePath}: …{text[Math.Max(0, m.Index - 30)..Math.Min(text.Length, m.Index + 30)].ReplaceLineEndings(" ")}…"));
        }
        Assert.True(problems.Count == 0, $"TeX outside $…$ in {problems.Count} places:\n" + string.Join('\n', problems));
    }

    /// <summary>Students are sent back to the course map, not to the developers' README.</summary>
    [Fact]
    public void Notebook_pages_lead_back_to_the_course_map_not_the_README()
    {
        foreach (var page in site.Course.Skip(1))
        {
            var main = site.Site.Document(page.FileName).QuerySelector("main")!;
            Assert.DoesNotContain("Back to the README", main.TextContent, StringComparison.OrdinalIgnoreCase);
            var back = main.QuerySelectorAll("a").Where(a => a.TextContent == "course map").Select(a => a.GetAttribute("href")).ToArray();
            Assert.All(back, href => Assert.Equal("index.html", href));
        }
    }

    /// <summary>No page shows where the site was built: no home or temporary folder, no NuGet cache, no Windows
    /// user folder (<see cref="KernelNoise.MachinePaths"/>), anywhere in its HTML (text, attributes, chart data).</summary>
    [Fact]
    public void No_page_shows_a_path_of_the_build_machine()
    {
        var problems = site.AllPages.SelectMany(p => KernelNoise.MachinePaths(site.Site.Html(p.SitePath), 40)
            .Select(m => $"{p.SitePath}: …{m}…")).ToArray();
        Assert.True(problems.Length == 0, string.Join('\n', problems));
    }

    /// <summary>No file a reader downloads names a path of the machine that made it: the notebooks, the apps, and every
    /// text file of the hand-out zip when there is one (the runner leaves the kernel's messages out of the notebooks it
    /// writes, so its own paths never get in).</summary>
    [Fact]
    public void No_download_holds_a_path_of_the_build_machine()
    {
        var downloads = Path.Combine(site.Directory, SiteDownloads.Folder);
        var files = Directory.EnumerateFiles(downloads).ToArray();
        Assert.Contains(files, f => f.EndsWith(".ipynb", StringComparison.Ordinal));
        var found = DownloadChecks.MachinePaths(downloads);
        Assert.True(found.Count == 0, $"{found.Count} machine paths in downloads/:\n" + string.Join('\n', found));
    }

    /// <summary>Chinese text is marked as such (the browser then picks a CJK font and a screen reader a Chinese voice):
    /// every text node of a page's body holding a CJK ideograph has an ancestor with <c>lang="zh…"</c>.</summary>
    [Fact]
    public void Every_Chinese_text_has_a_Chinese_lang()
    {
        var problems = new List<string>();
        foreach (var page in site.AllPages)
        {
            var body = site.Site.Document(page.SitePath).Body!;
            problems.AddRange(body.Descendants<IText>()
                .Where(t => Ideograph().IsMatch(t.Data) && t.ParentElement!.Closest("script, style") is null)
                .Where(t => !(t.ParentElement!.Closest("[lang]")?.GetAttribute("lang") ?? "").StartsWith("zh", StringComparison.OrdinalIgnoreCase))
                .Select(t => $"{page.SitePath}: \"{t.Data.Trim()}\" in <{t.ParentElement!.LocalName}>"));
        }
        Assert.True(problems.Count == 0, $"{problems.Count} Chinese texts without lang=\"zh-CN\":\n" + string.Join('\n', problems.Take(20)));
    }

    [GeneratedRegex(@"[\u3400-\u4DBF\u4E00-\u9FFF]")]
    private static partial Regex Ideograph();

    /// <summary>Every notebook page offers its notebook and its kernel-free app, and every download link points at a
    /// file of the site. A Chinese page offers the Chinese notebook and the app made from the English one.</summary>
    [Fact]
    public void Every_notebook_page_offers_its_notebook_and_its_app_for_download()
    {
        foreach (var page in site.AllPages.Where(p => p.Source?.EndsWith(".ipynb", StringComparison.Ordinal) == true))
        {
            var root = page.Language is null ? "" : "../";
            var original = page.Language is null ? page.Source! : SiteTranslation.OriginalName(page.Source!, page.Language);
            var links = site.Site.Document(page.SitePath).QuerySelectorAll(".downloads a[download]").Select(a => a.GetAttribute("href")!).ToArray();
            Assert.Contains(root + SiteDownloads.NotebookPath(page.Source!), links);
            Assert.Contains(root + SiteDownloads.AppPath(original), links);
            var folder = Path.GetDirectoryName(Path.Combine(site.Directory, page.SitePath))!;
            Assert.All(links, href => Assert.True(File.Exists(Path.Combine(folder, href)), $"{page.SitePath}: {href} is not in the site"));
        }
        var chinese = Path.Combine(site.Directory, SiteDownloads.NotebookPath("01-entropy.zh-CN.ipynb"));
        Assert.Equal(File.ReadAllText(Repo.ChineseNotebooks.Single(n => n.EndsWith("01-entropy.zh-CN.ipynb", StringComparison.Ordinal))), File.ReadAllText(chinese));
        var notebook = Path.Combine(site.Directory, SiteDownloads.NotebookPath("01-entropy.ipynb"));
        Assert.Equal(File.ReadAllText(Repo.Notebooks.Single(n => n.EndsWith("01-entropy.ipynb", StringComparison.Ordinal))), File.ReadAllText(notebook));
        Assert.Equal(File.ReadAllText(Path.Combine(Repo.AppsDirectory, "01-entropy.cs")),
            File.ReadAllText(Path.Combine(site.Directory, SiteDownloads.AppPath("01-entropy.ipynb"))));
    }

    /// <summary>Each edition's search index holds every page of that edition, each with its headings and text.</summary>
    [Theory]
    [MemberData(nameof(Editions))]
    public void The_search_index_holds_every_page(string edition)
    {
        var language = edition == EnglishEdition ? null : edition;
        var script = File.ReadAllText(Path.Combine(site.Directory, SearchIndex.ScriptFor(language)));
        const string prefix = "window.siteSearchIndex = ";
        Assert.StartsWith(prefix, script, StringComparison.Ordinal);
        var index = JsonNode.Parse(script[prefix.Length..].TrimEnd().TrimEnd(';'))!.AsArray();
        Assert.Equal(site.AllPages.Where(p => p.Language == language).Select(p => p.FileName), index.Select(e => e!["page"]!.GetValue<string>()));
        Assert.All(index, e => Assert.True(e!["sections"]!.AsArray().Sum(s => s!["text"]!.GetValue<string>().Length) > 500, $"{e["page"]} has almost no text"));
    }

    /// <summary>
    /// TeX left as text: a delimiter (<c>$</c>, <c>\(</c>, <c>\[</c>), a command (a backslash and letters such as
    /// <c>\frac</c>), or a braced subscript or superscript (<c>_{</c>, <c>^{</c>, as in <c>e^{z_i}</c>) that KaTeX would
    /// have rendered had it been inside <c>$…$</c>.
    /// </summary>
    [GeneratedRegex(@"\$|\\[(\[]|\\[A-Za-z]+|[_^]\{")]
    internal static partial Regex RawTex();

    [GeneratedRegex(@"url\(\s*['""]?(?<url>[^'"")]+)['""]?\s*\)")]
    private static partial Regex CssUrl();

    private static IEnumerable<string> CssUrls(string css) => CssUrl().Matches(css).Select(m => m.Groups["url"].Value);

    private static bool IsAbsolute(string url) => Uri.TryCreate(url, UriKind.Absolute, out var u) && u.Scheme is "http" or "https" or "mailto";

    private static bool ResolvesLocally(string pageDirectory, string url)
    {
        if (url.StartsWith('#') || url.StartsWith("data:", StringComparison.Ordinal))
        {
            return true;
        }
        if (url.Contains(':', StringComparison.Ordinal) || url.StartsWith("//", StringComparison.Ordinal))
        {
            return false;
        }
        var path = url.Split('#', '?')[0];
        return File.Exists(Path.Combine(pageDirectory, Uri.UnescapeDataString(path)));
    }
}
