namespace NotebookRunner;

/// <summary>The committed notebook and its executed copy do not have the same cells (count, kinds or sources).</summary>
public sealed class NotebookMismatchException : Exception
{
    /// <summary>Creates the exception.</summary>
    public NotebookMismatchException() { }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What does not line up.</param>
    public NotebookMismatchException(string message) : base(message) { }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What does not line up.</param>
    /// <param name="inner">The cause.</param>
    public NotebookMismatchException(string message, Exception inner) : base(message, inner) { }

    /// <summary>
    /// Throws unless both notebooks have the same number of cells and, cell by cell, the same kind and
    /// source (line endings aside): outputs may only be compared or copied between matching cells.
    /// </summary>
    /// <param name="committed">The committed notebook.</param>
    /// <param name="executed">The executed copy.</param>
    /// <exception cref="NotebookMismatchException">The cells do not line up.</exception>
    public static void ThrowIfCellsDiffer(NotebookFile committed, NotebookFile executed)
    {
        ArgumentNullException.ThrowIfNull(committed);
        ArgumentNullException.ThrowIfNull(executed);
        var a = committed.View().Cells;
        var b = executed.View().Cells;
        if (a.Count != b.Count)
        {
            throw new NotebookMismatchException(
                $"{committed.Name}: the committed notebook has {a.Count} cells but the executed copy has {b.Count}.");
        }
        for (var i = 0; i < a.Count; i++)
        {
            var (typeA, typeB) = (a[i].Kind.ToString().ToLowerInvariant(), b[i].Kind.ToString().ToLowerInvariant());
            if (typeA != typeB)
            {
                throw new NotebookMismatchException(
                    $"{committed.Name}: cell {i + 1} is {typeA} in the committed notebook but {typeB} in the executed copy.");
            }
            var (srcA, srcB) = (Lf(a[i].Source), Lf(b[i].Source));
            if (srcA != srcB)
            {
                throw new NotebookMismatchException(
                    $"{committed.Name}: cell {i + 1} has a different source in the executed copy " +
                    $"(committed starts \"{Head(srcA)}\", executed starts \"{Head(srcB)}\"); re-run the notebook.");
            }
        }
    }

    private static string Lf(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static string Head(string s) => (s.Length > 40 ? s[..40] + "…" : s).Replace("\n", "\\n", StringComparison.Ordinal);
}
