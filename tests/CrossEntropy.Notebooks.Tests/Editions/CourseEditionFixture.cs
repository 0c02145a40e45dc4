using System.Collections.Concurrent;
using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>
/// Once per test run, for the course's own notebooks: the student-edition stage of every edition exactly as the main
/// job runs it (written to <c>artifacts/test-editions/student</c> and <c>student-zh-CN</c>, executed, checked), and the
/// probe runs of the English teacher notebooks
/// (<see cref="AnswerProbeRuns"/>, shared with the page leak test) that record each check cell's answer values.
/// </summary>
public sealed class CourseEditionFixture : IAsyncLifetime
{
    public RepoLayout Layout { get; } = RepoLayout.Find(AppContext.BaseDirectory);

    private string Folder => Path.Combine(Layout.Root, "artifacts", "test-editions");

    /// <summary>The stage of each edition, by language tag ("" for English).</summary>
    public Dictionary<string, StudentEditionStage> Stages { get; } = new(StringComparer.Ordinal);

    /// <summary>The stage that wrote a notebook's hand-out.</summary>
    public StudentEditionStage StageOf(string notebook) => Stages[StudentEditionStage.EditionOf(notebook) ?? ""];

    public IReadOnlyList<ExecutionResult> StudentRuns { get; private set; } = [];

    public ConcurrentDictionary<string, ExecutionResult> ProbeRuns { get; } = new(StringComparer.Ordinal);

    public List<string> Report { get; } = [];

    public string ProbeFile(string notebook) => probeFiles[notebook];

    private readonly ConcurrentDictionary<string, string> probeFiles = new(StringComparer.Ordinal);

    public async Task InitializeAsync()
    {
        if (Directory.Exists(Folder))
        {
            Directory.Delete(Folder, recursive: true);
        }
        Directory.CreateDirectory(Folder);
        var executor = new Executor(Layout);
        await AnswerProbeRuns.PrepareOnce(); // the same build the probes need, made once
        var names = Layout.NumberedNotebooks();

        // One kernel for the student runs (each edition in turn) and one for the probe runs (AnswerProbeRuns runs one at a time).
        async Task<IReadOnlyList<ExecutionResult>> StudentRunsAsync()
        {
            var runs = new List<ExecutionResult>();
            foreach (var language in StudentEditionStage.Editions(Layout))
            {
                var stage = new StudentEditionStage(executor, Path.Combine(Folder, language is null ? "student" : "student-" + language), null, language);
                Stages[language ?? ""] = stage;
                runs.AddRange((await stage.RunAsync(CourseHandouts.Of(language), execute: true, parallel: 1, Executor.DefaultTimeout,
                    line => { lock (Report) { Report.Add(line); } })).Runs);
            }
            return runs;
        }
        var studentRuns = StudentRunsAsync();

        foreach (var name in names)
        {
            var run = await AnswerProbeRuns.Of(name);
            ProbeRuns[name] = run.Execution;
            probeFiles[name] = run.ProbeFile;
        }
        StudentRuns = await studentRuns;
    }

    public Task DisposeAsync() => Task.CompletedTask; // left in artifacts/ (git-ignored) for a look after a failure
}
