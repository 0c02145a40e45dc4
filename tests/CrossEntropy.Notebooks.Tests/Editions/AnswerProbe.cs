using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// Finds the answer values by executing the teacher notebooks with one extra statement per check cell, placed right
/// after its last <c>// END SOLUTION</c>: it appends the answer variables (those declared before the first
/// <c>// BEGIN SOLUTION</c>) as JSON to a file. The statement displays nothing, so the cell shows what it always does.
/// </summary>
internal static partial class AnswerProbe
{
    /// <summary>The instrumented teacher notebook; the probe file gets lines "cell number TAB JSON array".</summary>
    public static NotebookFile Instrument(NotebookFile teacher, string probeFile)
    {
        var probed = teacher.Clone();
        var path = probeFile.Replace("\"", "\"\"", StringComparison.Ordinal);
        foreach (var (number, cell) in probed.CodeCells.Where(c => SolutionRegions.HasMarkers(NotebookFile.Source(c.Cell))))
        {
            var lines = SolutionRegions.Lines(NotebookFile.Source(cell)).ToList();
            var names = AnswerVariables(lines);
            var lastEnd = lines.FindLastIndex(l => l.Trim() == NotebookConventions.Default.EndSolution);
            if (!lines[lastEnd].EndsWith('\n'))
            {
                lines[lastEnd] += "\n";
            }
            // Each value as a JSON node; a value JSON cannot hold (a function, say) becomes null: it has no digits to leak.
            lines.Insert(lastEnd + 1,
                $"System.IO.File.AppendAllText(@\"{path}\", \"{number}\\t\" + new System.Text.Json.Nodes.JsonArray(" +
                $"new object?[] {{ {string.Join(", ", names)} }}.Select(v => {{ try {{ return System.Text.Json.JsonSerializer.SerializeToNode(v, " +
                "new System.Text.Json.JsonSerializerOptions { NumberHandling = System.Text.Json.Serialization.JsonNumberHandling.AllowNamedFloatingPointLiterals }); } " +
                "catch (System.Exception) { return null; } }).ToArray()).ToJsonString() + \"\\n\");\n");
            NotebookFile.SetSource(cell, string.Concat(lines));
        }
        return probed;
    }

    /// <summary>The variables a check cell declares before its first solution region (its answer placeholders).</summary>
    public static IReadOnlyList<string> AnswerVariables(IEnumerable<string> lines) =>
        lines.TakeWhile(l => l.Trim() != NotebookConventions.Default.BeginSolution)
            .SelectMany(l => Declaration().Matches(l).Select(m => m.Groups["name"].Value))
            .ToArray();

    /// <summary>Reads a probe file: cell number → its answer variables' values, in declaration order (JSON as recorded).</summary>
    public static IReadOnlyDictionary<int, IReadOnlyList<JsonNode?>> Read(string probeFile) =>
        File.ReadAllLines(probeFile)
            .Select(l => l.Split('\t', 2))
            .GroupBy(p => int.Parse(p[0], CultureInfo.InvariantCulture))
            .ToDictionary(g => g.Key, g => (IReadOnlyList<JsonNode?>)g.SelectMany(p => JsonNode.Parse(p[1])!.AsArray()).Select(n => n?.DeepClone()).ToArray());

    /// <summary>The numbers and strings inside a value (an array's or object's entries, flattened).</summary>
    public static IEnumerable<JsonValue> Leaves(JsonNode? node) => node switch
    {
        JsonArray array => array.SelectMany(Leaves),
        JsonObject obj => obj.Select(p => p.Value).SelectMany(Leaves),
        JsonValue value => [value],
        _ => [],
    };

    /// <summary>"type name = value" or "type a = x, b = y" (the first declaration on a line, and any after commas).</summary>
    [GeneratedRegex(@"(?:^\s*(?:[A-Za-z_][\w.]*(?:<[^>]*>)?(?:\[\])*\??)\s+|,\s*)(?<name>[A-Za-z_]\w*)\s*=(?!=)")]
    private static partial Regex Declaration();
}
