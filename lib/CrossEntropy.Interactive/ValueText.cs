using System.Globalization;

namespace CrossEntropy.Interactive;

/// <summary>Culture-independent number formatting shared by the display types.</summary>
internal static class ValueText
{
    /// <summary>Formats a double with a fixed number of decimals, invariant culture.</summary>
    /// <remarks>Invariant culture so that committed outputs compare equal on every machine.</remarks>
    public static string Fixed(double value, int digits) =>
        double.IsFinite(value)
            ? value.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)
            : value.ToString(CultureInfo.InvariantCulture); // "NaN", "Infinity", "-Infinity"

    /// <summary>Formats a double with up to ten significant digits (enough to read, short enough to be stable).</summary>
    public static string Significant(double value) => value.ToString("G10", CultureInfo.InvariantCulture);

    /// <summary>Formats any cell value: floating-point numbers to <paramref name="digits"/> decimals, the rest invariantly.</summary>
    public static string Cell(object? value, int digits) => value switch
    {
        null => "",
        double d => Fixed(d, digits),
        float f => Fixed(f, digits),
        decimal m => m.ToString("F" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture),
        IFormattable x => x.ToString(null, CultureInfo.InvariantCulture),
        _ => value.ToString() ?? "",
    };

    /// <summary>True for the value types that are right-aligned as numbers.</summary>
    public static bool IsNumber(object? value) =>
        value is double or float or decimal or int or long or short or byte or uint or ulong or ushort or sbyte;

    /// <summary>HTML-encodes text for element content and attribute values.</summary>
    public static string Html(string text) => System.Net.WebUtility.HtmlEncode(text);
}
