namespace NotebookRunner.Translation;

/// <summary>
/// One way a translated notebook has fallen out of step with its English source, e.g.
/// <c>01-entropy.zh-CN: cell 7 (markdown): stale — the English changed since it was translated</c>.
/// </summary>
/// <param name="Notebook">The translated notebook's name without extension (<c>01-entropy.zh-CN</c>).</param>
/// <param name="Cell">The English cell's 1-based position; 0 when the finding concerns the whole notebook.</param>
/// <param name="CellType"><c>markdown</c> or <c>code</c>; empty for a whole-notebook finding.</param>
/// <param name="Problem">What is wrong and what to do.</param>
public sealed record DriftFinding(string Notebook, int Cell, string CellType, string Problem)
{
    /// <inheritdoc/>
    public override string ToString() =>
        Cell == 0 ? $"{Notebook}: {Problem}" : $"{Notebook}: cell {Cell} ({CellType}): {Problem}";
}
