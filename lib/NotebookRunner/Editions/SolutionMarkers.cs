using System.Text.Json.Nodes;
using NotebookSite;

namespace NotebookRunner.Editions;

/// <summary>
/// The exercise protocol's markers, on this project's notebook model (the marker text and its parsing are
/// <see cref="ExerciseMarkup"/>'s, shared with the site). A code cell holds its answer between a line <c>// BEGIN SOLUTION</c> and a line
/// <c>// END SOLUTION</c>; the student edition replaces each such region, markers included, by <c>// your code here</c>.
/// Cells tagged <c>solution</c> in their metadata are answer cells: a code one must have at least one region, a
/// markdown one is replaced whole.
/// </summary>
public static class SolutionMarkers
{
    /// <summary>The metadata tag of an answer cell.</summary>
    public const string SolutionTag = ExerciseMarkup.SolutionTag;

    /// <summary>The metadata tag of an exercise statement.</summary>
    public const string ExerciseTag = ExerciseMarkup.ExerciseTag;

    /// <summary>The line that opens a solution region (compared after trimming).</summary>
    public const string Begin = ExerciseMarkup.Begin;

    /// <summary>The line that closes a solution region.</summary>
    public const string End = ExerciseMarkup.End;

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
        NotebookFile.IsCode(cell) && ExerciseMarkup.HasMarkers(NotebookFile.Source(cell));

    /// <summary>
    /// The solution regions of a code cell's source: the text strictly between each pair of markers.
    /// </summary>
    /// <param name="source">The cell's source.</param>
    /// <param name="notebook">The notebook's file name, for messages.</param>
    /// <param name="cellNumber">The cell's 1-based position, for messages.</param>
    /// <returns>The regions' text, in order (empty when the cell has no markers).</returns>
    /// <exception cref="EditionException">The markers are unbalanced or nested.</exception>
    public static IReadOnlyList<string> Regions(string source, string notebook, int cellNumber) =>
        Split(source, notebook, cellNumber).Where(p => p.IsSolution).Select(p => p.Text).ToArray();

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
            : p.Text));

    /// <summary>Splits a source into lines, each keeping its line break.</summary>
    /// <param name="source">The text.</param>
    /// <returns>The lines.</returns>
    public static IReadOnlyList<string> Lines(string source) => ExerciseMarkup.Lines(source);

    private static IReadOnlyList<SourceSegment> Split(string source, string notebook, int cellNumber)
    {
        try
        {
            return ExerciseMarkup.Segments(source);
        }
        catch (FormatException e)
        {
            throw EditionException.InCell(notebook, cellNumber, e.Message);
        }
    }
}
