namespace CrossEntropy.Interactive.Localization;

/// <summary>
/// The language the course's messages (the exercise checks' verdicts, names and hints) are shown in: English, the source
/// of every message, or Simplified Chinese. A notebook sets it once for its kernel session with
/// <see cref="KernelSetup.Install(string)"/>; a test sets it for one asynchronous flow with <see cref="Use"/>, so tests in
/// other languages can run at the same time.
/// </summary>
public static class CourseLanguage
{
    /// <summary>English, the language every message is written in (the catalog's keys).</summary>
    public const string English = "en";

    /// <summary>Simplified Chinese, translated in <c>Localization/zh-CN.json</c>.</summary>
    public const string Chinese = "zh-CN";

    // The session's language, and a per-flow override that wins over it (a test's scope).
    private static volatile string session = English;
    private static readonly AsyncLocal<string?> Scoped = new();

    /// <summary>The languages the course speaks: <c>"en"</c> and <c>"zh-CN"</c>.</summary>
    public static IReadOnlyList<string> Supported { get; } = [English, Chinese];

    /// <summary>The language messages are shown in now: the current scope's (<see cref="Use"/>), else the session's.</summary>
    public static string Current => Scoped.Value ?? session;

    /// <summary>Sets the session's language (what <see cref="KernelSetup.Install(string)"/> calls).</summary>
    /// <param name="language"><c>"en"</c> or <c>"zh-CN"</c>, exactly.</param>
    /// <exception cref="ArgumentException">Any other value; the message names it.</exception>
    public static void Set(string language) => session = Validate(language);

    /// <summary>
    /// Shows messages in <paramref name="language"/> in this asynchronous flow until the returned scope is disposed,
    /// without changing the session's language for anyone else.
    /// </summary>
    /// <param name="language"><c>"en"</c> or <c>"zh-CN"</c>, exactly.</param>
    /// <returns>The scope; disposing it restores the previous language of this flow.</returns>
    /// <exception cref="ArgumentException">Any other value; the message names it.</exception>
    public static IDisposable Use(string language)
    {
        var previous = Scoped.Value;
        Scoped.Value = Validate(language);
        return new Scope(previous);
    }

    /// <summary>Returns <paramref name="language"/> when the course speaks it, else throws.</summary>
    /// <param name="language">The language tag to check.</param>
    /// <returns>The same tag.</returns>
    /// <exception cref="ArgumentException">Not <c>"en"</c> or <c>"zh-CN"</c>; the message names the value.</exception>
    public static string Validate(string language)
    {
        ArgumentNullException.ThrowIfNull(language);
        return Supported.Contains(language, StringComparer.Ordinal)
            ? language
            : throw new ArgumentException(
                $"'{language}' is not a course language: use one of {string.Join(", ", Supported.Select(l => $"\"{l}\""))}.",
                nameof(language));
    }

    private sealed class Scope(string? previous) : IDisposable
    {
        public void Dispose() => Scoped.Value = previous;
    }
}
