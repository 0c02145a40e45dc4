using System.Text.RegularExpressions;
using CrossEntropy.Interactive.Localization;

namespace CrossEntropy.Interactive.Tests.Localization;

// The Chinese catalog against the library's source: every message has a translation, no translation is stale, the
// holes agree, and the translations follow the course's typography (full-width punctuation in Chinese prose, one
// half-width space between Chinese and Latin letters or digits).

public partial class MessageCatalogTests
{
    private static IReadOnlyDictionary<string, string> Chinese => MessageCatalog.For(CourseLanguage.Chinese);

    [Fact]
    public void The_source_scan_finds_the_messages_it_must()
    {
        var keys = MessageSources.Templates().Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        // One of each kind: a plain literal, an interpolated template, a constant, a label, a precision phrase.
        Assert.Contains("Solved", keys);
        Assert.Contains("Not yet right. Hint: {0}", keys);
        Assert.Contains(ExerciseResult.PlaceholderMessage, keys);
        Assert.Contains("{0} significant digits", keys);
        Assert.Contains("Exercise 1.1, a fair twenty-sided die", keys);
        Assert.True(keys.Count > 150, $"only {keys.Count} templates found: is the scan reading the library's source?");
    }

    [Fact]
    public void Every_message_of_the_checks_goes_through_Tr()
    {
        var untranslated = MessageSources.UntranslatedProse();
        Assert.True(untranslated.Count == 0,
            "Wrap these user-visible texts in Tr(…) so the Chinese edition translates them:\n" +
            string.Join("\n", untranslated.Select(t => $"  {t.Location}: \"{t.Key}\"")));
        var uncollectable = MessageSources.UncollectableArguments();
        Assert.True(uncollectable.Count == 0,
            "Tr needs a literal, an interpolated string or a constant, so the tests can read its key:\n" +
            string.Join("\n", uncollectable.Select(t => $"  {t.Location}: Tr({t.Key})")));
    }

    [Fact]
    public void Every_message_has_a_Chinese_translation()
    {
        var missing = MessageSources.Templates().Where(t => !Chinese.ContainsKey(t.Key))
            .DistinctBy(t => t.Key).ToList();
        Assert.True(missing.Count == 0,
            $"{missing.Count} messages have no translation in lib/CrossEntropy.Interactive/Localization/zh-CN.json " +
            "(add each English text as a key with its Chinese translation):\n" +
            string.Join("\n", missing.Select(t => $"  {t.Location}: {System.Text.Json.JsonSerializer.Serialize(t.Key)}")));
    }

    [Fact]
    public void No_translation_is_stale()
    {
        var used = MessageSources.Templates().Select(t => t.Key).ToHashSet(StringComparer.Ordinal);
        var stale = Chinese.Keys.Where(key => !used.Contains(key)).Order(StringComparer.Ordinal).ToList();
        Assert.True(stale.Count == 0,
            "zh-CN.json translates texts the library no longer shows (the English was changed or removed: " +
            "re-translate the new text, delete the old entry):\n" + string.Join("\n", stale.Select(k => "  " + k)));
    }

    [Fact]
    public void Holes_are_the_same_in_English_and_Chinese()
    {
        var wrong = Chinese.Where(entry => !Holes(entry.Key).SequenceEqual(Holes(entry.Value))).ToList();
        Assert.True(wrong.Count == 0, "These translations do not have the English text's holes {0}…{n}, each once:\n" +
            string.Join("\n", wrong.Select(e => $"  {e.Key}  →  {e.Value}")));
    }

    [Fact]
    public void Translations_are_Chinese_with_full_width_punctuation_and_spaced_Latin()
    {
        var problems = Chinese.SelectMany(entry => TypographyProblems(entry.Key, entry.Value)).ToList();
        Assert.True(problems.Count == 0, string.Join("\n", problems));
    }

    [Fact]
    public void The_typography_check_catches_each_slip()
    {
        const string english = "some English words";
        Assert.Empty(TypographyProblems(english, "先减去最大值，再对 e^(z − M) 求和。"));
        Assert.Empty(TypographyProblems("{0} ({1}).", "{0}（{1}）。"));            // no words to translate
        Assert.NotEmpty(TypographyProblems(english, "no translation at all"));
        Assert.NotEmpty(TypographyProblems(english, "先减去最大值,再求和。"));    // half-width comma in Chinese prose
        Assert.NotEmpty(TypographyProblems(english, "先减去最大值。再求和."));    // half-width full stop
        Assert.NotEmpty(TypographyProblems(english, "用log2计算。"));            // no space between Chinese and Latin
        Assert.NotEmpty(TypographyProblems(english, "共有{0}个值。"));           // a hole holding digits, unspaced
    }

    private static IEnumerable<string> Holes(string template) =>
        HolePattern().Matches(template).Select(m => m.Value).Order(StringComparer.Ordinal);

    private static IEnumerable<string> TypographyProblems(string english, string translation)
    {
        if (EnglishWord().IsMatch(english) && !CjkPattern().IsMatch(translation))
        {
            yield return $"not translated (no Chinese in it): {translation}";
        }
        foreach (Match m in HalfWidthAfterChinese().Matches(translation))
        {
            yield return $"half-width '{m.Value[^1]}' after Chinese text (use full-width punctuation): {translation}";
        }
        foreach (Match m in UnspacedLatin().Matches(translation))
        {
            yield return $"no space between Chinese and Latin letters, digits or a hole in \"{m.Value}\": {translation}";
        }
    }

    [GeneratedRegex(@"\{\d+\}")]
    private static partial Regex HolePattern();

    [GeneratedRegex(@"[A-Za-z]{2,}")]
    private static partial Regex EnglishWord();

    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex CjkPattern();

    // A Chinese character followed by , . ; : ? ! ( ) (a closing parenthesis after Chinese text ends Chinese prose).
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}[,.;:?!()]")]
    private static partial Regex HalfWidthAfterChinese();

    // Chinese directly against a Latin letter, a digit or a hole, either way round.
    [GeneratedRegex(@"\p{IsCJKUnifiedIdeographs}[A-Za-z0-9{]|[A-Za-z0-9}]\p{IsCJKUnifiedIdeographs}")]
    private static partial Regex UnspacedLatin();
}
