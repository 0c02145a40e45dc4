namespace NotebookRunner.Export;

/// <summary>A notebook that cannot be written as a file-based app; the message names the notebook and cell.</summary>
public sealed class AppExportException : Exception
{
    /// <summary>Creates the exception.</summary>
    public AppExportException()
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be exported, and where.</param>
    public AppExportException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception.</summary>
    /// <param name="message">What cannot be exported, and where.</param>
    /// <param name="inner">The cause.</param>
    public AppExportException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
