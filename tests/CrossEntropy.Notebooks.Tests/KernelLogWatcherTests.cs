using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>The log follower counts code cells only: dotnet-repl also submits a markdown cell that names the markdown
/// kernel, and counting it would name the wrong cell as hung (and re-run the hung one).</summary>
public class KernelLogWatcherTests
{
    private static string Started(string code, string token, string kernel) =>
        $"2026-12-07T06:43:32Z [00-x] [KernelInvocationContext] [KernelInvocationContext]  ▶  +[ ⁞Ϲ⁞ SubmitCode {code} (Token: {token}, TargetKernelName: {kernel}, OriginUri: , DestinationUri: )";

    private static string Ended(string token) =>
        $"2026-12-07T06:43:33Z [00-x] ℹ ⁞Ε⁞ CommandSucceeded  (Command: SubmitCode, CommandToken: {token})";

    [Fact]
    public void A_markdown_submission_is_not_a_code_cell()
    {
        var watcher = new KernelLogWatcher(Path.GetTempPath());
        var now = DateTimeOffset.UnixEpoch;
        watcher.Read(Started("# Hangs", "md==", "markdown"), now);
        Assert.Equal(0, watcher.Started);
        Assert.Null(watcher.Running);
        watcher.Read(Ended("md=="), now);
        watcher.Read(Started("Console.WriteLine(\"before\");", "one==", "csharp"), now);
        Assert.Equal(1, watcher.Running);
        watcher.Read(Ended("one=="), now);
        Assert.Null(watcher.Running);
        watcher.Read(Started("System.Threading.Thread.Sleep(600_000);", "two==", "csharp"), now);
        Assert.Equal(2, watcher.Running);
    }
}
