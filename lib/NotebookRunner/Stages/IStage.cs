namespace NotebookRunner.Stages;

/// <summary>One step of a run (prepare, execute, record run times, student edition, site, export) over the shared
/// <see cref="RunContext"/>. <see cref="Runner"/> composes them per command.</summary>
public interface IStage
{
    /// <summary>The stage's name, as <c>artifacts/report.json</c> lists it.</summary>
    string Name { get; }

    /// <summary>Whether a failure of this stage stops the run (later stages would only repeat its error).</summary>
    bool StopsRunOnFailure { get; }

    /// <summary>Runs the stage.</summary>
    /// <param name="context">The run.</param>
    /// <returns>The stage's outcome.</returns>
    /// <exception cref="OperationCanceledException">The run was cancelled (SIGINT, SIGTERM).</exception>
    Task<StageResult> RunAsync(RunContext context);
}
