namespace NotebookRunner;

/// <summary>The runner's exit codes, as its help lists them (64 is BSD's <c>EX_USAGE</c>; 130 and 143 are 128 + the signal).</summary>
public static class ExitCodes
{
    /// <summary>Every selected notebook ran without error and matched (or was refreshed).</summary>
    public const int Success = 0;

    /// <summary>An error output, a difference, a failed stage, or a folder that cannot be written.</summary>
    public const int Failure = 1;

    /// <summary>Bad usage: an unknown option, a bad value, or a <c>--notebook</c> filter that matches nothing.</summary>
    public const int Usage = 64;

    /// <summary>Cancelled by Ctrl+C (SIGINT): the kernels were stopped.</summary>
    public const int Cancelled = 130;

    /// <summary>Terminated by SIGTERM: the kernels were stopped.</summary>
    public const int Terminated = 143;
}
