namespace NotebookRunner.Stages;

/// <summary>How a stage ended.</summary>
public enum StageStatus
{
    /// <summary>It did its work without error.</summary>
    Passed,

    /// <summary>An error, a difference, or a step that could not be done.</summary>
    Failed,

    /// <summary>Bad usage (a <c>--notebook</c> that matches nothing): nothing else runs.</summary>
    Usage,

    /// <summary>Stopped by SIGINT or SIGTERM.</summary>
    Cancelled,
}

/// <summary>A stage's outcome.</summary>
/// <param name="Name">The stage.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Elapsed">Its wall-clock time.</param>
/// <param name="Summary">One line saying what it did or what went wrong.</param>
public sealed record StageResult(string Name, StageStatus Status, TimeSpan Elapsed, string Summary)
{
    /// <summary>The exit code this outcome calls for (see <see cref="ExitCodes"/>).</summary>
    public int ExitCode => Status switch
    {
        StageStatus.Passed => ExitCodes.Success,
        StageStatus.Usage => ExitCodes.Usage,
        StageStatus.Cancelled => ExitCodes.Cancelled,
        _ => ExitCodes.Failure,
    };
}
