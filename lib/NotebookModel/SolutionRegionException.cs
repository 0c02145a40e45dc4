namespace NotebookModel;

/// <summary>
/// A code cell's solution markers do not pair up (unclosed, unopened or nested). When the cell is known the message
/// reads "<c>notebook cell N: problem</c>".
/// </summary>
public sealed class SolutionRegionException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public SolutionRegionException() : this("The solution markers do not pair up.")
    {
    }

    /// <summary>Creates the exception for a source whose cell is not known.</summary>
    /// <param name="problem">What is wrong.</param>
    public SolutionRegionException(string problem) : base(problem) => Problem = problem;

    /// <summary>Creates the exception with a cause.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="innerException">The cause.</param>
    public SolutionRegionException(string problem, Exception innerException) : base(problem, innerException) => Problem = problem;

    /// <summary>Creates the exception for one cell of a notebook.</summary>
    /// <param name="problem">What is wrong.</param>
    /// <param name="notebook">The notebook's file name.</param>
    /// <param name="cellNumber">The cell's 1-based position among all cells.</param>
    public SolutionRegionException(string problem, string notebook, int cellNumber)
        : base($"{notebook} cell {cellNumber}: {problem}")
    {
        Problem = problem;
        Notebook = notebook;
        CellNumber = cellNumber;
    }

    /// <summary>What is wrong, without the location.</summary>
    public string Problem { get; }

    /// <summary>The notebook's file name, when known.</summary>
    public string? Notebook { get; }

    /// <summary>The cell's 1-based position, when known.</summary>
    public int? CellNumber { get; }
}
