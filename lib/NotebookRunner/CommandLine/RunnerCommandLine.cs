using System.CommandLine;
using System.Globalization;

namespace NotebookRunner.CommandLine;

/// <summary>
/// The runner's command line, defined once with System.CommandLine: every option, the subcommands that take it, and
/// how a parse becomes <see cref="RunnerOptions"/>. Help and usage errors are generated from these definitions. To add
/// an option: declare it here, add it to the commands that use it, and read it in <see cref="Bind"/>.
/// </summary>
public sealed class RunnerCommandLine
{
    private readonly Dictionary<Command, RunnerCommand> commands = [];

    /// <summary><c>--notebook</c>: the notebooks to run.</summary>
    public Option<string[]> Notebook { get; } = new("--notebook", "-n")
    {
        Description = "Only this notebook: a file name, with or without .ipynb, or its number prefix (e.g. 01). May be given more than once.",
        HelpName = "NAME",
    };

    /// <summary><c>--parallel</c>.</summary>
    public Option<int> Parallel { get; } = new("--parallel", "-p")
    {
        Description = "Run up to N notebooks at once (two overlap kernel start-up on a 2-core machine; 1 gives the cleanest times).",
        HelpName = "N",
        DefaultValueFactory = _ => 2,
    };

    /// <summary><c>--timeout</c>.</summary>
    public Option<int> Timeout { get; } = new("--timeout")
    {
        Description = "Stop a notebook that runs longer than this many seconds.",
        HelpName = "SECONDS",
        DefaultValueFactory = _ => (int)Executor.DefaultTimeout.TotalSeconds,
    };

    /// <summary><c>--cell-timeout</c>.</summary>
    public Option<int?> CellTimeout { get; } = new("--cell-timeout")
    {
        Description = "Stop a notebook when one cell runs longer than this many seconds; the report names that cell and keeps the outputs before it.",
        HelpName = "SECONDS",
    };

    /// <summary><c>--skip-prepare</c>.</summary>
    public Option<bool> SkipPrepare { get; } = new("--skip-prepare")
    {
        Description = "Skip `dotnet tool restore` and the Release build of the library (already done).",
    };

    /// <summary><c>--no-execute</c>.</summary>
    public Option<bool> NoExecute { get; } = new("--no-execute")
    {
        Description = "Execute nothing: check the existing executed copies (notebooks/executed/), or only write the student edition.",
    };

    /// <summary><c>--no-student</c>.</summary>
    public Option<bool> NoStudent { get; } = new("--no-student") { Description = "Skip the student edition (artifacts/student/ and each translated edition's artifacts/student-<language>/)." };

    /// <summary><c>--no-site</c>.</summary>
    public Option<bool> NoSite { get; } = new("--no-site") { Description = "Skip rendering the site (artifacts/site/)." };

    /// <summary><c>--no-export</c>.</summary>
    public Option<bool> NoExport { get; } = new("--no-export") { Description = "Skip writing the kernel-free edition (notebooks/apps/)." };

    /// <summary><c>--root</c>: the repository to work on.</summary>
    public Option<string?> RepositoryRoot { get; } = new("--root")
    {
        Description = "The repository root (default: the nearest folder at or above the current one holding .config/notebooks.json).",
        HelpName = "DIR",
    };

    /// <summary><c>--config</c>: the configuration file.</summary>
    public Option<string?> ConfigFile { get; } = new("--config")
    {
        Description = "The configuration file (default: .config/notebooks.json in the repository root; without one, every default).",
        HelpName = "FILE",
    };

    /// <summary><c>--notebooks</c>: overrides the configuration's notebook glob.</summary>
    public Option<string?> NotebookGlob { get; } = new("--notebooks")
    {
        Description = "Which files are the notebooks: a folder and a file-name pattern, e.g. 'notebooks/[0-9][0-9]-*.ipynb' (overrides \"notebooks\").",
        HelpName = "GLOB",
    };

    /// <summary><c>--executed</c>: overrides where executed copies go.</summary>
    public Option<string?> ExecutedDirectory { get; } = new("--executed")
    {
        Description = "Where the executed copies go, relative to the root (overrides \"executed\"; default: executed/ beside the notebooks).",
        HelpName = "DIR",
    };

    /// <summary><c>--artifacts</c>: overrides where artifacts go.</summary>
    public Option<string?> ArtifactsDirectory { get; } = new("--artifacts")
    {
        Description = "Where the site, the student edition, the run times and the report go, relative to the root (overrides \"artifacts\").",
        HelpName = "DIR",
    };

    /// <summary><c>--build</c>: replaces the projects built first.</summary>
    public Option<string[]> Build { get; } = new("--build")
    {
        Description = "A project to build in Release before executing, relative to the root; may be given more than once (replaces \"build\").",
        HelpName = "PROJECT",
    };

    /// <summary><c>--site-title</c>: overrides the site's title.</summary>
    public Option<string?> SiteTitle { get; } = new("--site-title")
    {
        Description = "The site's name, in every page's header and title (overrides \"site.title\").",
        HelpName = "TEXT",
    };

    /// <summary>The root command: <c>check</c>'s stages and options, and the subcommands.</summary>
    public RootCommand Root { get; }

    /// <summary>Builds the command tree; every command's action calls <paramref name="run"/> with the bound options.</summary>
    /// <param name="run">Runs the stages (see <see cref="Runner"/>) and returns an exit code.</param>
    public RunnerCommandLine(Func<RunnerOptions, CancellationToken, Task<int>> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        foreach (var positive in new Option[] { Parallel, Timeout, CellTimeout })
        {
            // The value is read from the token: a token that is not a number already has System.CommandLine's own error.
            positive.Validators.Add(result =>
            {
                if (result.Tokens.Count > 0
                    && int.TryParse(result.Tokens[^1].Value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var n) && n <= 0)
                {
                    result.AddError($"{positive.Name} needs a positive whole number, not {n}.");
                }
            });
        }
        // Every command works on one repository: where it is and the configuration keys the command line overrides.
        Option[] repository = [RepositoryRoot, ConfigFile, NotebookGlob, ExecutedDirectory, ArtifactsDirectory, Build, SiteTitle];
        Option[] execution = [.. repository, Notebook, Parallel, Timeout, CellTimeout, SkipPrepare, NoExecute];
        Option[] mainJob = [.. execution, NoStudent, NoSite, NoExport];
        Root = new RootCommand(
            "Executes a repository's C# notebooks (those its .config/notebooks.json selects) headlessly with its pinned dotnet-repl and checks " +
            "them. Without a command: check. Every child process runs under the C.UTF-8 locale and UTC. Exit codes: 0 success; " +
            "1 an error output, a difference or a failed stage; 64 bad usage; 130 cancelled (Ctrl+C); 143 terminated (SIGTERM). " +
            "Every run writes artifacts/report.json.");
        Define(Root, RunnerCommand.Check, mainJob, run);
        Root.Subcommands.Add(Define(new Command("check",
            "Prepare (restore tools, build the library), execute, compare each code cell's outputs with the committed notebook " +
            "after masking volatile parts, record run times, then write and execute the student edition, render the site and " +
            "write the kernel-free apps (the default)."), RunnerCommand.Check, mainJob, run));
        Root.Subcommands.Add(Define(new Command("refresh",
            "As check, but copy ONLY each code cell's outputs and execution_count into the committed notebook (its metadata " +
            "stays as is); a notebook with an error output is not refreshed."), RunnerCommand.Refresh, mainJob, run));
        Root.Subcommands.Add(Define(new Command("student",
            "Write the student edition to artifacts/student/ (and each translated edition's to artifacts/student-<language>/, e.g. " +
            "student-zh-CN/), execute it and require every check to say 'Not solved yet'. --notebook 01-entropy.zh-CN selects one Chinese notebook."),
            RunnerCommand.Student, execution, run));
        Root.Subcommands.Add(Define(new Command("site",
            "Render the committed notebooks into artifacts/site/ (a translated edition under its language's folder, zh-CN/) " +
            "without executing anything."), RunnerCommand.Site, repository, run));
        Root.Subcommands.Add(Define(new Command("export",
            "Write the kernel-free edition (notebooks/apps/NN-name.cs, one file-based app per notebook) from the committed " +
            "notebooks; execute nothing."), RunnerCommand.Export, repository, run));
    }

    /// <summary>The options a parse stands for (call only when it has no errors).</summary>
    /// <param name="result">A parse of this command line.</param>
    /// <returns>The options.</returns>
    public RunnerOptions Bind(ParseResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        var cellTimeout = result.GetValue(CellTimeout);
        return new RunnerOptions
        {
            Command = commands[result.CommandResult.Command],
            Notebooks = result.GetValue(Notebook) ?? [],
            Parallel = result.GetValue(Parallel),
            Timeout = TimeSpan.FromSeconds(result.GetValue(Timeout)),
            CellTimeout = cellTimeout is { } seconds ? TimeSpan.FromSeconds(seconds) : null,
            SkipPrepare = result.GetValue(SkipPrepare),
            NoExecute = result.GetValue(NoExecute),
            NoStudent = result.GetValue(NoStudent),
            NoSite = result.GetValue(NoSite),
            NoExport = result.GetValue(NoExport),
            Repository = new Configuration.RepositoryOptions
            {
                Root = result.GetValue(RepositoryRoot),
                ConfigFile = result.GetValue(ConfigFile),
                Notebooks = result.GetValue(NotebookGlob),
                Executed = result.GetValue(ExecutedDirectory),
                Artifacts = result.GetValue(ArtifactsDirectory),
                Build = result.GetValue(Build) ?? [],
                SiteTitle = result.GetValue(SiteTitle),
            },
        };
    }

    /// <summary>Parses arguments into options without running anything (tests, and callers that drive <see cref="Runner"/>).</summary>
    /// <param name="args">The arguments.</param>
    /// <returns>The options.</returns>
    /// <exception cref="ArgumentException">Bad usage; the message lists every parse error.</exception>
    public static RunnerOptions Parse(params string[] args)
    {
        var line = new RunnerCommandLine((_, _) => Task.FromResult(ExitCodes.Success));
        var result = line.Root.Parse(args);
        return result.Errors.Count > 0
            ? throw new ArgumentException(string.Join(Environment.NewLine, result.Errors.Select(e => e.Message)))
            : line.Bind(result);
    }

    private Command Define(Command command, RunnerCommand kind, IEnumerable<Option> options,
        Func<RunnerOptions, CancellationToken, Task<int>> run)
    {
        foreach (var option in options)
        {
            command.Options.Add(option);
        }
        commands[command] = kind;
        command.SetAction((result, cancellationToken) => run(Bind(result), cancellationToken));
        return command;
    }
}
