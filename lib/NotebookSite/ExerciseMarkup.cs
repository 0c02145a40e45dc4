using System.Text.RegularExpressions;

namespace NotebookSite;

/// <summary>
/// The exercise protocol as text, shared by the site (which folds answers behind "Show the solution") and the student
/// edition (NotebookRunner, which takes them out), so the two can never disagree about where an answer is.
/// A code cell holds its answer between a line <c>// BEGIN SOLUTION</c> and a line <c>// END SOLUTION</c>; a check
/// prints a verdict labelled <c>Solved</c>, <c>Not solved yet</c> or <c>Incorrect</c>. Cell tags (<c>exercise</c>,
/// <c>solution</c>) are metadata, read by each side from its own notebook model.
/// </summary>
public static partial class ExerciseMarkup
{
    /// <summary>The metadata tag of an answer cell.</summary>
    public const string SolutionTag = "solution";

    /// <summary>The metadata tag of an exercise statement.</summary>
    public const string ExerciseTag = "exercise";

    /// <summary>The line that opens a solution region (compared after trimming).</summary>
    public const string Begin = "// BEGIN SOLUTION";

    /// <summary>The line that closes a solution region.</summary>
    public const string End = "// END SOLUTION";

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

    /// <summary>Whether a line is the marker (<see cref="Begin"/> or <see cref="End"/>), whatever its indentation.</summary>
    /// <param name="line">A source line.</param>
    /// <param name="marker">The marker.</param>
    /// <returns>True when the trimmed line is the marker.</returns>
    public static bool IsMarker(string line, string marker) =>
        string.Equals(line?.Trim(), marker, StringComparison.Ordinal);

    /// <summary>Whether a source holds any marker line: its cell is a check (or solution) cell.</summary>
    /// <param name="source">A code cell's source.</param>
    /// <returns>True when some line is <see cref="Begin"/> or <see cref="End"/>.</returns>
    public static bool HasMarkers(string source) =>
        Lines(source).Any(l => IsMarker(l, Begin) || IsMarker(l, End));

    /// <summary>
    /// A code cell's source cut at its markers: plain segments and solution segments alternate, starting and ending
    /// with a plain one (possibly empty). Marker lines belong to no segment; concatenating every segment's lines with
    /// the markers put back gives the source.
    /// </summary>
    /// <param name="source">The cell's source.</param>
    /// <returns>The segments, in order.</returns>
    /// <exception cref="FormatException">The markers are unbalanced or nested; the message says which.</exception>
    public static IReadOnlyList<SourceSegment> Segments(string source)
    {
        var segments = new List<SourceSegment>();
        var plain = new List<string>();
        List<string>? solution = null;
        string indent = "", lineEnd = "";
        foreach (var line in Lines(source))
        {
            if (IsMarker(line, Begin))
            {
                if (solution is not null)
                {
                    throw new FormatException($"'{Begin}' again before '{End}' (solution regions cannot nest).");
                }
                segments.Add(new SourceSegment(false, plain, "", ""));
                plain = [];
                solution = [];
                indent = line[..(line.Length - line.TrimStart().Length)];
                lineEnd = line.EndsWith('\n') ? "\n" : "";
            }
            else if (IsMarker(line, End))
            {
                if (solution is null)
                {
                    throw new FormatException($"'{End}' without an opening '{Begin}'.");
                }
                segments.Add(new SourceSegment(true, solution, indent, line.EndsWith('\n') ? "\n" : lineEnd));
                solution = null;
            }
            else
            {
                (solution ?? plain).Add(line);
            }
        }
        if (solution is not null)
        {
            throw new FormatException($"'{Begin}' is never closed by '{End}'.");
        }
        segments.Add(new SourceSegment(false, plain, "", ""));
        return segments;
    }

    /// <summary>
    /// The verdict labels a check's output shows: "Solved", "Not solved yet" or "Incorrect", each followed by a colon
    /// at a line's start (the plain text, <c>Solved: Exercise 1.1 ...</c>) or closing the bold label of the HTML box
    /// after its mark (<c>✔ Solved&lt;/strong&gt;</c>). A word inside a message ("incorrectly") is no label.
    /// </summary>
    /// <param name="text">Output text (plain or HTML).</param>
    /// <returns>The distinct labels found.</returns>
    public static IReadOnlySet<string> VerdictLabels(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return Label().Matches(text).Select(m => m.Groups["label"].Value).ToHashSet(StringComparer.Ordinal);
    }

    [GeneratedRegex(@"(?:^(?<label>Not solved yet|Incorrect|Solved):|(?<=[✔✘…] )(?<label>Not solved yet|Incorrect|Solved)</strong>)",
        RegexOptions.Multiline)]
    private static partial Regex Label();
}

/// <summary>A stretch of a code cell's source between markers.</summary>
/// <param name="IsSolution">Whether it lies between <c>// BEGIN SOLUTION</c> and <c>// END SOLUTION</c>.</param>
/// <param name="Lines">Its lines, each keeping its line break.</param>
/// <param name="Indent">For a solution: the indentation of its <c>BEGIN</c> line.</param>
/// <param name="LineEnd">For a solution: the line break its <c>END</c> line had ("" at the end of the source).</param>
public sealed record SourceSegment(bool IsSolution, IReadOnlyList<string> Lines, string Indent, string LineEnd)
{
    /// <summary>The segment's text.</summary>
    public string Text => string.Concat(Lines);
}
