using System.Collections.Frozen;
using System.Text.Json;

namespace CrossEntropy.Interactive.Localization;

/// <summary>
/// The translations of the course's messages, gettext-style: each catalog maps an English template (the text as the
/// source writes it, with numbered holes <c>{0}</c>, <c>{1}</c> where values go) to its translation. English needs no
/// catalog. The Chinese catalog is <c>Localization/zh-CN.json</c>, embedded in this assembly; the tests prove every
/// message the library can show has a translation, that no translation is stale, and that the holes agree.
/// </summary>
public static class MessageCatalog
{
    private static readonly Lazy<FrozenDictionary<string, string>> ChineseCatalog = new(() => Load(CourseLanguage.Chinese));

    /// <summary>The catalog of <paramref name="language"/>: English template → translation (empty for English).</summary>
    /// <param name="language"><c>"en"</c> or <c>"zh-CN"</c>.</param>
    /// <returns>The catalog.</returns>
    /// <exception cref="ArgumentException">Another language.</exception>
    public static IReadOnlyDictionary<string, string> For(string language) =>
        CourseLanguage.Validate(language) == CourseLanguage.Chinese
            ? ChineseCatalog.Value
            : FrozenDictionary<string, string>.Empty;

    /// <summary>
    /// The template in <paramref name="language"/>: its translation, or the English template itself for English or
    /// for a template the catalog lacks (a test fails on any such template, so a reader never sees the fallback).
    /// </summary>
    /// <param name="englishTemplate">The English template, the catalog's key.</param>
    /// <param name="language"><c>"en"</c> or <c>"zh-CN"</c>.</param>
    /// <returns>The template to format.</returns>
    public static string Translate(string englishTemplate, string language)
    {
        ArgumentNullException.ThrowIfNull(englishTemplate);
        return For(language).TryGetValue(englishTemplate, out var translated) ? translated : englishTemplate;
    }

    private static FrozenDictionary<string, string> Load(string language)
    {
        var name = $"CrossEntropy.Interactive.Localization.{language}.json";
        using var stream = typeof(MessageCatalog).Assembly.GetManifestResourceStream(name)
            ?? throw new InvalidOperationException($"The message catalog '{name}' is not embedded in the assembly.");
        var entries = JsonSerializer.Deserialize<Dictionary<string, string>>(stream)
            ?? throw new InvalidOperationException($"The message catalog '{name}' is not a JSON object of strings.");
        return entries.ToFrozenDictionary(StringComparer.Ordinal);
    }
}
