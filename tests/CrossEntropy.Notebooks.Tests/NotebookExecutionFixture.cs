using System.Collections.Concurrent;
using System.Globalization;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// Prepares once per test run (tool restore + Release build of CrossEntropy.Interactive) and executes each
/// numbered notebook at most once, shared by every test that looks at its outputs. All notebooks are started
/// on first use, <see cref="Parallelism"/> at a time, so the tests mostly wait on work already under way.
/// </summary>
public sealed class NotebookExecutionFixture : IDisposable
{
    /// <summary>
    /// Notebooks run at once. On the 2-core machine two at a time was measured faster than one (kernel start,
    /// JIT and package restore overlap) and stable; set NOTEBOOK_TEST_PARALLELISM to change it.
    /// </summary>
    public static readonly int Parallelism =
        int.TryParse(Environment.GetEnvironmentVariable("NOTEBOOK_TEST_PARALLELISM"), NumberStyles.None, CultureInfo.InvariantCulture, out var n) && n > 0
            ? n
            : 2;

    private readonly ConcurrentDictionary<string, Lazy<Task<ExecutionResult>>> results = new(StringComparer.Ordinal);
    private readonly Lazy<Task> prepared;
    private readonly SemaphoreSlim slots = new(Parallelism);
    private int started;

    public NotebookExecutionFixture()
    {
        Layout = RepoLayout.Find(AppContext.BaseDirectory);
        Executor = new Executor(Layout);
        prepared = new Lazy<Task>(() => Executor.PrepareAsync(TextWriter.Null));
    }

    public RepoLayout Layout { get; }

    /// <summary>Releases the semaphore (xunit disposes class fixtures after the class's last test).</summary>
    public void Dispose() => slots.Dispose();

    public Executor Executor { get; }

    /// <summary>The executed result of one notebook (starting every notebook's run on first call).</summary>
    public Task<ExecutionResult> ResultFor(string fileName)
    {
        if (Interlocked.Exchange(ref started, 1) == 0)
        {
            foreach (var name in Layout.NumberedNotebooks())
            {
                _ = Entry(name).Value; // start them all now, so they overlap
            }
        }
        return Entry(fileName).Value;
    }

    private Lazy<Task<ExecutionResult>> Entry(string fileName) =>
        results.GetOrAdd(fileName, name => new Lazy<Task<ExecutionResult>>(() => RunAsync(name)));

    private async Task<ExecutionResult> RunAsync(string fileName)
    {
        await prepared.Value.ConfigureAwait(false);
        await slots.WaitAsync().ConfigureAwait(false);
        try
        {
            return await Executor.ExecuteAsync(fileName).ConfigureAwait(false);
        }
        finally
        {
            slots.Release();
        }
    }
}
