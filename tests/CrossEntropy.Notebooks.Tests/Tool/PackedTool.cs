using System.Diagnostics;
using System.Text;
using NotebookRunner;

namespace CrossEntropy.Notebooks.Tests.Tool;

/// <summary>
/// The runner packed as a dotnet tool (<c>dotnet pack lib/NotebookRunner</c>) and installed from that local folder
/// into a temporary tool path, as another repository would install it, with no other package source.
/// </summary>
public sealed class PackedTool : IAsyncLifetime
{
    /// <summary>The tool's package id and command, as lib/NotebookRunner/NotebookRunner.csproj declares them.</summary>
    public const string PackageId = "PolyglotBook";

    /// <inheritdoc cref="PackageId"/>
    public const string Command = "polyglot-book";

    /// <summary>The temporary folder holding the package, NuGet's packages, the tool path and the repository copies.</summary>
    public string Folder { get; } = Directory.CreateTempSubdirectory("packed-tool-").FullName;

    /// <summary>The folder the package was packed into.</summary>
    public string PackageFolder => Path.Combine(Folder, "package");

    /// <summary>The tool path the tool is installed into.</summary>
    public string ToolPath => Path.Combine(Folder, "tools");

    /// <summary>The installed command.</summary>
    public string Executable => Path.Combine(ToolPath, OperatingSystem.IsWindows() ? Command + ".exe" : Command);

    /// <summary>What packing and installing printed, for failure messages.</summary>
    public string Log { get; private set; } = "";

    /// <summary>How long packing and installing took.</summary>
    public TimeSpan SetUpTime { get; private set; }

    /// <summary>Packs and installs the tool.</summary>
    /// <returns>A task.</returns>
    public async Task InitializeAsync()
    {
        var clock = Stopwatch.StartNew();
        var root = NotebookRuns.Layout.Root;
        var pack = await Executor.RunAsync(root,
            ["pack", Path.Combine(root, "lib", "NotebookRunner"), "-c", "Release", "-o", PackageFolder, "--nologo", "-v", "quiet"],
            TimeSpan.FromMinutes(8));
        Log = "dotnet pack:\n" + pack.Output;
        Assert.True(pack.ExitCode == 0, Log);

        // The packed folder is the only source: nothing comes from a feed.
        var config = Path.Combine(Folder, "nuget.config");
        await File.WriteAllTextAsync(config, """
            <?xml version="1.0" encoding="utf-8"?>
            <configuration>
              <packageSources><clear /></packageSources>
            </configuration>
            """);
        var install = await Executor.RunAsync(Folder,
            ["tool", "install", "--tool-path", ToolPath, "--add-source", PackageFolder, "--configfile", config, PackageId],
            TimeSpan.FromMinutes(5));
        Log += "\ndotnet tool install:\n" + install.Output;
        Assert.True(install.ExitCode == 0, Log);
        SetUpTime = clock.Elapsed;
    }

    /// <summary>A fresh copy of a folder under <see cref="Folder"/>.</summary>
    /// <param name="source">The folder to copy (hidden folders such as .config/ included).</param>
    /// <returns>The copy's path.</returns>
    public string Copy(string source)
    {
        var target = Path.Combine(Folder, "repo-" + Guid.NewGuid().ToString("N")[..8]);
        foreach (var file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            var copy = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(copy)!);
            File.Copy(file, copy);
        }
        return target;
    }

    /// <summary>Runs the installed command in a folder, as a user would from a shell there.</summary>
    /// <param name="workingDirectory">The folder.</param>
    /// <param name="arguments">The arguments.</param>
    /// <returns>The exit code and what it printed (stdout, then stderr).</returns>
    public async Task<(int ExitCode, string Output)> RunAsync(string workingDirectory, params string[] arguments)
    {
        var start = new ProcessStartInfo(Executable)
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            StandardOutputEncoding = Encoding.UTF8,
            StandardErrorEncoding = Encoding.UTF8,
        };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }
        Executor.RemoveParentBuildVariables(start.Environment);
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var limit = new CancellationTokenSource(TimeSpan.FromMinutes(10));
        await process.WaitForExitAsync(limit.Token);
        return (process.ExitCode, await stdout + await stderr);
    }

    /// <summary>Deletes the temporary folder.</summary>
    /// <returns>A task.</returns>
    public Task DisposeAsync()
    {
        Directory.Delete(Folder, recursive: true);
        return Task.CompletedTask;
    }
}
