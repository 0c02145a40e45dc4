using System.Text.Json.Nodes;

namespace NotebookRunner.Editions;

/// <summary>
/// The exercise protocol's markers. A code cell holds its answer between a line <c>// BEGIN SOLUTION</c> and a line
/// <c>// END SOLUTION</c>; the student edition replaces each such region, markers included, by <c>// your code here</c>.
/// Cells tagged <c>solution</c> in their metadata are answer cells: a code one must have at least one region, a
/// markdown one is replaced whole.
/// </summary>
public static class SolutionMarkers
{
    /// <summary>The metadata tag of an answer cell.</summary>
    public const string SolutionTag = "solution";

    /// <summary>The metadata tag of an exercise statement.</summary>
    public const string ExerciseTag = "exercise";

    /// <summary>The line that opens a solution region (compared after trimming).</summary>
    public const string Begin = "// BEGIN SOLUTION";

    /// <summary>The line that closes a solution region.</summary>
    public const string End = "// END SOLUTION";

    /// <summary>What a student sees in place of a code region.</summary>
    public const string CodePlaceholder = "// your code here";

    /// <summary>What a student sees in place of a worked answer in markdown.</summary>
    public const string MarkdownPlaceholder = "*Write your answer here.*";

    /// <summary>Whether the cell's metadata carries a tag (<c>"metadata": {"tags": [...]}</c>).</summary>
    /// <param name="cell">The cell.</param>
    /// <param name="tag">The tag.</param>
    /// <returns>True when tagged.</returns>
    public static bool HasTag(JsonObject cell, string tag)
    {
        ArgumentNullException.ThrowIfNull(cell);
        return cell["metadata"] is JsonObject { } metadata && metadata["tags"] is JsonArray tags
            && tags.Any(t => t is JsonValue v && v.TryGetValue(out string? s) && s == tag);
    }

    /// <summary>A code cell that holds at least one marker line: a solution cell or a self-check cell.</summary>
    /// <param name="cell">The cell.</param>
    /// <returns>True for a check cell.</returns>
    public static bool IsCheckCell(JsonObject cell) =>
        NotebookFile.IsCode(cell) && Lines(NotebookFile.Source(cell)).Any(l => IsMarker(l, Begin) || IsMarker(l, End));

    /// <summary>
    /// The solution regions of a code cell's source: the text strictly between each pair of markers.
    /// </summary>
    /// <param name="source">The cell's source.</param>
    /// <param name="notebook">The notebook's file name, for messages.</param>
    /// <param name="cellNumber">The cell's 1-based position, for messages.</param>
    /// <returns>The regions' text, in order (empty when the cell has no markers).</returns>
    /// <exception cref="EditionException">The markers are unbalanced or nested.</exception>
    public static IReadOnlyList<string> Regions(string source, string notebook, int cellNumber) =>
        Split(source, notebook, cellNumber).Where(p => p.IsSolution).Select(p => string.Concat(p.Lines)).ToArray();

    /// <summary>The source with every solution region (markers included) replaced by <see cref="CodePlaceholder"/>,
    /// indented like its <c>BEGIN</c> line.</summary>
    /// <param name="source">The cell's source.</param>
    /// <param name="notebook">The notebook's file name, for messages.</param>
    /// <param name="cellNumber">The cell's 1-based position, for messages.</param>
    /// <returns>The student's source.</returns>
    /// <exception cref="EditionException">The markers are unbalanced or nested.</exception>
    public static string Strip(string source, string notebook, int cellNumber) =>
        string.Concat(Split(source, notebook, cellNumber).Select(p => p.IsSolution
            ? p.Indent + CodePlaceholder + p.LineEnd
            : string.Concat(p.Lines)));

    /// <summary>Splits a source into lines, each keeping its line break.</summary>
    /// <param name="source">The text.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Lines(string source)
    {
        ArgumentNullException.ThrowIfNull(source);
        var lines = new List<string>();
        var start = 0;
        while (start < source.Length)
        {
            var end = source.IndexOf('\n', start);
            end = end < 0 ? source.Length : end + 1;
            lines.Add(source[start..end]);
            start = end;
        }
        return lines;
    }

    private static List<Part> Split(string source, string notebook, int cellNumber)
    {
        var parts = new List<Part>();
        var plain = new List<string>();
        List<string>? solution = null;
        string indent = "", lineEnd = "";
        foreach (var line in Lines(source))
        {
            if (IsMarker(line, Begin))
            {
                if (solution is not null)
                {
                    throw EditionException.InCell(notebook, cellNumber,
                        $"'{Begin}' again before '{End}' (solution regions cannot nest).");
                }
                parts.Add(new Part(false, plain, "", ""));
                plain = [];
                solution = [];
                indent = line[..(line.Length - line.TrimStart().Length)];
                lineEnd = line.EndsWith('\n') ? "\n" : "";
            }
            else if (IsMarker(line, End))
            {
                if (solution is null)
                {
                    throw EditionException.InCell(notebook, cellNumber, $"'{End}' without an opening '{Begin}'.");
                }
                parts.Add(new Part(true, solution, indent, line.EndsWith('\n') ? "\n" : lineEnd));
                solution = null;
            }
            else
            {
                (solution ?? plain).Add(line);
            }
        }
        if (solution is not null)
        {
            throw EditionException.InCell(notebook, cellNumber, $"'{Begin}' is never closed by '{End}'.");
        }
        parts.Add(new Part(false, plain, "", ""));
        return parts;
    }

    private static bool IsMarker(string line, string marker) =>
        string.Equals(line.Trim(), marker, StringComparison.Ordinal);

    private sealed record Part(bool IsSolution, List<string> Lines, string Indent, string LineEnd);
}
