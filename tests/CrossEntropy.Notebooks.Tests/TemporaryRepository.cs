using System.Diagnostics;
using NotebookRunner;
using NotebookRunner.Configuration;

namespace CrossEntropy.Notebooks.Tests;

/// <summary>
/// A throw-away repository layout in the temp folder (a configuration that selects notebooks/NN-*.ipynb, the tool
/// manifest, notebooks/) for runner tests that must not touch the real notebooks. Deleted on dispose.
/// </summary>
internal sealed class TemporaryRepository : IDisposable
{
    public TemporaryRepository()
    {
        Root = Directory.CreateTempSubdirectory("runner-test-").FullName;
        var manifest = Path.Combine(NotebookRuns.Layout.Root, ".config", "dotnet-tools.json");
        Directory.CreateDirectory(Path.Combine(Root, ".config"));
        File.Copy(manifest, Path.Combine(Root, ".config", "dotnet-tools.json"));
        File.WriteAllText(Path.Combine(Root, NotebookConfig.RelativePath), """{ "notebooks": "notebooks/[0-9][0-9]-*.ipynb" }""");
        Layout = new RepoLayout(Root);
        Directory.CreateDirectory(Layout.NotebooksDirectory);
    }

    public string Root { get; }

    public RepoLayout Layout { get; }

    /// <summary>Saves a notebook under notebooks/ and returns its path.</summary>
    public string Add(string fileName, NotebookFile notebook)
    {
        var path = Layout.CommittedPath(fileName);
        notebook.Save(path);
        return path;
    }

    /// <summary>Restores the pinned tools (dotnet-repl) for this folder, from the local package cache.</summary>
    public async Task RestoreToolsAsync()
    {
        var restore = await Executor.RunAsync(Root, ["tool", "restore"], TimeSpan.FromMinutes(5));
        Assert.True(restore.ExitCode == 0, restore.Output);
    }

    /// <summary>How to start the built runner (NotebookRunner.dll beside the tests) in this folder as a child process,
    /// with its output redirected; the caller adds environment variables and starts it.</summary>
    public ProcessStartInfo RunnerStartInfo(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            WorkingDirectory = Root,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "NotebookRunner.dll"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }
        Executor.RemoveParentBuildVariables(start.Environment);
        return start;
    }

    public void Dispose() => Directory.Delete(Root, recursive: true);
}
