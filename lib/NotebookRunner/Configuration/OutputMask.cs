using System.Text.RegularExpressions;

namespace NotebookRunner.Configuration;

/// <summary>
/// A repository's own mask for volatile output: every match of <see cref="Pattern"/> in an output text is replaced by
/// <see cref="Replacement"/> before outputs are compared (after the built-in masks of <see cref="OutputNormalizer"/>).
/// </summary>
/// <param name="Pattern">A .NET regular expression, matched culture-invariantly with a one-second limit per text.</param>
/// <param name="Replacement">What a match becomes (<c>$1</c>, <c>${name}</c> refer to groups).</param>
public sealed record OutputMask(string Pattern, string Replacement)
{
    private Regex? regex;

    /// <summary>Applies the mask.</summary>
    /// <param name="text">An output text.</param>
    /// <returns>The text with every match replaced.</returns>
    public string Apply(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        regex ??= Compile(Pattern);
        return regex.Replace(text, Replacement);
    }

    /// <summary>Compiles a mask's pattern.</summary>
    /// <param name="pattern">The regular expression.</param>
    /// <returns>The compiled expression.</returns>
    /// <exception cref="ArgumentException">The pattern is not a valid regular expression.</exception>
    public static Regex Compile(string pattern) =>
        new(pattern, RegexOptions.CultureInvariant | RegexOptions.Multiline, TimeSpan.FromSeconds(1));
}
