using Microsoft.Playwright;

namespace CrossEntropy.Site.Tests;

/// <summary>
/// The glyph check the browser test runs on every page (<see cref="PageChecks.UncoveredGlyphs"/>) can fail: on a page
/// with characters no font on any machine draws (a Tangut ideograph, a private-use code point) in prose, in a code
/// cell and in an output, it names each one (U+XXXX), its element and its text, and passes the Chinese and the
/// mathematical symbols the course uses.
/// </summary>
public sealed class GlyphCoverageTests(BrowserFixture browser) : IClassFixture<BrowserFixture>
{
    [ChromiumFact]
    public async Task A_character_no_font_draws_is_named_with_its_element_and_covered_ones_are_not()
    {
        var notebook = new InlineNotebook()
            .Markdown("# Glyphs\n\nTangut \U00017000 in prose; the blog's 交叉熵 and H(p, q) ≥ H(p), ‖ − ₂ ✔ are drawn.")
            .Code("Console.WriteLine(\"private use\");", InlineNotebook.Stream("output \uE000 and 熵\n"));
        using var site = new TempSite([("01-glyphs.ipynb", notebook)]);
        await using var context = await browser.OfflineContextAsync(new() { ViewportSize = new() { Width = 1366, Height = 900 } }, new());
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(Path.Combine(site.SiteDirectory, "01-glyphs.html")).AbsoluteUri);

        var coverage = await GlyphCoverage.OfAsync(page);

        var failure = coverage.Failure("01-glyphs.html");
        Assert.NotNull(failure);
        Assert.StartsWith("01-glyphs.html: 2 characters no installed font draws:\n", failure, StringComparison.Ordinal);
        Assert.Contains(coverage.Uncovered, p => p.StartsWith("U+17000 '\U00017000' in <div.cell.markdown> <p> ", StringComparison.Ordinal) && p.EndsWith("\"Tangut \U00017000 in prose; the blog's\"", StringComparison.Ordinal));
        Assert.Contains(coverage.Uncovered, p => p.StartsWith("U+E000 '\uE000' in <div.cell.code> <pre.output", StringComparison.Ordinal) && p.Contains("output \uE000 and", StringComparison.Ordinal));
        Assert.True(coverage.TextCharacters > 30, failure);
    }
}
