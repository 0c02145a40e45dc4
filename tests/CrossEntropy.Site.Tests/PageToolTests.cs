using System.Collections.Concurrent;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using Microsoft.Playwright;
using NotebookSite;
using Xunit.Abstractions;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// The page's tools in headless Chromium with the network blocked: the offline search in each edition, the language
/// switch, the light/dark toggle, and the print layout (the copy buttons and folded answers are checked by
/// <see cref="BrowserTests"/> on the page it has loaded).
/// </summary>
[Collection(CommittedSiteGroup.Name)]
public sealed partial class PageToolTests(CommittedSiteFixture site, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    /// <summary>Every notebook page.</summary>
    public static TheoryData<string> NotebookFiles() => new(Repo.Notebooks.Select(Path.GetFileName)!);

    /// <summary>
    /// The search box finds every page: for each page, the word of its text that is rarest across the site (read from
    /// the rendered HTML, not from the index), typed into the search box of the index page, lists that page.
    /// </summary>
    [ChromiumFact]
    public async Task The_search_finds_a_term_from_every_page()
    {
        var blocked = new ConcurrentQueue<string>();
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } }, blocked);
        await CheckSearchAsync(await context.NewPageAsync(), site.Pages, Word());
        Assert.Empty(blocked);
    }

    /// <summary>
    /// The Chinese pages' search box searches the Chinese pages: for each, the four-character run of Chinese text rarest
    /// across the Chinese pages (Chinese has no spaces: the search matches substrings), typed into the search box of
    /// the Chinese index, lists that page; and a query in no Chinese page says so in Chinese.
    /// </summary>
    [ChromiumFact]
    public async Task The_Chinese_search_finds_a_term_from_every_Chinese_page()
    {
        var blocked = new ConcurrentQueue<string>();
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } }, blocked);
        var page = await context.NewPageAsync();
        await CheckSearchAsync(page, site.ChinesePages, ChineseRun());
        var box = page.Locator("#search-input");
        await box.FillAsync("数值稳定");
        await page.WaitForFunctionAsync("() => document.getElementById('search-results').dataset.query === '数值稳定'");
        Assert.True(await page.Locator("#search-results a").CountAsync() > 0, "数值稳定 finds nothing");
        await box.FillAsync("zzqqxx");
        await page.WaitForFunctionAsync("() => document.getElementById('search-results').dataset.query === 'zzqqxx'");
        Assert.Equal(string.Format(System.Globalization.CultureInfo.InvariantCulture, SiteText.Chinese.Script["nothingFound"], "zzqqxx"),
            await page.Locator("#search-results p").TextContentAsync());
        Assert.Empty(blocked);
    }

    /// <summary>For each page of an edition, its rarest term (a match of <paramref name="term"/> in its text) typed into
    /// the search box of the edition's index (opened in <paramref name="page"/>) lists it.</summary>
    private async Task CheckSearchAsync(IPage page, IReadOnlyList<SitePage> pages, Regex termPattern)
    {
        var words = pages.ToDictionary(p => p.FileName, p => Words(site.Site.Document(p.SitePath), termPattern));
        var counts = words.Values.SelectMany(w => w).GroupBy(w => w).ToDictionary(g => g.Key, g => g.Count());
        var index = pages.Single(p => p.FileName == "index.html").SitePath;
        await page.GotoAsync(new Uri(Path.Combine(site.Directory, index)).AbsoluteUri);
        var box = page.Locator("#search-input");
        foreach (var (pageName, pageWords) in words)
        {
            var term = pageWords.Distinct().OrderBy(w => counts[w]).ThenByDescending(w => w.Length).ThenBy(w => w, StringComparer.Ordinal).First();
            await box.FillAsync(term);
            // The list says which query it answers (site.js sets data-query once the results are in).
            await page.WaitForFunctionAsync("t => { const r = document.getElementById('search-results'); return !r.hidden && r.dataset.query === t; }", term);
            var hrefs = await page.EvaluateAsync<string[]>("() => [...document.querySelectorAll('#search-results a')].map(a => a.getAttribute('href'))");
            Assert.True(hrefs.Any(h => h.Split('#')[0] == pageName), $"searching \"{term}\" did not list {pageName}: {string.Join(", ", hrefs)}");
            log.WriteLine($"{pageName}: \"{term}\" found ({hrefs.Length} results)");
        }
    }

    /// <summary>
    /// The language switch, clicked as a reader would at phone and laptop widths: it is visible inside the window (not
    /// folded away, not off the edge), it leads from an English page to its Chinese twin (a Chinese page, lang
    /// zh-CN) and back, and the choice of scheme carries over.
    /// </summary>
    [ChromiumTheory]
    [InlineData(390, 844)]
    [InlineData(1366, 900)]
    public async Task The_language_switch_leads_to_the_twin_and_back(int width, int height)
    {
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = width, Height = height }, IsMobile = width < 500 }, new());
        var page = await context.NewPageAsync();
        var english = new Uri(Path.Combine(site.Directory, "04-stability-pitfalls.html")).AbsoluteUri;
        await page.GotoAsync(english);
        await page.Locator(".theme-toggle").ClickAsync(); // system → light
        var chinese = new Uri(Path.Combine(site.Directory, Repo.Chinese, "04-stability-pitfalls.html")).AbsoluteUri;
        foreach (var (to, lang) in new[] { (chinese, "zh-CN"), (english, "en") })
        {
            var link = page.Locator("a.language-switch");
            var box = await link.BoundingBoxAsync();
            Assert.True(box is not null && box.X >= 0 && box.X + box.Width <= width && box.Y >= 0 && box.Y + box.Height <= height,
                $"at {width} px the switch on {page.Url} is at {box?.X},{box?.Y} ({box?.Width}×{box?.Height}), not inside the window");
            Assert.True(await link.IsVisibleAsync());
            await link.ClickAsync();
            await page.WaitForURLAsync(to);
            Assert.Equal(lang, await page.EvaluateAsync<string>("() => document.documentElement.lang"));
            Assert.Equal("light", await page.EvaluateAsync<string?>("() => document.documentElement.dataset.theme"));
        }
    }

    /// <summary>A Chinese page's theme toggle speaks Chinese and works like the English one.</summary>
    [ChromiumFact]
    public async Task The_theme_toggle_on_a_Chinese_page_is_labelled_in_Chinese()
    {
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 }, ColorScheme = ColorScheme.Light }, new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(site.Directory, Repo.Chinese, "01-entropy.html")).AbsoluteUri);
        var toggle = page.Locator(".theme-toggle");
        string Label(string scheme) => string.Format(System.Globalization.CultureInfo.InvariantCulture, SiteText.Chinese.Script["theme"], SiteText.Chinese.Script[scheme]);
        Assert.Equal(Label("system"), await toggle.TextContentAsync());
        await toggle.ClickAsync();
        Assert.Equal(Label("light"), await toggle.TextContentAsync());
        Assert.Contains(SiteText.Chinese.Script["dark"], await toggle.GetAttributeAsync("title") ?? "", StringComparison.Ordinal);
        await toggle.ClickAsync();
        Assert.Equal(Label("dark"), await toggle.TextContentAsync());
        Assert.True(Luminance(await Background(page)) < 0.05);
    }

    /// <summary>The toggle cycles system → light → dark → system, the page follows, and the choice survives a reload.</summary>
    [ChromiumFact]
    public async Task The_theme_toggle_switches_the_scheme_and_remembers_it()
    {
        await using var context = await browser.OfflineContextAsync(new()
        {
            ViewportSize = new() { Width = 1366, Height = 900 },
            ColorScheme = ColorScheme.Light,
        }, new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(site.Directory, "01-entropy.html")).AbsoluteUri);
        var toggle = page.Locator(".theme-toggle");
        Assert.Equal("Theme: system", await toggle.TextContentAsync());
        var light = await Background(page);
        await toggle.ClickAsync();
        Assert.Equal("Theme: light", await toggle.TextContentAsync());
        await toggle.ClickAsync();
        Assert.Equal("Theme: dark", await toggle.TextContentAsync());
        var dark = await Background(page);
        Assert.True(Luminance(light) > 0.8 && Luminance(dark) < 0.05, $"backgrounds: system {light}, dark {dark}");

        await page.ReloadAsync();
        Assert.Equal("Theme: dark", await page.Locator(".theme-toggle").TextContentAsync());
        Assert.Equal(dark, await Background(page));
        await page.Locator(".theme-toggle").ClickAsync();
        Assert.Equal("Theme: system", await page.Locator(".theme-toggle").TextContentAsync());
        Assert.Equal(light, await Background(page));
        Assert.Null(await page.EvaluateAsync<string?>($"() => localStorage.getItem('{PageLayout.ThemeKey}')"));
    }

    /// <summary>
    /// Printed (print media, an A4 page's width), nothing is cut off: no code, output, table or formula is wider than
    /// the text, the site's controls are gone, and every chart outside a folded answer is printed as a picture that fits the page.
    /// </summary>
    [ChromiumTheory]
    [MemberData(nameof(NotebookFiles))]
    public async Task The_printed_page_wraps_code_and_keeps_every_chart(string notebookFile)
    {
        var pageName = SiteBuilder.PageName(notebookFile);
        var charts = site.Pages.Single(p => p.FileName == pageName).Charts;
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 794, Height = 1123 } }, new());
        var page = await context.NewPageAsync();
        // A loaded 2-core machine takes long to open the longest pages.
        await page.GotoAsync(new Uri(Path.Combine(site.Directory, pageName)).AbsoluteUri, new() { Timeout = 120_000 });
        await page.WaitForFunctionAsync(
            "n => document.querySelectorAll('img.chart-print').length === n && [...document.querySelectorAll('img.chart-print')].every(i => i.complete && i.naturalWidth > 0)",
            charts, new() { Timeout = 90_000 });
        await page.EmulateMediaAsync(new() { Media = Media.Print });
        // What a browser does before it prints (emulating print media alone does not fire it).
        await page.EvaluateAsync("() => window.dispatchEvent(new Event('beforeprint'))");
        var problems = await page.EvaluateAsync<string[]>("""
            () => {
              const bad = [];
              const main = document.querySelector('main').getBoundingClientRect();
              for (const block of document.querySelectorAll('main pre, main .output-html, main .table-scroll, main .math-display')) {
                if (block.checkVisibility() && block.scrollWidth > block.clientWidth + 1)
                  bad.push(`cut off: ${block.className} (${block.scrollWidth} > ${block.clientWidth}): ${block.textContent.trim().slice(0, 50)}`);
              }
              for (const img of document.querySelectorAll('img.chart-print')) {
                if (img.closest('details:not([open])')) continue; // a chart inside a folded answer stays folded in print
                const box = img.getBoundingClientRect();
                if (!img.checkVisibility() || box.width < 200 || box.right > main.right + 1) bad.push(`chart picture not printed whole: ${box.width} px at ${box.left}-${box.right}`);
              }
              for (const control of document.querySelectorAll('.site-tools, .block-tools, .sidebar, .downloads')) {
                if (control.checkVisibility()) bad.push(`printed control: ${control.className}`);
              }
              return bad;
            }
            """);
        Assert.True(problems.Length == 0, string.Join('\n', problems.Take(15)));
        Directory.CreateDirectory(Path.Combine(Repo.ScreenshotDirectory, "print"));
        await page.PdfAsync(new() { Path = Path.Combine(Repo.ScreenshotDirectory, "print", Path.ChangeExtension(pageName, ".pdf")), Format = "A4" });
        log.WriteLine($"{pageName}: printed with {charts} chart pictures");
    }

    private static Task<string> Background(IPage page) =>
        page.EvaluateAsync<string>("() => getComputedStyle(document.body).backgroundColor");

    private static double Luminance(string rgb)
    {
        var parts = Number().Matches(rgb).Take(3).Select(m => double.Parse(m.Value, System.Globalization.CultureInfo.InvariantCulture) / 255).ToArray();
        static double Linear(double v) => v <= 0.03928 ? v / 12.92 : Math.Pow((v + 0.055) / 1.055, 2.4);
        return 0.2126 * Linear(parts[0]) + 0.7152 * Linear(parts[1]) + 0.0722 * Linear(parts[2]);
    }

    /// <summary>The terms of a page's text outside code, math, folded answers and the frame, lower case.</summary>
    private static List<string> Words(IDocument document, Regex term)
    {
        var main = document.QuerySelector("main")!;
        var text = string.Join(' ', main.Descendants<IText>()
            .Where(t => t.ParentElement!.Closest("pre, code, script, style, .katex, details") is null)
            .Select(t => t.Data));
        return term.Matches(text).Select(m => (m.Groups.Count > 1 ? m.Groups[1].Value : m.Value).ToLowerInvariant()).ToList();
    }

    /// <summary>An English word: letters only, 6 or more.</summary>
    [GeneratedRegex(@"\b[A-Za-z]{6,}\b")]
    private static partial Regex Word();

    /// <summary>Four Chinese ideographs in a row (overlapping runs: each position starts one).</summary>
    [GeneratedRegex(@"(?=([\u4E00-\u9FFF]{4}))")]
    private static partial Regex ChineseRun();

    [GeneratedRegex(@"[0-9.]+")]
    private static partial Regex Number();
}

/// <summary>A fact that is skipped, with one clear message, when Chromium is missing outside CI.</summary>
[AttributeUsage(AttributeTargets.Method)]
public sealed class ChromiumFactAttribute : FactAttribute
{
    public ChromiumFactAttribute()
    {
        if (Chromium.SkipReason is { } reason)
        {
            Skip = reason;
        }
    }
}
