using NotebookRunner;
using NotebookRunner.CommandLine;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>The runner under faults: a clear message and exit code, and a committed notebook that is never lost.</summary>
public class RunnerFaultTests
{
    private static NotebookFile OneCell() =>
        Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# T"), Ipynb.Code("1 + 1", Ipynb.Plain("2")));

    [Fact]
    public async Task A_file_in_place_of_the_executed_folder_fails_clearly_and_leaves_the_notebook_alone()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        var before = File.ReadAllText(path);
        File.WriteAllText(repo.Layout.ExecutedDirectory, "not a folder");
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("refresh", "--skip-prepare"));

        Assert.Equal(ExitCodes.Failure, code);
        Assert.Contains("cannot write the executed copies", log.ToString(), StringComparison.Ordinal);
        Assert.Contains(repo.Layout.ExecutedDirectory, log.ToString(), StringComparison.Ordinal);
        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_writable_folder_has_no_reason_and_leaves_no_probe_behind()
    {
        using var repo = new TemporaryRepository();
        Assert.Null(Runner.CannotWrite(repo.Layout.ExecutedDirectory));
        Assert.Empty(Directory.EnumerateFileSystemEntries(repo.Layout.ExecutedDirectory));
    }

    [Fact]
    public async Task A_filter_that_matches_no_notebook_is_bad_usage()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-t.ipynb", OneCell());
        var log = new StringWriter();

        var code = await new Runner(repo.Layout, log).RunAsync(RunnerCommandLine.Parse("--notebook", "99", "--skip-prepare"));

        Assert.Equal(ExitCodes.Usage, code);
        Assert.Contains("No notebook matches 99; there are: 01-t.ipynb", log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task An_empty_notebooks_folder_is_a_failure_not_a_usage_error()
    {
        using var repo = new TemporaryRepository();
        var code = await new Runner(repo.Layout, TextWriter.Null).RunAsync(RunnerCommandLine.Parse("--skip-prepare"));
        Assert.Equal(ExitCodes.Failure, code);
    }

    [Fact]
    public void A_refresh_whose_write_fails_keeps_the_committed_notebook_whole()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        var before = File.ReadAllText(path);
        Directory.CreateDirectory(path + ".refresh-tmp"); // the temporary file cannot be created

        var failure = Record.Exception(() => Runner.ReplaceAtomically(path, "{}"));

        Assert.True(failure is IOException or UnauthorizedAccessException, $"unexpected: {failure}");

        Assert.Equal(before, File.ReadAllText(path));
    }

    [Fact]
    public void A_refresh_replaces_the_content_and_leaves_no_temporary_file()
    {
        using var repo = new TemporaryRepository();
        var path = repo.Add("01-t.ipynb", OneCell());
        Runner.ReplaceAtomically(path, "new");
        Assert.Equal("new", File.ReadAllText(path));
        Assert.False(File.Exists(path + ".refresh-tmp"));
    }
}
