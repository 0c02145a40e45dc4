namespace NotebookRunner.Editions;

/// <summary>
/// A notebook breaks the exercise protocol (a solution cell without markers, unbalanced markers, a library
/// reference outside the hand-out folder), so no student edition can be made from it. The message names the
/// notebook and the cell.
/// </summary>
public sealed class EditionException : Exception
{
    /// <summary>Creates the exception.</summary>
    public EditionException()
    {
    }

    /// <summary>Creates the exception with a message.</summary>
    /// <param name="message">What is wrong, naming the notebook and the cell.</param>
    public EditionException(string message) : base(message)
    {
    }

    /// <summary>Creates the exception with a message and a cause.</summary>
    /// <param name="message">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public EditionException(string message, Exception innerException) : base(message, innerException)
    {
    }

    /// <summary>Creates the exception for one cell: "notebook cell N: problem".</summary>
    /// <param name="notebook">The notebook's file name.</param>
    /// <param name="cellNumber">The cell's 1-based position among all cells.</param>
    /// <param name="problem">What is wrong.</param>
    /// <returns>The exception.</returns>
    public static EditionException InCell(string notebook, int cellNumber, string problem) =>
        new($"{notebook} cell {cellNumber}: {problem}");
}
