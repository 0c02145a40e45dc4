using System.Collections.Concurrent;

namespace NotebookRunner.Stages;

/// <summary>What the stages of one run share: the repository, the options, the log, the selected notebooks, the
/// teacher runs and their outcomes, and the stage results so far.</summary>
public sealed class RunContext
{
    private readonly Lock gate = new();
    private readonly TextWriter output;

    /// <summary>Starts a run.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="options">The parsed command line.</param>
    /// <param name="output">Where progress and results are written (one line per event).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    public RunContext(RepoLayout layout, RunnerOptions options, TextWriter output, CancellationToken cancellationToken)
    {
        Layout = layout ?? throw new ArgumentNullException(nameof(layout));
        Options = options ?? throw new ArgumentNullException(nameof(options));
        this.output = output ?? throw new ArgumentNullException(nameof(output));
        CancellationToken = cancellationToken;
        Executor = new Executor(layout);
    }

    /// <summary>The repository layout.</summary>
    public RepoLayout Layout { get; }

    /// <summary>The options.</summary>
    public RunnerOptions Options { get; }

    /// <summary>Stops the run.</summary>
    public CancellationToken CancellationToken { get; }

    /// <summary>Runs the child processes.</summary>
    public Executor Executor { get; }

    /// <summary>The artifacts folder (<c>artifacts/</c> unless configured): run times, report, student edition, site, lock.</summary>
    public string ArtifactsDirectory => Layout.ArtifactsDirectory;

    /// <summary>Whether this run executes notebooks (check, refresh, student without <c>--no-execute</c>).</summary>
    public bool Executes => Options.Command is RunnerCommand.Check or RunnerCommand.Refresh or RunnerCommand.Student && !Options.NoExecute;

    /// <summary>Whether this run checks or refreshes notebooks (and so regenerates and runs the translated editions too).</summary>
    public bool ChecksNotebooks => Options.Command is RunnerCommand.Check or RunnerCommand.Refresh;

    /// <summary>The notebooks this run selected (set by the prepare stage).</summary>
    public IReadOnlyList<string> Selected { get; set; } = [];

    /// <summary>The teacher notebooks' runs, as each finishes.</summary>
    public ConcurrentQueue<ExecutionResult> Runs { get; } = new();

    /// <summary>The teacher notebooks' outcomes (per-cell status), as each finishes.</summary>
    public ConcurrentQueue<NotebookOutcome> Notebooks { get; } = new();

    /// <summary>The student notebooks' outcomes, as each finishes.</summary>
    public ConcurrentQueue<NotebookOutcome> StudentNotebooks { get; } = new();

    /// <summary>The stages run so far.</summary>
    public List<StageResult> Stages { get; } = [];

    /// <summary>The run's lock on the clone (set by the prepare stage, released when the run ends).</summary>
    public RunLock? Lock { get; set; }

    /// <summary>Writes one line (or a block) to the log; safe from parallel notebook runs.</summary>
    /// <param name="text">The text.</param>
    public void Log(string text)
    {
        lock (gate)
        {
            output.WriteLine(text);
            output.Flush();
        }
    }
}
