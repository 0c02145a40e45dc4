using System.Collections.Concurrent;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>One probe run of a teacher notebook: the execution, and the file of answer values it wrote.</summary>
/// <param name="Execution">The run (its errors, its executed copy).</param>
/// <param name="ProbeFile">The "cell TAB JSON" lines <see cref="AnswerProbe"/> wrote; absent when the notebook has no check.</param>
public sealed record ProbeRun(ExecutionResult Execution, string ProbeFile);

/// <summary>
/// The probe runs of the teacher notebooks (<see cref="AnswerProbe"/>), made on first demand, one notebook at a time,
/// and shared by every test class in the run: a test filtered to one notebook runs only that notebook's probe.
/// Written under <c>artifacts/test-probe/</c> and left there for a look after a failure.
/// </summary>
public static class AnswerProbeRuns
{
    private static readonly RepoLayout Layout = RepoLayout.Find(AppContext.BaseDirectory);
    private static readonly ConcurrentDictionary<string, Lazy<Task<ProbeRun>>> Runs = new(StringComparer.Ordinal);
    private static readonly SemaphoreSlim OneAtATime = new(1);
    private static readonly Lazy<Task> Prepared = new(PrepareAsync);

    private static string Folder => Path.Combine(Layout.Root, "artifacts", "test-probe");

    /// <summary>The probe run of one notebook (by file name), started on first request.</summary>
    public static Task<ProbeRun> Of(string notebook) =>
        Runs.GetOrAdd(notebook, name => new Lazy<Task<ProbeRun>>(() => RunAsync(name))).Value;

    /// <summary>Restores the tools and builds the library once per test run, for the probes and for whoever else asks.</summary>
    public static Task PrepareOnce() => Prepared.Value;

    private static async Task PrepareAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(Folder, "values"));
        await new Executor(Layout).PrepareAsync(TextWriter.Null);
        // Every notebook at once, each instrumented: a notebook may read its neighbours (notebook 6 reads the course's prose).
        new StudentEditionWriter(Layout.NotebooksDirectory, Path.Combine(Folder, "probe"),
            teacher => AnswerProbe.Instrument(teacher, ProbeFile(teacher.Name))).Write(Layout.NumberedNotebooks(), clean: true);
    }

    private static string ProbeFile(string notebook) => Path.Combine(Folder, "values", notebook + ".tsv");

    private static async Task<ProbeRun> RunAsync(string notebook)
    {
        await Prepared.Value;
        await OneAtATime.WaitAsync(); // one kernel for the probes: the notebook test classes run kernels of their own
        try
        {
            var execution = await Executor.ExecuteInAsync(Path.Combine(Folder, "probe", "notebooks"), notebook,
                Path.Combine(Folder, "executed", notebook));
            return new ProbeRun(execution, ProbeFile(notebook));
        }
        finally
        {
            OneAtATime.Release();
        }
    }
}
