using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace NotebookRunner.Translation;

/// <summary>
/// The glossary check of a translated edition, over its markdown prose (code, math, link targets, HTML tags,
/// English-only link texts and table cells, glosses in full-width parentheses <c>（…）</c>, and quotations in "…" or
/// “…”, which cite words rather than use them, left out):
/// <list type="bullet">
/// <item>an English glossary term, written as the glossary writes it (so a capitalised proper name such as
/// "Cut Cross-Entropy" is not one), left in Chinese prose instead of its translation: <c>softmax</c>, <c>logit</c>,
/// <c>ulp</c>, <c>sigmoid</c>, <c>bfloat16</c> and terms whose translation contains them are allowed;</item>
/// <item>a multi-word or hyphenated glossary term of the English cell whose translation does not appear in the
/// translated cell (rendered another way); terms the glossary keeps in English (the check labels) are not checked
/// this way. Single words are not either: "bit", "precision" or "class" have
/// other senses the glossary's rendering does not cover.</item>
/// </list>
/// The glossary is <c>notebooks/translations/&lt;language&gt;/terms.json</c>: <c>{"English term": "translation"}</c>; a
/// trailing parenthetical on either side (<c>"binary cross-entropy (BCE)"</c>, <c>"末位单位（ULP）"</c>) is not part of the term.
/// </summary>
public static partial class Terminology
{
    /// <summary>The glossary file's name in a language's translation folder.</summary>
    public const string FileName = "terms.json";

    /// <summary>English terms a translation keeps as they are.</summary>
    public static readonly IReadOnlySet<string> KeptInLatin = new HashSet<string>(["softmax", "logit", "ulp", "sigmoid", "bfloat16"], StringComparer.OrdinalIgnoreCase);

    /// <summary>Checks every translation file of a language against its glossary.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="language">The language tag.</param>
    /// <returns>One finding per (cell, term).</returns>
    public static IReadOnlyList<DriftFinding> Check(RepoLayout layout, string language = TranslatedEdition.Chinese)
    {
        ArgumentNullException.ThrowIfNull(layout);
        var folder = TranslatedEdition.TranslationsDirectory(layout, language);
        var glossary = (JsonNode.Parse(File.ReadAllText(Path.Combine(folder, FileName))) as JsonObject ?? [])
            .Select(t => (English: WithoutGloss(t.Key), Translated: (string)t.Value!, Plain: WithoutGloss((string)t.Value!)))
            .OrderByDescending(t => t.English.Length).ToArray();
        var findings = new List<DriftFinding>();
        foreach (var english in layout.NumberedNotebooks())
        {
            var path = Path.Combine(folder, Path.GetFileNameWithoutExtension(english) + ".json");
            if (!File.Exists(path))
            {
                continue; // the drift check reports it
            }
            var cells = NotebookFile.Load(layout.CommittedPath(english)).Cells;
            var name = Path.GetFileNameWithoutExtension(english) + "." + language;
            foreach (var entry in TranslationFile.Load(path).Entries.Where(e => e.Markdown is not null && e.Cell <= cells.Count))
            {
                var translated = Prose(entry.Markdown!);
                var source = Prose(NotebookFile.Source(cells[entry.Cell - 1]));
                foreach (var (term, rendering, plain) in glossary)
                {
                    if (!KeptInLatin.Contains(term) && !rendering.Contains(term, StringComparison.OrdinalIgnoreCase)
                        && Occurs(term, translated, ignoreCase: false))
                    {
                        findings.Add(new DriftFinding(name, entry.Cell, "markdown",
                            $"glossary term \"{term}\" left in English: write {plain} (the English in parentheses only at its first use)"));
                    }
                    if (term.IndexOfAny([' ', '-']) >= 0 && plain != term && Occurs(term, source, ignoreCase: true)
                        && !entry.Markdown!.Contains(plain, StringComparison.Ordinal))
                    {
                        findings.Add(new DriftFinding(name, entry.Cell, "markdown",
                            $"glossary term \"{term}\" rendered another way: the glossary says {plain}"));
                    }
                }
            }
        }
        return findings;
    }

    /// <summary>The prose of a markdown cell, without what is not prose (see the class summary).</summary>
    /// <param name="markdown">The cell's source.</param>
    /// <returns>The prose.</returns>
    public static string Prose(string markdown)
    {
        var text = MarkdownText.ReplaceLinks(MarkdownText.WithoutCodeOrMath(markdown), link => HasChinese(link) ? link : " ");
        text = HtmlTag().Replace(text, " ");
        text = Url().Replace(text, " ");
        text = Gloss().Replace(text, " ");
        text = Quotation().Replace(text, " ");
        return string.Join('\n', text.Split('\n').Select(line => line.TrimStart().StartsWith('|')
            ? string.Join('|', line.Split('|').Select(cell => HasChinese(cell) ? cell : " ")) // an English-only column names terms
            : line));
    }

    private static bool Occurs(string term, string text, bool ignoreCase) =>
        Regex.IsMatch(text, @"(?<![\p{L}\p{N}_-])" + Regex.Escape(term) + @"(s|es)?(?![\p{L}\p{N}_-])",
            ignoreCase ? RegexOptions.IgnoreCase | RegexOptions.CultureInvariant : RegexOptions.CultureInvariant);

    private static string WithoutGloss(string term) => TrailingGloss().Replace(term, "").Trim();

    private static bool HasChinese(string text) => Han().IsMatch(text);

    [GeneratedRegex("<[^>]+>")]
    private static partial Regex HtmlTag();

    [GeneratedRegex(@"https?://\S+")]
    private static partial Regex Url();

    [GeneratedRegex("（[^（）]*）")]
    private static partial Regex Gloss();

    [GeneratedRegex("\"[^\"\n]*\"|“[^”\n]*”")]
    private static partial Regex Quotation();

    [GeneratedRegex(@"\s*[（(][^（）()]*[）)]\s*$")]
    private static partial Regex TrailingGloss();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex Han();
}
