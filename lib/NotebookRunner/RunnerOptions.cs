namespace NotebookRunner;

/// <summary>What the runner does after executing the notebooks.</summary>
public enum RunMode
{
    /// <summary>Compare outputs with the committed notebooks (the default, what CI runs).</summary>
    Check,

    /// <summary>Copy outputs and execution counts into the committed notebooks.</summary>
    Refresh,
}

/// <summary>The subcommand: which stages run (see <see cref="Runner"/>).</summary>
public enum RunnerCommand
{
    /// <summary>Prepare, execute, check, record run times, student edition, site, kernel-free export (the default).</summary>
    Check,

    /// <summary>As <see cref="Check"/>, but copy the new outputs into the committed notebooks instead of comparing.</summary>
    Refresh,

    /// <summary>Prepare, then write, execute and check the student edition only.</summary>
    Student,

    /// <summary>Render the committed notebooks into the site; execute nothing.</summary>
    Site,

    /// <summary>Write the kernel-free edition (notebooks/apps/); execute nothing.</summary>
    Export,
}

/// <summary>The parsed command line (CommandLine/RunnerCommandLine.cs builds it): the command and its settings.</summary>
public sealed record RunnerOptions
{
    /// <summary>The subcommand.</summary>
    public RunnerCommand Command { get; init; } = RunnerCommand.Check;

    /// <summary>Check (default) or refresh.</summary>
    public RunMode Mode => Command == RunnerCommand.Refresh ? RunMode.Refresh : RunMode.Check;

    /// <summary>Use existing executed copies instead of running the notebooks.</summary>
    public bool NoExecute { get; init; }

    /// <summary>Skip tool restore and the Release build.</summary>
    public bool SkipPrepare { get; init; }

    /// <summary>Notebook filters (empty: all numbered notebooks).</summary>
    public IReadOnlyList<string> Notebooks { get; init; } = [];

    /// <summary>How many notebooks run at once.</summary>
    public int Parallel { get; init; } = 2;

    /// <summary>The per-notebook time limit.</summary>
    public TimeSpan Timeout { get; init; } = Executor.DefaultTimeout;

    /// <summary>The per-cell time limit; null for none (the per-notebook limit still holds).</summary>
    public TimeSpan? CellTimeout { get; init; }

    /// <summary>Skip rendering the site.</summary>
    public bool NoSite { get; init; }

    /// <summary>Skip the student edition (for a quick check of one notebook while writing it).</summary>
    public bool NoStudent { get; init; }

    /// <summary>Skip writing the kernel-free edition.</summary>
    public bool NoExport { get; init; }

    /// <summary>The repository to work on and the configuration keys the command line overrides.</summary>
    public Configuration.RepositoryOptions Repository { get; init; } = new();

    /// <summary>Whether a notebook file name passes the <c>--notebook</c> filters.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>True when there is no filter or one matches.</returns>
    public bool Selects(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return Notebooks.Count == 0 || Notebooks.Any(f =>
            string.Equals(fileName, f, StringComparison.OrdinalIgnoreCase)
            || string.Equals(Path.GetFileNameWithoutExtension(fileName), f, StringComparison.OrdinalIgnoreCase)
            || fileName.StartsWith(f + "-", StringComparison.OrdinalIgnoreCase));
    }
}
