using System.Net;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests.Translation;

/// <summary>
/// What a translated notebook's outputs must share with the English notebook's, code cell by code cell (the
/// generator keeps every cell in its place, so cell n translates cell n): the numbers its text outputs print, in
/// order (stream text, <c>text/plain</c>, and the text of HTML tables, after the runner's masks in
/// <see cref="OutputNormalizer"/>); the check verdicts, as data; the error outputs (type and the numbers in the
/// message); and each chart's data, the traces' <c>x</c>, <c>y</c> and <c>z</c> arrays (not titles or names, which
/// are translated). In a cell tagged <c>machine-dependent</c> (timings, memory) every number is masked, so only how
/// many there are is compared. A cell tagged <see cref="EditionDependentTag"/> is left out: its numbers differ by
/// design, and the tests name every such cell with its reason.
/// </summary>
internal static partial class EditionOutputs
{
    /// <summary>The tag of a code cell whose printed numbers differ between editions by design.</summary>
    public const string EditionDependentTag = "edition-dependent";

    private static readonly string[] Axes = ["x", "y", "z"];

    /// <summary>Every way the translated notebook's outputs differ from the English ones, one line each naming the
    /// translated notebook, the cell and the first difference; empty when they agree.</summary>
    /// <param name="english">The English notebook.</param>
    /// <param name="translated">Its translation.</param>
    /// <param name="normalizer">The runner's masks.</param>
    /// <returns>The differences.</returns>
    public static IReadOnlyList<string> Differences(Notebook english, Notebook translated, OutputNormalizer normalizer)
    {
        if (english.Cells.Count != translated.Cells.Count)
        {
            return [$"{translated.FileName}: {translated.Cells.Count} cells, but {english.FileName} has {english.Cells.Count}"];
        }
        var differences = new List<string>();
        foreach (var (en, tr) in english.Cells.Zip(translated.Cells).Where(p => p.First.IsCode && !p.First.HasTag(EditionDependentTag)))
        {
            var masked = en.HasTag(NotebookConventions.Default.MachineDependentTag);
            var expected = Facts(en, normalizer, masked);
            var actual = Facts(tr, normalizer, masked);
            foreach (var (kind, englishItems) in expected)
            {
                var translatedItems = actual[kind];
                if (FirstDifference(englishItems, translatedItems) is { } at)
                {
                    differences.Add($"{translated.FileName} cell {tr.Number}: {kind} differ from {english.FileName} at item {at + 1}: " +
                        $"English {Item(englishItems, at)}, translation {Item(translatedItems, at)} " +
                        $"(English {englishItems.Count} item(s), translation {translatedItems.Count})");
                }
            }
        }
        return differences;
    }

    /// <summary>What one code cell's outputs must keep in every edition, by kind.</summary>
    private static Dictionary<string, IReadOnlyList<string>> Facts(Cell cell, OutputNormalizer normalizer, bool masked)
    {
        var numbers = new List<string>();
        var verdicts = new List<string>();
        var errors = new List<string>();
        var charts = new List<string>();
        foreach (var output in cell.Outputs.Where(o => !KernelNoise.IsNoise(o)))
        {
            if (output.Verdict is { } verdict)
            {
                verdicts.Add(CheckVerdict.Name(verdict.State));
                continue; // the verdict's text is its translated message; its data is compared
            }
            if (output.Type == "error")
            {
                errors.Add(output.ErrorName + " " + string.Join(" ", Numbers(normalizer.NormalizeText(output.ErrorValue ?? ""), masked)));
                continue;
            }
            if (output.IsChart)
            {
                var figure = PlotlyOutput.Parse(output.Data["text/html"]);
                charts.AddRange((figure.Data as JsonArray ?? []).Select((trace, k) =>
                    $"trace {k + 1}: " + string.Join(" ", Axes.Select(axis =>
                        $"{axis}={(masked ? OutputNormalizer.MaskNumbers(trace?[axis]?.ToJsonString() ?? "null") : trace?[axis]?.ToJsonString() ?? "null")}"))));
                continue;
            }
            var text = output.Type == "stream" ? output.Text
                : output.Data.TryGetValue("text/html", out var html) ? HtmlText(html)
                : output.Data.GetValueOrDefault("text/plain", "");
            numbers.AddRange(Numbers(normalizer.NormalizeText(text), masked));
        }
        return new() { ["numbers"] = numbers, ["verdicts"] = verdicts, ["errors"] = errors, ["chart data"] = charts };
    }

    /// <summary>The text a reader sees in an HTML output: scripts, styles and tags (with their attributes) removed.</summary>
    private static string HtmlText(string html) =>
        WebUtility.HtmlDecode(Tag().Replace(ScriptOrStyle().Replace(html, " "), " "));

    /// <summary>The numeric tokens of a text, in order (<c>-1,234.5e-7</c>), or <c>&lt;n&gt;</c> for each when masked.</summary>
    private static IEnumerable<string> Numbers(string text, bool masked) =>
        NumberToken().Matches(text).Select(m => masked ? "<n>" : m.Value.Replace('−', '-'));

    private static int? FirstDifference(IReadOnlyList<string> a, IReadOnlyList<string> b)
    {
        for (var i = 0; i < Math.Max(a.Count, b.Count); i++)
        {
            if (i >= a.Count || i >= b.Count || !string.Equals(a[i], b[i], StringComparison.Ordinal))
            {
                return i;
            }
        }
        return null;
    }

    private static string Item(IReadOnlyList<string> items, int at)
    {
        if (at >= items.Count)
        {
            return "(none)";
        }
        var item = items[at];
        return item.Length > 160 ? $"'{item[..160]}…'" : $"'{item}'";
    }

    [GeneratedRegex(@"<(script|style)\b.*?</\1\s*>", RegexOptions.Singleline | RegexOptions.IgnoreCase)]
    private static partial Regex ScriptOrStyle();

    [GeneratedRegex(@"<[^>]*>")]
    private static partial Regex Tag();

    // A sign (ASCII or the minus sign, not a hyphen after a letter or digit), digits with optional thousands groups, a
    // fraction and an exponent; digits glued to a name (float32, BFloat16) are part of the name, which a translation
    // may move, while a hyphenated number (order-4, UTF-8) counts.
    [GeneratedRegex(@"(?:(?<![\p{L}\p{N}_.\-−])[-−])?(?<![\p{L}\p{N}_.])\d+(?:,\d{3})*(?:\.\d+)?(?:[eE][-+]?\d+)?(?![\p{L}\p{N}_])")]
    private static partial Regex NumberToken();
}
