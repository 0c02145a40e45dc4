using System.Text.Json.Nodes;

namespace NotebookRunner.Editions;

/// <summary>
/// Turns a teacher notebook (the committed one, answers included) into its student edition: every solution region
/// of every code cell replaced by <see cref="SolutionMarkers.CodePlaceholder"/>, every markdown cell tagged
/// <c>solution</c> replaced by <see cref="SolutionMarkers.MarkdownPlaceholder"/>, and every output cleared (the
/// teacher's outputs hold the answers; the stage fills in the student run's own outputs afterwards).
/// Metadata, tags and all other cells stay as they are.
/// </summary>
public static class StudentEdition
{
    /// <summary>Makes the student edition of one notebook; the input is not modified.</summary>
    /// <param name="teacher">The teacher notebook.</param>
    /// <returns>The student notebook.</returns>
    /// <exception cref="EditionException">
    /// A code cell tagged <c>solution</c> has no solution region, or a cell's markers are unbalanced; the message
    /// names the notebook and the cell.
    /// </exception>
    public static NotebookFile Create(NotebookFile teacher)
    {
        ArgumentNullException.ThrowIfNull(teacher);
        var student = teacher.Clone();
        var number = 0;
        foreach (var cell in student.Cells)
        {
            number++;
            var tagged = SolutionMarkers.HasTag(cell, SolutionMarkers.SolutionTag);
            if (NotebookFile.IsCode(cell))
            {
                var source = NotebookFile.Source(cell);
                if (tagged && SolutionMarkers.Regions(source, teacher.Name, number).Count == 0)
                {
                    throw EditionException.InCell(teacher.Name, number,
                        $"the cell is tagged '{SolutionMarkers.SolutionTag}' but has no '{SolutionMarkers.Begin}' ... " +
                        $"'{SolutionMarkers.End}' region, so the student edition would show the answer.");
                }
                SetSource(cell, SolutionMarkers.Strip(source, teacher.Name, number));
                cell["outputs"] = new JsonArray();
                cell["execution_count"] = null;
            }
            else if (tagged && (string?)cell["cell_type"] == "markdown")
            {
                SetSource(cell, SolutionMarkers.MarkdownPlaceholder);
            }
        }
        return student;
    }

    /// <summary>Writes a source back as ipynb does: an array of lines, each but the last ending in a line break.</summary>
    private static void SetSource(JsonObject cell, string source) =>
        cell["source"] = new JsonArray(SolutionMarkers.Lines(source).Select(l => (JsonNode?)JsonValue.Create(l)).ToArray());
}
