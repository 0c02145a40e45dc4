using System.Collections.Concurrent;
using Deque.AxeCore.Playwright;
using Microsoft.Playwright;
using Xunit.Abstractions;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// Every page of the site, opened from file:// in headless Chromium with the network blocked, at laptop and phone
/// widths, in the light and dark schemes. Each run writes a full-page screenshot to artifacts/site-screenshots/.
/// </summary>
[Collection(CommittedSiteGroup.Name)]
public sealed class BrowserTests(CommittedSiteFixture site, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    /// <summary>How a page is viewed, and whether axe checks it there. axe is the slowest step (up to 20 s on the
    /// longest page on a busy 2-core machine), so it runs in two viewings that between them cover both widths
    /// (layout rules such as scrollable regions) and both schemes (colour contrast).</summary>
    private sealed record Viewing(int Width, int Height, ColorScheme Scheme, bool Phone, bool Axe);

    private static readonly Dictionary<string, Viewing> Viewings = new(StringComparer.Ordinal)
    {
        ["laptop-light"] = new(1366, 900, ColorScheme.Light, false, Axe: true),
        ["laptop-dark"] = new(1366, 900, ColorScheme.Dark, false, Axe: false),
        ["phone-light"] = new(390, 844, ColorScheme.Light, true, Axe: false),
        ["phone-dark"] = new(390, 844, ColorScheme.Dark, true, Axe: true),
    };

    /// <summary>Every page (named from the committed notebooks, like the builder names them) in every viewing.</summary>
    public static TheoryData<string, string> PagesAndViewings()
    {
        var pages = Repo.Notebooks.Select(n => SiteBuilder.PageName(Path.GetFileName(n)))
            .Prepend("index.html").Distinct().Append(SiteBuilder.ReadmePage);
        var data = new TheoryData<string, string>();
        foreach (var page in pages)
        {
            foreach (var viewing in Viewings.Keys)
            {
                data.Add(page, viewing);
            }
        }
        return data;
    }

    [ChromiumTheory]
    [MemberData(nameof(PagesAndViewings))]
    public async Task The_page_works_offline(string pageName, string viewingName)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var viewing = Viewings[viewingName];
        var sitePage = site.Pages.Single(p => p.FileName == pageName);
        var blocked = new ConcurrentQueue<string>();
        var errors = new ConcurrentQueue<string>();
        await using var context = await browser.OfflineContextAsync(new()
        {
            ViewportSize = new() { Width = viewing.Width, Height = viewing.Height },
            ColorScheme = viewing.Scheme,
            IsMobile = viewing.Phone,
            HasTouch = viewing.Phone,
            DeviceScaleFactor = 1,
        }, blocked);
        var page = await context.NewPageAsync();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Enqueue($"console: {message.Text}");
            }
        };
        page.PageError += (_, error) => errors.Enqueue($"uncaught: {error}");
        page.RequestFailed += (_, request) =>
        {
            if (request.Url.StartsWith("file:", StringComparison.Ordinal))
            {
                errors.Enqueue($"missing file: {request.Url} ({request.Failure})");
            }
        };

        await page.GotoAsync(new Uri(Path.Combine(site.Directory, pageName)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

        // Every chart div gets plotly's SVG; a chart that never draws times out with the count so far.
        var charts = await page.Locator("main .chart").CountAsync();
        Assert.Equal(sitePage.Charts, charts);
        if (charts > 0)
        {
            await page.WaitForFunctionAsync(
                "() => [...document.querySelectorAll('main .chart')].every(d => d.querySelector('svg.main-svg'))",
                null, new() { Timeout = 60_000 });
        }
        var formulas = await page.Locator("main .katex").CountAsync();
        var katexFontsLoaded = await page.EvaluateAsync<bool>(
            "async () => { await document.fonts.ready; return [...document.fonts].some(f => f.family.startsWith('KaTeX') && f.status === 'loaded'); }");
        var texts = await page.EvaluateAsync<string[]>("""
            () => {
              const out = [];
              const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
              while (walk.nextNode()) {
                if (!walk.currentNode.parentElement.closest('pre, code, script, style, .katex')) out.push(walk.currentNode.data);
              }
              return out;
            }
            """);
        var previous = await Href(page, "header a[rel=prev]");
        var next = await Href(page, "header a[rel=next]");
        // axe reads the stylesheets again with XMLHttpRequest, which file:// pages refuse (a CORS console error
        // caused by the checker, not the page): the page's own errors and requests are taken before it runs.
        var pageErrors = errors.ToArray();
        var pageBlocked = blocked.ToArray();
        var loaded = clock.Elapsed;
        var violations = viewing.Axe
            ? (await page.RunAxe()).Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target))}")
                .ToArray()
            : [];
        var checkedAxe = clock.Elapsed;

        var screenshot = Path.Combine(Repo.ScreenshotDirectory, viewingName, Path.ChangeExtension(pageName, ".png"));
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true });
        log.WriteLine($"{pageName} {viewingName}: loaded and checked in {loaded.TotalSeconds:F1} s, axe {(checkedAxe - loaded).TotalSeconds:F1} s, screenshot {(clock.Elapsed - checkedAxe).TotalSeconds:F1} s");

        Assert.True(pageErrors.Length == 0, string.Join('\n', pageErrors));
        Assert.True(pageBlocked.Length == 0 && blocked.IsEmpty, "blocked requests: " + string.Join('\n', blocked));
        Assert.True(violations.Length == 0, "accessibility violations:\n" + string.Join('\n', violations));
        Assert.DoesNotMatch(CommittedSiteTests.RawTex(), string.Concat(texts));
        if (formulas > 0)
        {
            Assert.True(katexFontsLoaded, "KaTeX's fonts did not load from assets/katex/fonts");
        }
        var course = site.Course.Select(p => p.FileName).ToList();
        var at = course.IndexOf(pageName);
        Assert.Equal(at > 0 ? course[at - 1] : null, previous);
        Assert.Equal(at >= 0 && at + 1 < course.Count ? course[at + 1] : null, next);
        Assert.Equal("index.html", await Href(page, "header a.site-title"));
    }

    private static Task<string?> Href(IPage page, string selector) =>
        page.EvaluateAsync<string?>("s => document.querySelector(s)?.getAttribute('href') ?? null", selector);
}
