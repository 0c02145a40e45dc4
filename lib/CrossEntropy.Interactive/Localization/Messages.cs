using System.Globalization;
using System.Runtime.CompilerServices;
using System.Text;

namespace CrossEntropy.Interactive.Localization;

/// <summary>
/// Where every user-visible message of the library is looked up in the current <see cref="CourseLanguage"/>: write
/// <c>Tr("English text")</c>, or <c>Tr($"English text with {value}")</c>, whose key is the template with numbered holes
/// (<c>"English text with {0}"</c>) and whose values are formatted with the invariant culture, in every language.
/// </summary>
public static class Messages
{
    /// <summary>The message in the current language.</summary>
    /// <param name="english">The English text: the catalog's key.</param>
    /// <returns>The translation, or the English text in English.</returns>
    public static string Tr(string english) => MessageCatalog.Translate(english, CourseLanguage.Current);

    /// <summary>The interpolated message in the current language: its template translated, then its values filled in.</summary>
    /// <param name="message">The interpolated English message.</param>
    /// <returns>The formatted translation.</returns>
    public static string Tr(MessageTemplate message) =>
        string.Format(CultureInfo.InvariantCulture, MessageCatalog.Translate(message.Template, CourseLanguage.Current),
            message.Arguments);

    /// <summary>Sentences written one after another: separated by a space in English, by nothing in Chinese.</summary>
    /// <param name="sentences">The sentences, each already in the current language.</param>
    /// <returns>The text.</returns>
    public static string JoinSentences(params string[] sentences) =>
        string.Join(CourseLanguage.Current == CourseLanguage.Chinese ? "" : " ", sentences);
}

/// <summary>
/// An interpolated message seen as the catalog sees it: the English template with numbered holes, and its values
/// already formatted with the invariant culture (so <c>1.5</c> and <c>Infinity</c> read the same in every language).
/// Built by the compiler from <c>$"…"</c> passed to <see cref="Messages.Tr(MessageTemplate)"/>.
/// </summary>
[InterpolatedStringHandler]
public readonly struct MessageTemplate
{
    private readonly StringBuilder template;
    private readonly List<object?> arguments;

    /// <summary>Called by the compiler.</summary>
    /// <param name="literalLength">The length of the literal parts.</param>
    /// <param name="formattedCount">The number of holes.</param>
    public MessageTemplate(int literalLength, int formattedCount)
    {
        template = new StringBuilder(literalLength + 4 * formattedCount);
        arguments = new List<object?>(formattedCount);
    }

    /// <summary>The composite format key: the literal parts (braces doubled) and <c>{0}</c>, <c>{1}</c>, … for the holes.</summary>
    public string Template => template.ToString();

    /// <summary>The holes' values, formatted.</summary>
    public object?[] Arguments => [.. arguments];

    /// <summary>Called by the compiler for a literal part.</summary>
    /// <param name="literal">The text.</param>
    public void AppendLiteral(string literal)
    {
        ArgumentNullException.ThrowIfNull(literal);
        template.Append(literal.Replace("{", "{{", StringComparison.Ordinal).Replace("}", "}}", StringComparison.Ordinal));
    }

    /// <summary>Called by the compiler for a hole.</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    public void AppendFormatted<T>(T value) => AppendFormatted(value, null);

    /// <summary>Called by the compiler for a hole with a format (<c>{x:F3}</c>).</summary>
    /// <typeparam name="T">The value's type.</typeparam>
    /// <param name="value">The value.</param>
    /// <param name="format">The format string.</param>
    public void AppendFormatted<T>(T value, string? format)
    {
        template.Append('{').Append(arguments.Count.ToString(CultureInfo.InvariantCulture)).Append('}');
        arguments.Add(value is IFormattable formattable
            ? formattable.ToString(format, CultureInfo.InvariantCulture)
            : value?.ToString());
    }
}
