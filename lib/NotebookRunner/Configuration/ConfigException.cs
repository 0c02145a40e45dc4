namespace NotebookRunner.Configuration;

/// <summary>
/// A configuration file or option that cannot be used. The message is one line naming the file, the key and what is
/// wrong, e.g. <c>.config/notebooks.json: "build"[1] must be a string (a project path), not 3</c>.
/// </summary>
public sealed class ConfigException : Exception
{
    /// <summary>Creates the exception.</summary>
    public ConfigException()
    {
    }

    /// <summary>Creates the exception with its one-line message.</summary>
    /// <param name="message">The message.</param>
    public ConfigException(string message)
        : base(message)
    {
    }

    /// <summary>Creates the exception with its message and cause.</summary>
    /// <param name="message">The message.</param>
    /// <param name="innerException">The cause.</param>
    public ConfigException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}
