namespace NotebookSite;

/// <summary>
/// Folds answers behind "Show the solution" (a closed <c>details</c> element), whatever the cells' tags say: a cell
/// tagged <c>solution</c> whole; in any other code cell, every region between the solution markers, every output of a
/// cell that has such a region (it was computed from the answer), and every output showing a check's verdict
/// (the notebook model's <see cref="SolutionRegions"/> and <see cref="CheckVerdict"/>). A reader sees the exercise and the code around the answer, and opens
/// the answer only by a click.
/// </summary>
public static class SolutionFolding
{
    /// <summary>The text of the control that opens a folded answer (in English; each edition's is its <see cref="SiteText.ShowSolution"/>).</summary>
    public static string Summary => SiteText.English.ShowSolution;

    /// <summary>Wraps HTML in a closed <c>details</c> element labelled <see cref="SiteText.ShowSolution"/>.</summary>
    /// <param name="html">The answer's HTML.</param>
    /// <param name="text">The page's frame words; English when null.</param>
    /// <returns>The folded HTML.</returns>
    public static string Fold(string html, SiteText? text = null) =>
        $"<details class=\"solution\"><summary>{System.Net.WebUtility.HtmlEncode((text ?? SiteText.English).ShowSolution)}</summary>\n{html}</details>\n";

    /// <summary>Whether an output shows a check's verdict (it carries the verdict as data, <see cref="CheckVerdict"/>).</summary>
    /// <param name="output">An output.</param>
    /// <returns>True for a verdict.</returns>
    public static bool IsVerdict(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        return output.Verdict is not null;
    }

    /// <summary>A code cell's HTML: its code, then its outputs, with the answers folded.</summary>
    /// <param name="cell">A code cell.</param>
    /// <param name="highlighter">The code highlighter.</param>
    /// <param name="foldAnswers">False when the whole cell is folded already (a cell tagged <c>solution</c>).</param>
    /// <param name="notebook">The notebook's file name, for the message of a malformed cell.</param>
    /// <param name="conventions">The solution markers; the course's when null.</param>
    /// <param name="text">The page's frame words (the folds' label, a chart's name); English when null.</param>
    /// <returns>The HTML.</returns>
    /// <exception cref="InvalidDataException">The cell's markers are unbalanced or nested; the message names the notebook and cell.</exception>
    public static string CodeCell(Cell cell, CSharpHighlighter highlighter, bool foldAnswers, string notebook,
        NotebookConventions? conventions = null, SiteText? text = null)
    {
        ArgumentNullException.ThrowIfNull(cell);
        ArgumentNullException.ThrowIfNull(highlighter);
        IReadOnlyList<SourceSegment> segments;
        try
        {
            segments = SolutionRegions.Segments(cell, notebook, conventions);
        }
        catch (SolutionRegionException e)
        {
            throw new InvalidDataException(e.Message, e);
        }
        var hasAnswer = segments.Any(s => s.IsSolution);
        var code = !foldAnswers || !hasAnswer
            ? highlighter.ToHtml(cell.Source, cell.Language)
            : string.Concat(segments
                .Where(s => s.IsSolution || s.Text.Trim().Length > 0)
                .Select(s => s.IsSolution
                    ? Fold(highlighter.ToHtml(s.Text, cell.Language), text)
                    : highlighter.ToHtml(s.Text, cell.Language)));
        if (cell.Outputs.Count == 0)
        {
            return code;
        }
        string outputs;
        if (foldAnswers && hasAnswer)
        {
            outputs = Fold(string.Concat(cell.Outputs.Select(o => OutputRenderer.ToHtml(o, text).Html)), text);
        }
        else
        {
            outputs = string.Concat(cell.Outputs.Select(o => foldAnswers && IsVerdict(o)
                ? Fold(OutputRenderer.ToHtml(o, text).Html, text)
                : OutputRenderer.ToHtml(o, text).Html));
        }
        return code + $"<div class=\"outputs\">\n{outputs}</div>\n";
    }
}
