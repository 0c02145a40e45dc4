using System.Text.Json;
using Microsoft.Playwright;

namespace CrossEntropy.Site.Tests;

/// <summary>What <see cref="PageChecks.UncoveredGlyphs"/> found on a page: each character no font draws, and how many
/// characters it checked in KaTeX's formulas, in the charts' SVG text and in the rest of the text.</summary>
internal sealed record GlyphCoverage(IReadOnlyList<string> Uncovered, int KatexCharacters, int SvgCharacters, int TextCharacters)
{
    /// <summary>The failure message for a page (its name, then one line per character), or null when every character is drawn.</summary>
    public string? Failure(string pageName) => Uncovered.Count == 0
        ? null
        : $"{pageName}: {Uncovered.Count} characters no installed font draws:\n" + string.Join('\n', Uncovered);

    /// <summary>Runs the check in a loaded page (after its charts have drawn, so their SVG text is there).</summary>
    public static async Task<GlyphCoverage> OfAsync(IPage page)
    {
        var result = await page.EvaluateAsync<JsonElement>(PageChecks.UncoveredGlyphs);
        return new GlyphCoverage(
            result.GetProperty("problems").EnumerateArray().Select(p => p.GetString()!).ToArray(),
            result.GetProperty("katex").GetInt32(), result.GetProperty("svg").GetInt32(), result.GetProperty("text").GetInt32());
    }
}
