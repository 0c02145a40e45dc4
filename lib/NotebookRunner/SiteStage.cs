using NotebookSite;

namespace NotebookRunner;

/// <summary>The runner's last step: renders the notebooks into the offline site at <c>artifacts/site/</c>, the English
/// edition at its root and each translated edition that has notebooks under its language's folder (<c>zh-CN/</c>)
/// (lib/NotebookSite does the rendering; this only picks the inputs and reports).</summary>
public static class SiteStage
{
    /// <summary>Installs KaTeX if needed (the site's prepare step), then renders every numbered notebook: for those in
    /// <paramref name="executedNow"/>, the outputs of its executed copy, else the committed notebook's own outputs (an
    /// executed copy left by an earlier run is stale: its notebook may have changed since). The executed outputs are
    /// merged into the committed notebook first, because dotnet-repl's copy drops the cell tags (exercise, solution).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="executedNow">The notebooks this run executed; empty renders the committed notebooks only.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>0 when the site was written, 1 when rendering failed. The student edition in <c>artifacts/student/</c>,
    /// when there is one, is zipped into the site as the hand-out every page links to; a translated edition's, in
    /// <c>artifacts/student-zh-CN/</c>, as its pages' hand-out.</returns>
    public static int Render(RepoLayout layout, IReadOnlySet<string> executedNow, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(executedNow);
        ArgumentNullException.ThrowIfNull(output);
        var staging = Directory.CreateTempSubdirectory("notebook-site-sources-").FullName;
        var site = Path.Combine(layout.ArtifactsDirectory, "site");
        var readme = layout.Under(layout.Config.SiteReadme);
        try
        {
            string Source(string name) => executedNow.Contains(name) && File.Exists(layout.ExecutedPath(name))
                ? WithExecutedOutputs(layout, name, staging, output)
                : layout.CommittedPath(name);
            var english = layout.NumberedNotebooks();
            var sources = english.Select(Source).ToArray();
            var translations = Translation.TranslationStage.Languages
                .Select(language => (Language: language, Notebooks: Translation.TranslationStage.NotebooksOf(layout, english, language)
                    .Where(name => File.Exists(layout.CommittedPath(name))).Select(Source).ToArray()))
                .Where(t => t.Notebooks.Length > 0)
                .Select(t => new SiteTranslation(t.Language, t.Notebooks)
                {
                    Title = layout.Config.SiteTitles.GetValueOrDefault(t.Language),
                    StudentEdition = Editions.StudentEditionStage.DefaultRoot(layout, t.Language),
                })
                .ToArray();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var student = Editions.StudentEditionStage.DefaultRoot(layout);
            var options = new SiteOptions
            {
                Notebooks = sources,
                OutputDirectory = site,
                ToolDirectory = KatexDirectory(layout),
                Readme = File.Exists(readme) ? readme : null,
                Title = layout.Config.SiteTitle ?? Path.GetFileName(layout.Root),
                StudentEdition = student,
                Conventions = layout.Config.Conventions,
                AppsDirectory = Export.ExportStage.AppsDirectory(layout),
                Translations = translations,
            };
            SiteBuilder.Prepare(options);
            var pages = SiteBuilder.Build(options);
            var all = sources.Concat(translations.SelectMany(t => t.Notebooks)).ToArray();
            var executed = all.Count(s => s.StartsWith(staging, StringComparison.Ordinal));
            var editions = translations.Length == 0 ? "" : $" (English{string.Concat(translations.Select(t => ", " + t.Language + "/"))})";
            output.WriteLine($"Site: {pages.Count} pages{editions} from {all.Length} notebooks ({executed} executed copies, "
                + $"{all.Length - executed} committed) in {Runner.Seconds(clock.Elapsed)}: {Path.Combine(site, "index.html")}");
            foreach (var (language, folder) in translations.Select(t => ((string?)t.Language, t.StudentEdition)).Prepend((null, student)))
            {
                if (!File.Exists(Path.Combine(site, SiteDownloads.HandOutPath(language))))
                {
                    // The site command never executes anything, so it cannot make the hand-out; the pages then offer the notebook only.
                    output.WriteLine($"Site: no student edition in {folder}, so the {language ?? "English"} pages offer no hand-out zip (the main job writes it; then render again).");
                }
            }
            return ExitCodes.Success;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or ArgumentException)
        {
            output.WriteLine($"FAILED: the site could not be rendered: {e.Message}");
            return ExitCodes.Failure;
        }
        finally
        {
            Directory.Delete(staging, true);
        }
    }

    /// <summary>The folder holding the site's KaTeX set-up (package.json, package-lock.json, tools/render-math.cjs, and
    /// node_modules once installed): the configured <c>site.katex</c>, else the copy built beside the tool (<c>katex/</c>).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The folder.</returns>
    public static string KatexDirectory(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return layout.Config.SiteKatex is { } katex ? layout.Under(katex) : Path.Combine(AppContext.BaseDirectory, "katex");
    }

    /// <summary>The committed notebook with the executed copy's outputs, written to <paramref name="staging"/>;
    /// the committed notebook itself when the two do not line up (a warning says so).</summary>
    private static string WithExecutedOutputs(RepoLayout layout, string name, string staging, TextWriter output)
    {
        try
        {
            var merged = OutputMerger.Merge(NotebookFile.Load(layout.CommittedPath(name)), NotebookFile.Load(layout.ExecutedPath(name)));
            var path = Path.Combine(staging, name);
            merged.Save(path);
            return path;
        }
        catch (NotebookMismatchException e)
        {
            output.WriteLine($"Site: {name} is rendered from the committed notebook: {e.Message}");
            return layout.CommittedPath(name);
        }
    }
}
