using NotebookRunner.Configuration;

namespace NotebookRunner;

/// <summary>
/// Where things are in a repository of notebooks: its root, the notebooks, the executed copies, the artifacts, the
/// projects to build first, as its <see cref="NotebookConfig"/> (<c>.config/notebooks.json</c>) says.
/// </summary>
public sealed class RepoLayout
{
    /// <summary>Creates the layout for a repository root, reading its <c>.config/notebooks.json</c> when there is one.</summary>
    /// <param name="root">The repository root.</param>
    /// <exception cref="ConfigException">The configuration file is invalid.</exception>
    public RepoLayout(string root)
        : this(root, LoadConfig(root))
    {
    }

    /// <summary>Creates the layout for a repository root with a given configuration.</summary>
    /// <param name="root">The repository root.</param>
    /// <param name="config">The configuration (the file's, with the command line's overrides).</param>
    public RepoLayout(string root, NotebookConfig config)
    {
        ArgumentException.ThrowIfNullOrEmpty(root);
        ArgumentNullException.ThrowIfNull(config);
        Root = Path.GetFullPath(root);
        Config = config;
    }

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The configuration in force.</summary>
    public NotebookConfig Config { get; }

    /// <summary>The notebooks folder; dotnet-repl runs with it as working directory, like VS Code does.</summary>
    public string NotebooksDirectory => Under(Config.Notebooks.Folder);

    /// <summary>Where executed copies are written (git-ignored): <c>executed/</c> in the notebooks folder unless configured.</summary>
    public string ExecutedDirectory => Config.Executed is { } executed ? Under(executed) : Path.Combine(NotebooksDirectory, "executed");

    /// <summary>Where the site, the student edition, the run times and the report are written.</summary>
    public string ArtifactsDirectory => Under(Config.Artifacts);

    /// <summary>The projects built in Release before executing (full paths).</summary>
    public IReadOnlyList<string> BuildProjects => Config.Build.Select(Under).ToArray();

    /// <summary>Finds the repository root: the nearest folder at or above <paramref name="start"/> (default: the current
    /// directory), then above the tool's own folder, that holds <c>.config/notebooks.json</c>.</summary>
    /// <param name="start">The folder to start from.</param>
    /// <returns>The layout, with that file's configuration.</returns>
    /// <exception cref="DirectoryNotFoundException">No such folder; the message says how to make one.</exception>
    /// <exception cref="ConfigException">The configuration file is invalid.</exception>
    public static RepoLayout Find(string? start = null)
    {
        foreach (var candidate in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(candidate)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, NotebookConfig.RelativePath)))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }
        throw new DirectoryNotFoundException(
            $"No folder at or above '{start ?? Directory.GetCurrentDirectory()}' holds {NotebookConfig.RelativePath}: "
            + "create it at the repository root (\"{}\" takes every default) or pass --root.");
    }

    /// <summary>Whether a file name (without folder) is one of the notebooks: it matches the configured pattern, is not
    /// hidden (the runner's own ASCII input copies start with a dot), and is not a translated edition's notebook
    /// (<c>01-entropy.zh-CN.ipynb</c>, generated from the English one: see <c>Translation/TranslatedEdition</c>).</summary>
    /// <param name="fileName">A file name without folder.</param>
    /// <returns>Whether it is a notebook.</returns>
    public bool IsNotebook(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return !fileName.StartsWith('.') && Config.Notebooks.Matches(fileName) && !Translation.TranslatedEdition.IsTranslatedNotebook(fileName);
    }

    /// <summary>The notebooks (the files of the notebooks folder that <see cref="NotebookConfig.Notebooks"/> matches; in
    /// this course <c>notebooks/[0-9][0-9]-*.ipynb</c>), as file names in ordinal order.</summary>
    /// <returns>The file names.</returns>
    public IReadOnlyList<string> NumberedNotebooks() =>
        Directory.Exists(NotebooksDirectory)
            ? Directory.EnumerateFiles(NotebooksDirectory, "*.ipynb")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(IsNotebook)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    /// <summary>Whether a notebook shows the recorded run times, so runs after the others: the configured
    /// <see cref="NotebookConfig.RunTimesNotebook"/>, or, when none is configured, any notebook whose text names
    /// <see cref="RunTimes.FileName"/>.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>True for a notebook that reads the run times.</returns>
    public bool ShowsRunTimes(string fileName) =>
        Config.RunTimesNotebook is { } reader
            ? string.Equals(EnglishName(fileName), reader, StringComparison.Ordinal)
            : RunTimes.IsReader(CommittedPath(fileName));

    /// <summary>A translated edition's notebook's English original (<c>00-x.zh-CN.ipynb</c> → <c>00-x.ipynb</c>); any
    /// other name as it is.</summary>
    private static string EnglishName(string fileName) =>
        Translation.TranslatedEdition.IsTranslatedNotebook(fileName)
            ? Path.ChangeExtension(Path.GetFileNameWithoutExtension(fileName), null) + ".ipynb"
            : fileName;

    /// <summary>The committed notebook's full path.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>The path.</returns>
    public string CommittedPath(string fileName) => Path.Combine(NotebooksDirectory, fileName);

    /// <summary>The executed copy's full path.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>The path.</returns>
    public string ExecutedPath(string fileName) => Path.Combine(ExecutedDirectory, fileName);

    /// <summary>A path the configuration gives relative to the root, made full.</summary>
    /// <param name="relative">The relative path.</param>
    /// <returns>The full path.</returns>
    public string Under(string relative) => Path.GetFullPath(Path.Combine(Root, relative));

    private static NotebookConfig LoadConfig(string root)
    {
        var file = Path.Combine(Path.GetFullPath(root), NotebookConfig.RelativePath);
        return File.Exists(file) ? NotebookConfig.Load(file) : new NotebookConfig();
    }
}
