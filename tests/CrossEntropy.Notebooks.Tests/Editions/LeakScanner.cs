using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// Looks for answers in the text of a hand-out folder. A number is looked for in every form a cell or a person would
/// write it with 5 to 17 significant digits (<c>G5</c> … <c>G17</c>, sign dropped); a number with fewer than 5
/// significant digits (1, 0.5, 88, 1.25) is too common to say anything and is not looked for. Strings of 4 characters
/// or more are looked for as they are.
/// </summary>
internal static class LeakScanner
{
    private const int MinimumDigits = 5;

    /// <summary>
    /// Every text of the folder's text files (notebooks, README, JSON, XML documentation), by where it is: a notebook
    /// is split into "file cell N source" and "file cell N output", so that a hit names the cell to fix.
    /// </summary>
    public static IReadOnlyDictionary<string, string> TextFiles(string root)
    {
        var texts = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var file in Directory.EnumerateFiles(root, "*", SearchOption.AllDirectories)
                     .Where(f => Path.GetExtension(f) is ".ipynb" or ".md" or ".json" or ".xml" or ".txt"))
        {
            var name = Path.GetRelativePath(root, file);
            texts[name] = File.ReadAllText(file); // the raw text too: nothing may hide in metadata
            if (Path.GetExtension(file) == ".ipynb")
            {
                foreach (var cell in Notebook.Load(file).Cells)
                {
                    texts[$"{name} cell {cell.Number} source"] = cell.Source;
                    texts[$"{name} cell {cell.Number} output"] = cell.OutputText;
                }
            }
        }
        return texts;
    }

    /// <summary>The texts an answer value would be written as; empty when it is too common to look for.</summary>
    public static IReadOnlyList<string> Forms(JsonNode value)
    {
        if (value is not JsonValue v)
        {
            return [];
        }
        if (v.GetValueKind() == JsonValueKind.String)
        {
            var s = v.GetValue<string>();
            return s.Length >= 4 && !double.TryParse(s, CultureInfo.InvariantCulture, out _) ? [s] : [];
        }
        if (v.GetValueKind() != JsonValueKind.Number)
        {
            return [];
        }
        var x = Math.Abs(v.GetValue<double>());
        return Enumerable.Range(MinimumDigits, 17 - MinimumDigits + 1)
            .Select(k => x.ToString("G" + k.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture))
            .Where(s => SignificantDigits(s) >= MinimumDigits)
            .Distinct(StringComparer.Ordinal)
            .ToArray();
    }

    /// <summary>
    /// Where the forms occur: "place: form" for each hit, the most precise place only (a notebook's cell rather than
    /// the whole file, when the cell's text holds it).
    /// </summary>
    public static IEnumerable<string> Find(IReadOnlyDictionary<string, string> files, IEnumerable<string> forms) =>
        from form in forms
        let places = files.Where(f => f.Value.Contains(form, StringComparison.Ordinal)).Select(f => f.Key).ToArray()
        from place in places
        where !places.Any(p => p != place && p.StartsWith(place + " ", StringComparison.Ordinal))
        select $"{place}: {form}";

    private static int SignificantDigits(string text)
    {
        var mantissa = text.Split('E')[0].Replace(".", "", StringComparison.Ordinal).TrimStart('0');
        return mantissa.Count(char.IsAsciiDigit);
    }
}
