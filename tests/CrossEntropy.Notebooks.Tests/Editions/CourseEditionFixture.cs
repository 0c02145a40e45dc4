using System.Collections.Concurrent;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// Once per test run, for the course's own notebooks: the student-edition stage exactly as the main job runs it
/// (written to <c>artifacts/test-editions/student</c>, executed, checked), and a probe run of the teacher notebooks
/// (<see cref="AnswerProbe"/>) that records each check cell's answer values.
/// </summary>
public sealed class CourseEditionFixture : IAsyncLifetime
{
    public RepoLayout Layout { get; } = RepoLayout.Find(AppContext.BaseDirectory);

    private string Folder => Path.Combine(Layout.Root, "artifacts", "test-editions");

    public StudentEditionStage? Stage { get; private set; }

    public IReadOnlyList<ExecutionResult> StudentRuns { get; private set; } = [];

    public ConcurrentDictionary<string, ExecutionResult> ProbeRuns { get; } = new(StringComparer.Ordinal);

    public List<string> Report { get; } = [];

    public string ProbeFile(string notebook) => Path.Combine(Folder, "probe-values", notebook + ".tsv");

    public async Task InitializeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Path.Combine(Folder, "probe-values"));
        var executor = new Executor(Layout);
        await executor.PrepareAsync(TextWriter.Null);
        var names = Layout.NumberedNotebooks();

        Stage = new StudentEditionStage(executor, Path.Combine(Folder, "student"));
        // One kernel for the student runs and one for the probe runs: the notebook test classes run kernels of their own.
        var studentRuns = Stage.RunAsync(names, execute: true, parallel: 1, Executor.DefaultTimeout,
            line => { lock (Report) { Report.Add(line); } });

        var probe = new StudentEditionWriter(Layout.NotebooksDirectory, Path.Combine(Folder, "probe"),
            teacher => AnswerProbe.Instrument(teacher, ProbeFile(teacher.Name)));
        probe.Write(names, clean: true);
        using var slots = new SemaphoreSlim(1);
        await Task.WhenAll(names.Select(async name =>
        {
            await slots.WaitAsync();
            try
            {
                ProbeRuns[name] = await Executor.ExecuteInAsync(probe.NotebooksDirectory, name,
                    Path.Combine(Folder, "probe-executed", name));
            }
            finally
            {
                slots.Release();
            }
        }));
        StudentRuns = (await studentRuns).Runs;
    }

    public Task DisposeAsync() => Task.CompletedTask; // left in artifacts/ (git-ignored) for a look after a failure
}
