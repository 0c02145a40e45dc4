namespace NotebookRunner.Editions;

/// <summary>
/// Turns a teacher notebook (the committed one, answers included) into its student edition: every solution region
/// of every code cell replaced by <see cref="NotebookConventions.CodePlaceholder"/> (indented like its begin marker),
/// every markdown cell tagged <see cref="NotebookConventions.SolutionTag"/> replaced by
/// <see cref="NotebookConventions.MarkdownPlaceholder"/>, and every output cleared (the teacher's outputs hold the
/// answers; the stage fills in the student run's own outputs afterwards). Metadata, tags and all other cells stay as
/// they are.
/// </summary>
public static class StudentEdition
{
    /// <summary>Makes the student edition of one notebook; the input is not modified.</summary>
    /// <param name="teacher">The teacher notebook.</param>
    /// <param name="conventions">The tags, markers and placeholders; the course's when null.</param>
    /// <returns>The student notebook.</returns>
    /// <exception cref="EditionException">
    /// A code cell tagged solution has no solution region, or a cell's markers are unbalanced; the message
    /// names the notebook and the cell.
    /// </exception>
    public static NotebookFile Create(NotebookFile teacher, NotebookConventions? conventions = null)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        var c = conventions ?? NotebookConventions.Default;
        var student = teacher.Clone();
        var cells = student.Cells;
        foreach (var view in teacher.View().Cells)
        {
            var cell = cells[view.Number - 1];
            var tagged = view.HasTag(c.SolutionTag);
            if (view.IsCode)
            {
                var segments = Segments(view, teacher.Name, c);
                if (tagged && !segments.Any(s => s.IsSolution))
                {
                    throw EditionException.InCell(teacher.Name, view.Number,
                        $"the cell is tagged '{c.SolutionTag}' but has no '{c.BeginSolution}' ... " +
                        $"'{c.EndSolution}' region, so the student edition would show the answer.");
                }
                NotebookFile.SetSource(cell, string.Concat(segments.Select(s => s.IsSolution
                    ? s.Indent + c.CodePlaceholder + s.LineEnd
                    : s.Text)));
                NotebookFile.ClearOutputs(cell);
            }
            else if (tagged && view.Kind == CellKind.Markdown)
            {
                NotebookFile.SetSource(cell, c.MarkdownPlaceholder);
            }
        }
        return student;
    }

    private static IReadOnlyList<SourceSegment> Segments(Cell cell, string notebook, NotebookConventions conventions)
    {
        try
        {
            return SolutionRegions.Segments(cell, notebook, conventions);
        }
        catch (SolutionRegionException e)
        {
            throw new EditionException(e.Message, e);
        }
    }
}
