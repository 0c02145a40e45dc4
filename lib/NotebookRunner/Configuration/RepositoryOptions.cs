namespace NotebookRunner.Configuration;

/// <summary>
/// The command line's say on which repository to work on and how: its root, its configuration file, and the keys the
/// command line overrides (null: the file's value).
/// </summary>
public sealed record RepositoryOptions
{
    /// <summary><c>--root</c>: the repository root; null to find it by walking up to <c>.config/notebooks.json</c>.</summary>
    public string? Root { get; init; }

    /// <summary><c>--config</c>: the configuration file; null for the root's <c>.config/notebooks.json</c>.</summary>
    public string? ConfigFile { get; init; }

    /// <summary><c>--notebooks</c>: overrides <see cref="NotebookConfig.Notebooks"/>.</summary>
    public string? Notebooks { get; init; }

    /// <summary><c>--executed</c>: overrides <see cref="NotebookConfig.Executed"/>.</summary>
    public string? Executed { get; init; }

    /// <summary><c>--artifacts</c>: overrides <see cref="NotebookConfig.Artifacts"/>.</summary>
    public string? Artifacts { get; init; }

    /// <summary><c>--build</c>: replaces <see cref="NotebookConfig.Build"/> when given at least once.</summary>
    public IReadOnlyList<string> Build { get; init; } = [];

    /// <summary><c>--site-title</c>: overrides <see cref="NotebookConfig.SiteTitle"/>.</summary>
    public string? SiteTitle { get; init; }

    /// <summary>
    /// The layout these options select: the root (<c>--root</c>, else the nearest folder at or above the current one
    /// holding <c>.config/notebooks.json</c>, else the current folder when <c>--config</c> names a file), the
    /// configuration read from <c>--config</c> or the root's file (defaults when there is none), then the overrides.
    /// </summary>
    /// <returns>The layout.</returns>
    /// <exception cref="ConfigException">The file or an override is invalid; the message names the key or option.</exception>
    /// <exception cref="DirectoryNotFoundException">No root was given or found, or <c>--root</c> does not exist.</exception>
    public RepoLayout Resolve()
    {
        RepoLayout layout;
        if (Root is not null)
        {
            layout = Directory.Exists(Root)
                ? ConfigFile is null ? new RepoLayout(Root) : new RepoLayout(Root, NotebookConfig.Load(ConfigFile))
                : throw new DirectoryNotFoundException($"--root: the folder '{Root}' does not exist.");
        }
        else if (ConfigFile is not null)
        {
            layout = new RepoLayout(FindRootOrNull() ?? Directory.GetCurrentDirectory(), NotebookConfig.Load(ConfigFile));
        }
        else
        {
            layout = RepoLayout.Find();
        }
        return new RepoLayout(layout.Root, Override(layout.Config));
    }

    /// <summary>The configuration with the command line's values in place of the file's.</summary>
    /// <param name="config">The file's configuration.</param>
    /// <returns>The overridden configuration.</returns>
    /// <exception cref="ConfigException">An override is invalid; the message names the option.</exception>
    public NotebookConfig Override(NotebookConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);
        NotebookGlob? glob = null;
        try
        {
            glob = Notebooks is null ? null : NotebookGlob.Parse(Notebooks);
        }
        catch (FormatException e)
        {
            throw new ConfigException($"--notebooks: {e.Message}", e);
        }
        return config with
        {
            Notebooks = glob ?? config.Notebooks,
            Executed = Relative(Executed, "--executed") ?? config.Executed,
            Artifacts = Relative(Artifacts, "--artifacts") ?? config.Artifacts,
            Build = Build.Count > 0 ? Build.Select(b => Relative(b, "--build")!).ToArray() : config.Build,
            SiteTitle = SiteTitle ?? config.SiteTitle,
        };
    }

    private static string? Relative(string? path, string option) =>
        path is not null && Path.IsPathRooted(path)
            ? throw new ConfigException($"{option} must be relative to the repository root, not '{path}'")
            : path;

    private static string? FindRootOrNull()
    {
        try
        {
            return RepoLayout.Find().Root;
        }
        catch (DirectoryNotFoundException)
        {
            return null;
        }
    }
}
