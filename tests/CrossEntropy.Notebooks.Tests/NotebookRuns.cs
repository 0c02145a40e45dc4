using System.Collections.Concurrent;
using System.Globalization;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// Executes each numbered notebook at most once per test run, only when a selected test asks for it, after one
/// shared preparation (tool restore + Release build of CrossEntropy.Interactive). Shared by the per-notebook test
/// classes, which xunit runs in parallel; <see cref="Parallelism"/> caps how many kernels run at once.
/// </summary>
internal static class NotebookRuns
{
    /// <summary>
    /// Notebooks run at once. On the 2-core machine two at a time was measured faster than one (kernel start,
    /// JIT and package restore overlap) and stable; set NOTEBOOK_TEST_PARALLELISM to change it.
    /// </summary>
    public static readonly int Parallelism =
        int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOK_TEST_PARALLELISM"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 2;

    public static RepoLayout Layout { get; } = RepoLayout.Find(AppContext.BaseDirectory);

    public static Executor Executor { get; } = new(Layout);

    private static readonly ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>> Results = new(StringComparer.Ordinal);
    /// <summary>The heavy child processes of the whole test run (kernels, and the kernel-free apps' builds) take a slot.</summary>
    internal static readonly SemaphoreSlim Slots = new(Parallelism);

    // Cancelled when the test host exits, so that no kernel (dotnet-repl and its children) outlives the test run:
    // the executor kills a cancelled child's whole process tree.
    private static readonly CancellationTokenSource Shutdown = CreateShutdown();

    private static readonly Lazy<Task> Prepared = new(() => Executor.PrepareAsync(TextWriter.Null, Shutdown.Token));

    /// <summary>The executed result of one notebook, running it on first call.</summary>
    public static Task<ExecutionResult> ResultFor(string fileName) =>
        Results.GetOrAdd(fileName, name => new Lazy<Task<ExecutionResult>>(() => RunAsync(name))).Value;

    private static async Task<ExecutionResult> RunAsync(string fileName)
    {
        await Prepared.Value.ConfigureAwait(false);
        await Slots.WaitAsync(Shutdown.Token).ConfigureAwait(false);
        try
        {
            return await Executor.ExecuteAsync(fileName, cancellationToken: Shutdown.Token).ConfigureAwait(false);
        }
        finally
        {
            Slots.Release();
        }
    }

    private static CancellationTokenSource CreateShutdown()
    {
        var source = new CancellationTokenSource();
        AppDomain.CurrentDomain.ProcessExit += (_, _) =>
        {
            source.Cancel();
            // The kill happens in each run's continuation: wait for them, or the host may exit first.
            var running = Results.Values.Where(r => r.IsValueCreated).Select(r => (Task)r.Value).ToArray();
            try
            {
                Task.WaitAll(running, TimeSpan.FromSeconds(30));
            }
            catch (AggregateException)
            {
                // Cancelled or failed runs: their processes are gone, which is all that matters here.
            }
        };
        return source;
    }
}
