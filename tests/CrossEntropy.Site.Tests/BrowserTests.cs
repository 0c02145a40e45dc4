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
    /// longest page on a busy 2-core machine), so it runs in two viewings that between them cover both widths
    /// (layout rules such as scrollable regions) and both schemes (colour contrast).</summary>
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
    /// charts, math, neighbours, accessibility, and a screenshot.</summary>
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
        var violations = viewing.Axe
            ? (await page.RunAxe()).Violations
                .Where(v => v.Impact is "serious" or "critical")
                .Select(v => $"{v.Impact} {v.Id}: {v.Help} at {string.Join(", ", v.Nodes.Take(3).Select(n => n.Target))}")
                .ToArray()
            : [];
        var checkedAxe = clock.Elapsed;

        var screenshot = Path.Combine(Repo.ScreenshotDirectory, viewingName, Path.ChangeExtension(pagePath, ".png"));
        // A full-page screenshot of the longest page (the README at phone width) takes tens of seconds on a loaded 2-core machine.
        await page.ScreenshotAsync(new() { Path = screenshot, FullPage = true, Timeout = 180_000 });
        log.WriteLine($"{pagePath} {viewingName}: loaded and checked in {loaded.TotalSeconds:F1} s, axe {(checkedAxe - loaded).TotalSeconds:F1} s, screenshot {(clock.Elapsed - checkedAxe).TotalSeconds:F1} s");
        if (glyphs is not null)
        {
            log.WriteLine($"{pagePath}: glyph coverage of {glyphs.TextCharacters} + {glyphs.KatexCharacters} KaTeX + {glyphs.SvgCharacters} SVG characters checked in {glyphTime.TotalSeconds:F2} s");
        }
        // After the screenshot, which shows the charts as drawn: the checks click the sliders.
        var chartProblems = await ChartChecks.ProblemsAsync(page, pageName);

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

    /// <summary>Every notebook page (the pages that can hold exercises).</summary>
    public static TheoryData<string> NotebookFiles() => new(Repo.Notebooks.Select(Path.GetFileName)!);

    /// <summary>
    /// The site folds every answer, whatever the notebook's tags: before any click, no line of solution code and no
    /// check verdict is visible on the page; after clicking every "Show the solution", all of them are. What counts as
    /// an answer is read from the notebook itself (its solution regions and its verdict outputs), and visibility is the
    /// browser's own (<c>checkVisibility</c> on each text node's element).
    /// </summary>
    [ChromiumTheory]
    [MemberData(nameof(NotebookFiles))]
    public Task No_answer_is_visible_before_a_click_and_every_answer_is_after(string notebookFile) =>
        CheckAnswersFoldedAsync(Repo.Notebooks.Single(n => Path.GetFileName(n) == notebookFile), SiteBuilder.PageName(notebookFile), SiteText.English);

    /// <summary>Every Chinese notebook page (their checks' verdicts are in Chinese).</summary>
    public static TheoryData<string> ChineseNotebookFiles() => new(Repo.ChineseNotebooks.Select(Path.GetFileName)!);

    /// <summary>The Chinese pages fold their answers behind "显示答案" as the English pages do.</summary>
    [ChromiumTheory]
    [MemberData(nameof(ChineseNotebookFiles))]
    public Task No_answer_is_visible_on_a_Chinese_page_before_a_click_and_every_answer_is_after(string notebookFile) =>
        CheckAnswersFoldedAsync(Repo.ChineseNotebooks.Single(n => Path.GetFileName(n) == notebookFile),
            Repo.Chinese + "/" + SiteBuilder.PageName(SiteTranslation.OriginalName(notebookFile, Repo.Chinese)), SiteText.Chinese);

    private async Task CheckAnswersFoldedAsync(string notebookPath, string pagePath, SiteText text)
    {
        var notebook = Notebook.Load(notebookPath);
        var notebookFile = notebook.FileName;
        var answers = Answers(notebook);
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } }, new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(site.Directory, pagePath)).AbsoluteUri);

        var before = Collapse(await page.EvaluateAsync<string>(VisibleText));
        var shownBefore = answers.Where(a => before.Contains(a.Text, StringComparison.Ordinal)).Select(a => a.ToString()).ToArray();
        Assert.True(shownBefore.Length == 0, $"{notebookFile}: visible before any click:\n" + string.Join('\n', shownBefore));

        var summaries = page.Locator("main details > summary", new() { HasTextString = text.ShowSolution });
        var count = await summaries.CountAsync();
        Assert.True(answers.Count == 0 || count > 0, $"{notebookFile} has {answers.Count} answers and nothing to click");
        for (var i = 0; i < count; i++)
        {
            await summaries.Nth(i).ClickAsync();
        }
        var after = Collapse(await page.EvaluateAsync<string>(VisibleText));
        var hiddenAfter = answers.Where(a => !after.Contains(a.Text, StringComparison.Ordinal)).Select(a => a.ToString()).ToArray();
        Assert.True(hiddenAfter.Length == 0, $"{notebookFile}: still hidden after clicking all {count} \"{text.ShowSolution}\":\n" + string.Join('\n', hiddenAfter));
        log.WriteLine($"{notebookFile}: {answers.Count} answer texts, {count} folds");
    }

    private sealed record AnswerText(int Cell, string Kind, string Text)
    {
        public override string ToString() => $"cell {Cell} {Kind}: {Text}";
    }

    /// <summary>
    /// The answers of a notebook as text a page would show: each distinctive line of solution code (20 characters or
    /// more besides spaces, not a comment), and each verdict output's message (the text after its label and exercise).
    /// </summary>
    private static List<AnswerText> Answers(Notebook notebook)
    {
        var answers = new List<AnswerText>();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            if (cell.Kind != CellKind.Code)
            {
                continue;
            }
            answers.AddRange(SolutionRegions.Segments(cell, notebook.FileName).Where(s => s.IsSolution)
                .SelectMany(s => s.Lines).Select(l => l.Trim())
                .Where(l => !l.StartsWith("//", StringComparison.Ordinal) && Collapse(l).Replace(" ", "", StringComparison.Ordinal).Length >= 20)
                .Select(l => new AnswerText(i + 1, "solution code", Collapse(l))));
            foreach (var output in cell.Outputs.Where(NotebookSite.SolutionFolding.IsVerdict))
            {
                var plain = output.Data.GetValueOrDefault("text/plain", "");
                var message = plain.Split(" — ", 2);
                if (message.Length == 2)
                {
                    answers.Add(new AnswerText(i + 1, "verdict", Collapse(message[1])));
                }
            }
        }
        return answers;
    }

    private static string Collapse(string text) => Whitespace().Replace(text, " ").Trim();

    [System.Text.RegularExpressions.GeneratedRegex(@"\s+")]
    private static partial System.Text.RegularExpressions.Regex Whitespace();

    // The text of every text node whose element the browser shows (closed <details> content is not shown).
    private const string VisibleText = """
        () => {
          const out = [];
          const walk = document.createTreeWalker(document.querySelector('main'), NodeFilter.SHOW_TEXT);
          while (walk.nextNode()) {
            const element = walk.currentNode.parentElement;
            if (element.checkVisibility({ visibilityProperty: true, opacityProperty: true })) out.push(walk.currentNode.data);
          }
          return out.join('');
        }
        """;

    private static Task<string?> Href(IPage page, string selector) =>
        page.EvaluateAsync<string?>("s => document.querySelector(s)?.getAttribute('href') ?? null", selector);
}
