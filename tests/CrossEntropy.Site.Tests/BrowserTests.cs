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
public sealed partial class BrowserTests(CommittedSiteFixture site, BrowserFixture browser, ITestOutputHelper log) : IClassFixture<BrowserFixture>
{
    /// <summary>How a page is viewed, and whether axe checks it there. axe is the slowest step (up to 20 s on the
    /// longest page on a busy 2-core machine), so on English pages it runs in two viewings that between them cover both
    /// widths (layout rules such as scrollable regions) and both schemes (colour contrast); on Chinese pages, whose frame,
    /// stylesheet and colours are the English pages', in one (<see cref="ChineseAxeViewing"/>), for what is theirs
    /// (the language, the content).</summary>
    private sealed record Viewing(int Width, int Height, ColorScheme Scheme, bool Phone, bool Axe);

    /// <summary>The viewing in which every character of the page is checked for a font that draws it.</summary>
    private const string GlyphViewing = "laptop-light";

    private static readonly Dictionary<string, Viewing> Viewings = new(StringComparer.Ordinal)
    {
        ["laptop-light"] = new(1366, 900, ColorScheme.Light, false, Axe: true),
        ["laptop-dark"] = new(1366, 900, ColorScheme.Dark, false, Axe: false),
        ["phone-light"] = new(390, 844, ColorScheme.Light, true, Axe: false),
        ["phone-dark"] = new(390, 844, ColorScheme.Dark, true, Axe: true),
    };

    /// <summary>The viewing in which axe checks a Chinese page.</summary>
    private const string ChineseAxeViewing = "laptop-light";

    /// <summary>The viewing that also checks a notebook page's tools (folded answers, copy buttons) on the page it
    /// has loaded, rather than loading it again.</summary>
    private const string ToolsViewing = "laptop-light";

    /// <summary>Every English page (named from the committed notebooks, like the builder names them) in every viewing.</summary>
    public static TheoryData<string, string> PagesAndViewings() => InEveryViewing(Repo.Notebooks
        .Select(n => SiteBuilder.PageName(Path.GetFileName(n))).Prepend("index.html").Distinct().Append(SiteBuilder.ReadmePage));

    /// <summary>Every Chinese page (<c>zh-CN/…</c>, named from the committed Chinese notebooks) in every viewing.</summary>
    public static TheoryData<string, string> ChinesePagesAndViewings() => InEveryViewing(Repo.ChineseNotebooks
        .Select(n => Repo.Chinese + "/" + SiteBuilder.PageName(SiteTranslation.OriginalName(Path.GetFileName(n), Repo.Chinese)))
        .Prepend(Repo.Chinese + "/index.html").Distinct());

    private static TheoryData<string, string> InEveryViewing(IEnumerable<string> pages)
    {
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
    public Task The_page_works_offline(string pageName, string viewingName) => CheckPageAsync(pageName, viewingName);

    /// <summary>The Chinese pages pass the same checks as the English ones, in the same viewings.</summary>
    [ChromiumTheory]
    [MemberData(nameof(ChinesePagesAndViewings))]
    public Task The_Chinese_page_works_offline(string pagePath, string viewingName) => CheckPageAsync(pagePath, viewingName);

    /// <summary>One page (by its path in the site) in one viewing: drawn offline without errors, nothing cut off,
    /// charts, math, neighbours, accessibility, and a screenshot; in <see cref="ToolsViewing"/>, a notebook page's
    /// folded answers and copy buttons too (<see cref="PageToolChecks"/>).</summary>
    private async Task CheckPageAsync(string pagePath, string viewingName)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var viewing = Viewings[viewingName];
        var sitePage = site.AllPages.Single(p => p.SitePath == pagePath);
        var pageName = sitePage.FileName;
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
        var notebook = viewingName == ToolsViewing && sitePage.Source?.EndsWith(".ipynb", StringComparison.Ordinal) == true
            ? Notebook.Load(NotebookPath(sitePage))
            : null;
        if (notebook is not null)
        {
            await context.AddInitScriptAsync(PageToolChecks.ClipboardRecorder);
        }
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

        await page.GotoAsync(new Uri(Path.Combine(site.Directory, pagePath)).AbsoluteUri, new() { WaitUntil = WaitUntilState.Load });

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
        var hiddenOverflow = await page.EvaluateAsync<string[]>(PageChecks.OverflowWithoutHint);
        var tocProblems = await page.EvaluateAsync<string[]>(PageChecks.TableOfContentsMarkers);
        var lightBoxes = viewing.Scheme == ColorScheme.Dark ? await page.EvaluateAsync<string[]>(PageChecks.LightBoxes) : [];
        // Fonts do not depend on the width or the scheme: one viewing is enough (its time is logged below).
        var glyphClock = System.Diagnostics.Stopwatch.StartNew();
        var glyphs = viewingName == GlyphViewing ? await GlyphCoverage.OfAsync(page) : null;
        var glyphTime = glyphClock.Elapsed;
        var mainWidth = await page.EvaluateAsync<int>("() => document.querySelector('main').clientWidth");
        var previous = await Href(page, "header a[rel=prev]");
        var next = await Href(page, "header a[rel=next]");
        // axe reads the stylesheets again with XMLHttpRequest, which file:// pages refuse (a CORS console error
        // caused by the checker, not the page): the page's own errors and requests are taken before it runs.
        var pageErrors = errors.ToArray();
        var pageBlocked = blocked.ToArray();
        var loaded = clock.Elapsed;
        var violations = (sitePage.Language is null ? viewing.Axe : viewingName == ChineseAxeViewing)
            ? (await page.RunAxe()).Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target))}")
                .ToArray()
            : [];
        var checkedAxe = clock.Elapsed;

        var screenshot = Path.Combine(Repo.ScreenshotDirectory, viewingName, Path.ChangeExtension(pagePath, ".png"));
        // Course pages are captured whole. The README page (developers' notes, 25,000 px tall at laptop width, 51,000 at
        // phone width) is captured to its first screen: its full-page capture passed in one fresh-clone run and timed
        // out after 180 s in the next, at both widths. The checks above read all of it either way.
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = sitePage.InCourse, Timeout = 180_000 });
        log.WriteLine($"{pagePath} {viewingName}: loaded and checked in {loaded.TotalSeconds:F1} s, axe {(checkedAxe - loaded).TotalSeconds:F1} s, screenshot {(clock.Elapsed - checkedAxe).TotalSeconds:F1} s");
        if (glyphs is not null)
        {
            log.WriteLine($"{pagePath}: glyph coverage of {glyphs.TextCharacters} + {glyphs.KatexCharacters} KaTeX + {glyphs.SvgCharacters} SVG characters checked in {glyphTime.TotalSeconds:F2} s");
        }
        // After the screenshot, which shows the charts as drawn: the checks click the sliders.
        var chartProblems = await ChartChecks.ProblemsAsync(page, pageName);
        var toolProblems = new List<string>();
        if (notebook is not null)
        {
            var text = sitePage.Language is null ? SiteText.English : SiteText.For(sitePage.Language);
            var (copyProblems, clicked) = await PageToolChecks.CopyProblemsAsync(page, notebook, text);
            var (answerProblems, answers, folds) = await PageToolChecks.AnswerProblemsAsync(page, notebook, text);
            toolProblems.AddRange(copyProblems.Concat(answerProblems));
            log.WriteLine($"{pagePath}: {clicked} copy buttons, {answers} answer texts, {folds} folds checked");
        }

        Assert.True(pageErrors.Length == 0, string.Join('\n', pageErrors));
        Assert.True(hiddenOverflow.Length == 0, $"{hiddenOverflow.Length} blocks wider than their column with no visible hint:\n" + string.Join('\n', hiddenOverflow.Take(10)));
        Assert.True(tocProblems.Length == 0, "table of contents:\n" + string.Join('\n', tocProblems));
        Assert.True(lightBoxes.Length == 0, $"{lightBoxes.Length} light boxes in the dark scheme:\n" + string.Join('\n', lightBoxes.Take(10)));
        if (glyphs is not null)
        {
            Assert.True(glyphs.Failure(pageName) is null, glyphs.Failure(pageName));
            // The check saw the formulas' and the charts' text, not only the prose.
            Assert.True(formulas == 0 || glyphs.KatexCharacters > 0, $"{pageName}: no KaTeX character was checked");
            Assert.True(charts == 0 || glyphs.SvgCharacters > 0, $"{pageName}: no chart text was checked");
        }
        if (!viewing.Phone)
        {
            // Code and outputs use the window: the column is most of a laptop's width, not a 736 px measure.
            Assert.True(mainWidth >= viewing.Width * 0.6, $"the text column is {mainWidth} px of {viewing.Width}");
        }
        Assert.True(pageBlocked.Length == 0 && blocked.IsEmpty, "blocked requests: " + string.Join('\n', blocked));
        Assert.True(violations.Length == 0, "accessibility violations:\n" + string.Join('\n', violations));
        Assert.True(chartProblems.Count == 0, $"charts at {viewingName}:\n" + string.Join('\n', chartProblems));
        Assert.True(toolProblems.Count == 0, $"{notebook?.FileName}: copy buttons and folded answers:\n" + string.Join('\n', toolProblems));
        Assert.DoesNotMatch(CommittedSiteTests.RawTex(), string.Concat(texts));
        if (formulas > 0)
        {
            Assert.True(katexFontsLoaded, "KaTeX's fonts did not load from assets/katex/fonts");
        }
        var course = site.AllPages.Where(p => p.InCourse && p.Language == sitePage.Language).Select(p => p.FileName).ToList();
        var at = course.IndexOf(pageName);
        Assert.Equal(at > 0 ? course[at - 1] : null, previous);
        Assert.Equal(at >= 0 && at + 1 < course.Count ? course[at + 1] : null, next);
        Assert.Equal("index.html", await Href(page, "header a.site-title"));
    }

    /// <summary>The committed notebook a page is made from.</summary>
    private static string NotebookPath(SitePage page) =>
        (page.Language is null ? Repo.Notebooks : Repo.ChineseNotebooks).Single(n => Path.GetFileName(n) == page.Source);

    private static Task<string?> Href(IPage page, string selector) =>
        page.EvaluateAsync<string?>("s => document.querySelector(s)?.getAttribute('href') ?? null", selector);
}
