using System.Collections;
using System.Globalization;
using System.Reflection;
using System.Runtime.CompilerServices;
using System.Text;

namespace NotebookApp;

/// <summary>
/// The text the .NET Interactive kernel's <c>text/plain</c> formatter shows for a value, for the kinds of values
/// notebooks display: numbers and other formattable values (invariant culture), strings, booleans, sequences
/// (<c>[ 1, 2.5, 3 ]</c>, at most 20 items then <c>... (n more)</c>), tuples (<c>( 1, x )</c>), types with their own
/// <c>ToString()</c> (what a registered plain-text formatter prints, as this course's views do), and other objects as
/// the type name followed by one indented line per public property. A test compares it with the kernel's formatter.
/// </summary>
public static class PlainText
{
    /// <summary>How many items of a sequence are shown, as in the kernel.</summary>
    public const int ListExpansionLimit = 20;

    private const string PropertyIndent = "      ";

    /// <summary>The text of <paramref name="value"/>.</summary>
    /// <param name="value">Any value; null gives <c>&lt;null&gt;</c>.</param>
    /// <returns>The text.</returns>
    public static string Format(object? value) => Format(value, nested: false);

    private static string Format(object? value, bool nested) => value switch
    {
        null => "<null>",
        string s => s,
        bool b => b ? "True" : "False",
        char c => c.ToString(),
        DateTime d => d.ToString("u", CultureInfo.InvariantCulture),
        IFormattable f => f.ToString(null, CultureInfo.InvariantCulture),
        ITuple t => "( " + string.Join(", ", Enumerable.Range(0, t.Length).Select(i => Format(t[i], nested: true))) + " )",
        IEnumerable e => Sequence(e),
        _ when HasOwnToString(value.GetType()) => value.ToString() ?? "",
        _ when nested => value.ToString() ?? "",
        _ => Properties(value),
    };

    private static string Sequence(IEnumerable items)
    {
        var shown = new List<string>();
        var more = 0;
        foreach (var item in items)
        {
            if (shown.Count < ListExpansionLimit)
            {
                shown.Add(Format(item, nested: true));
            }
            else
            {
                more++;
            }
        }
        return "[ " + string.Join(", ", shown) + (more > 0 ? $" ... ({more} more)" : "") + " ]";
    }

    private static string Properties(object value)
    {
        var text = new StringBuilder(value.GetType().Name);
        foreach (var property in value.GetType().GetProperties(BindingFlags.Public | BindingFlags.Instance).Where(p => p.GetIndexParameters().Length == 0))
        {
            text.Append('\n').Append(PropertyIndent).Append(property.Name).Append(": ").Append(Format(property.GetValue(value), nested: true));
        }
        return text.ToString();
    }

    // A ToString written by hand: not object's, and not the one the compiler writes for a record.
    private static bool HasOwnToString(Type type)
    {
        var method = type.GetMethod(nameof(ToString), BindingFlags.Public | BindingFlags.Instance, Type.EmptyTypes);
        return method is not null && method.DeclaringType != typeof(object) && method.DeclaringType != typeof(ValueType)
            && !method.IsDefined(typeof(CompilerGeneratedAttribute));
    }
}
