namespace NotebookRunner.Export;

/// <summary>
/// The kernel-free edition: every numbered notebook written as a file-based app to <c>notebooks/apps/NN-name.cs</c>,
/// from the committed notebook (its code and prose, not its outputs). The apps are committed, so a reader runs one
/// with nothing but the SDK; the main job rewrites those that changed, and a test fails when one is out of date.
/// </summary>
public static class ExportStage
{
    /// <summary>Where the apps are written: the configured <c>export.directory</c>, else <c>apps/</c> in the notebooks
    /// folder (this course: <c>notebooks/apps/</c>).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The folder.</returns>
    public static string AppsDirectory(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Config.ExportDirectory is { } directory ? layout.Under(directory) : Path.Combine(layout.NotebooksDirectory, "apps");
    }

    /// <summary>The exporter's settings for this repository.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The settings.</returns>
    public static AppExportSettings Settings(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return new AppExportSettings(
            AppsDirectory(layout),
            layout.Under(layout.Config.ExportRuntimeProject),
            AppExportSettings.ReadPinnedVersions(Path.Combine(layout.Root, "Directory.Packages.props")),
            layout.Config.ExportKernelOnlyCalls);
    }

    /// <summary>Each numbered notebook's app: its file name and text, as the exporter writes it now.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The apps, in notebook order.</returns>
    /// <exception cref="AppExportException">A notebook cannot be exported.</exception>
    public static IReadOnlyList<(string FileName, string Text)> Render(RepoLayout layout)
    {
        var exporter = new AppExporter(Settings(layout));
        return layout.NumberedNotebooks()
            .Select(name => (AppExporter.AppFileName(name), exporter.Export(NotebookFile.Load(layout.CommittedPath(name)))))
            .ToArray();
    }

    /// <summary>Writes the apps that are missing or changed, removes those whose notebook is gone, and reports.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>0 when every app is written, 1 when a notebook cannot be exported or a file cannot be written.</returns>
    public static int Write(RepoLayout layout, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(output);
        var folder = AppsDirectory(layout);
        try
        {
            var apps = Render(layout);
            Directory.CreateDirectory(folder);
            var changed = apps.Where(app => !File.Exists(Path.Combine(folder, app.FileName))
                    || File.ReadAllText(Path.Combine(folder, app.FileName)) != app.Text)
                .Select(app => app.FileName).ToArray();
            foreach (var app in apps.Where(a => changed.Contains(a.FileName)))
            {
                Runner.ReplaceAtomically(Path.Combine(folder, app.FileName), app.Text);
            }
            var orphans = Directory.EnumerateFiles(folder, "*.cs")
                .Where(f => layout.IsNotebook(Path.GetFileNameWithoutExtension(f) + ".ipynb")
                    && !apps.Any(a => a.FileName == Path.GetFileName(f)))
                .ToArray();
            foreach (var orphan in orphans)
            {
                File.Delete(orphan);
            }
            output.WriteLine($"Apps: {apps.Count} kernel-free notebook apps in {Path.GetRelativePath(layout.Root, folder)}/ ("
                + (changed.Length == 0 ? "all up to date" : "written: " + string.Join(", ", changed))
                + (orphans.Length == 0 ? "" : "; removed: " + string.Join(", ", orphans.Select(Path.GetFileName))) + ")");
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is AppExportException or IOException or UnauthorizedAccessException or InvalidDataException or System.Text.Json.JsonException)
        {
            output.WriteLine($"FAILED: the kernel-free apps could not be written: {e.Message}");
            return ExitCodes.Failure;
        }
    }
}
