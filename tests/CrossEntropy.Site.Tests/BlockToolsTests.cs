using Microsoft.Playwright;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// The bar above a code or output block offers "Wrap lines" only while the block is wider than its column: measured
/// again when the width changes (or the fonts arrive late, on a busy machine), a block that fits again drops the
/// button, and an output's bar with nothing left to show takes no room.
/// </summary>
public sealed class BlockToolsTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task Wrap_buttons_follow_the_blocks_width()
    {
        var line = "Console.WriteLine(\"" + string.Join(' ', Enumerable.Repeat("entropy", 11)) + "\");";
        var notebook = new InlineNotebook().Markdown("# Blocks")
            .Code(line, InlineNotebook.Stream(string.Join(' ', Enumerable.Repeat("entropy", 11)) + "\n"));
        using var site = new TempSite([("01-blocks.ipynb", notebook)]);
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 360, Height = 800 } }, new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(site.SiteDirectory, "01-blocks.html")).AbsoluteUri);
        await page.EvaluateAsync("async () => { await document.fonts.ready; }");
        const string VisibleWrapButtons = "() => [...document.querySelectorAll('main .wrap-button')].filter(b => b.checkVisibility()).length";
        const string VisibleBars = "() => [...document.querySelectorAll('main .block-tools')].filter(b => b.checkVisibility()).length";
        Assert.Equal(2, await page.EvaluateAsync<int>(VisibleWrapButtons)); // the code and its output are too wide at 360 px

        await page.SetViewportSizeAsync(1366, 800);
        await page.WaitForFunctionAsync("() => ![...document.querySelectorAll('main pre')].some(p => p.scrollWidth > p.clientWidth + 1)");
        await page.WaitForTimeoutAsync(100); // the resize handler runs after layout
        Assert.Equal(0, await page.EvaluateAsync<int>(VisibleWrapButtons));
        Assert.Equal(1, await page.EvaluateAsync<int>(VisibleBars)); // the code's bar keeps its Copy button; the output's goes
    }
}
