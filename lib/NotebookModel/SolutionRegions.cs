namespace NotebookModel;

/// <summary>
/// Solution regions: in a code cell, the lines strictly between a line <see cref="NotebookConventions.BeginSolution"/>
/// and a line <see cref="NotebookConventions.EndSolution"/> (each compared after trimming, so indentation is free).
/// The site folds them, the student edition replaces them; both cut the source here, so they cannot disagree.
/// </summary>
public static class SolutionRegions
{
    /// <summary>Splits a text into lines, each keeping its line break (the last may have none).</summary>
    /// <param name="source">The text.</param>
    /// <returns>The lines; none for an empty text.</returns>
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

    /// <summary>Whether a line is the marker, whatever its indentation.</summary>
    /// <param name="line">A source line.</param>
    /// <param name="marker">The marker.</param>
    /// <returns>True when the trimmed line is the marker.</returns>
    public static bool IsMarker(string line, string marker) =>
        string.Equals(line?.Trim(), marker, StringComparison.Ordinal);

    /// <summary>Whether a source holds any marker line: its cell is a check (or solution) cell.</summary>
    /// <param name="source">A code cell's source.</param>
    /// <param name="conventions">The markers; <see cref="NotebookConventions.Default"/> when null.</param>
    /// <returns>True when some line is a begin or end marker.</returns>
    public static bool HasMarkers(string source, NotebookConventions? conventions = null)
    {
        var c = conventions ?? NotebookConventions.Default;
        return Lines(source).Any(l => IsMarker(l, c.BeginSolution) || IsMarker(l, c.EndSolution));
    }

    /// <summary>
    /// A code cell's source cut at its markers: plain segments and solution segments alternate, starting and ending
    /// with a plain one (possibly empty). Marker lines belong to no segment.
    /// </summary>
    /// <param name="cell">A code cell.</param>
    /// <param name="notebook">The notebook's file name, for the message of a malformed cell.</param>
    /// <param name="conventions">The markers; <see cref="NotebookConventions.Default"/> when null.</param>
    /// <returns>The segments, in order.</returns>
    /// <exception cref="SolutionRegionException">The markers are unbalanced or nested; the message names the notebook and the cell.</exception>
    public static IReadOnlyList<SourceSegment> Segments(Cell cell, string notebook, NotebookConventions? conventions = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        try
        {
            return Segments(cell.Source, conventions);
        }
        catch (SolutionRegionException e)
        {
            throw new SolutionRegionException(e.Problem, notebook, cell.Number);
        }
    }

    /// <summary>
    /// A source cut at its markers: plain segments and solution segments alternate, starting and ending with a plain
    /// one (possibly empty). Marker lines belong to no segment; concatenating the segments with the markers put back
    /// gives the source.
    /// </summary>
    /// <param name="source">A code cell's source.</param>
    /// <param name="conventions">The markers; <see cref="NotebookConventions.Default"/> when null.</param>
    /// <returns>The segments, in order.</returns>
    /// <exception cref="SolutionRegionException">The markers are unbalanced or nested; the message says which.</exception>
    public static IReadOnlyList<SourceSegment> Segments(string source, NotebookConventions? conventions = null)
    {
        var (begin, end) = conventions is { } c ? (c.BeginSolution, c.EndSolution)
            : (NotebookConventions.Default.BeginSolution, NotebookConventions.Default.EndSolution);
        var segments = new List<SourceSegment>();
        var plain = new List<string>();
        List<string>? solution = null;
        string indent = "", lineEnd = "";
        foreach (var line in Lines(source))
        {
            if (IsMarker(line, begin))
            {
                if (solution is not null)
                {
                    throw new SolutionRegionException($"'{begin}' again before '{end}' (solution regions cannot nest).");
                }
                segments.Add(new SourceSegment(false, plain, "", ""));
                plain = [];
                solution = [];
                indent = line[..(line.Length - line.TrimStart().Length)];
                lineEnd = line.EndsWith('\n') ? "\n" : "";
            }
            else if (IsMarker(line, end))
            {
                if (solution is null)
                {
                    throw new SolutionRegionException($"'{end}' without an opening '{begin}'.");
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
            throw new SolutionRegionException($"'{begin}' is never closed by '{end}'.");
        }
        segments.Add(new SourceSegment(false, plain, "", ""));
        return segments;
    }

    /// <summary>The text of each solution region of a source, in order (none when it has no markers).</summary>
    /// <param name="cell">A code cell.</param>
    /// <param name="notebook">The notebook's file name, for messages.</param>
    /// <param name="conventions">The markers; <see cref="NotebookConventions.Default"/> when null.</param>
    /// <returns>The regions' text.</returns>
    /// <exception cref="SolutionRegionException">The markers are unbalanced or nested.</exception>
    public static IReadOnlyList<string> Regions(Cell cell, string notebook, NotebookConventions? conventions = null) =>
        Segments(cell, notebook, conventions).Where(s => s.IsSolution).Select(s => s.Text).ToArray();
}

/// <summary>A stretch of a code cell's source between markers.</summary>
/// <param name="IsSolution">Whether it lies between a begin and an end marker.</param>
/// <param name="Lines">Its lines, each keeping its line break.</param>
/// <param name="Indent">For a solution: the indentation of its begin line.</param>
/// <param name="LineEnd">For a solution: the line break its end line had ("" at the end of the source).</param>
public sealed record SourceSegment(bool IsSolution, IReadOnlyList<string> Lines, string Indent, string LineEnd)
{
    /// <summary>The segment's text.</summary>
    public string Text => string.Concat(Lines);
}
