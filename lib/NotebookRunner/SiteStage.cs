using NotebookSite;

namespace NotebookRunner;

/// <summary>The runner's last step: renders the notebooks into the offline site at <c>artifacts/site/</c>
/// (lib/NotebookSite does the rendering; this only picks the inputs and reports).</summary>
public static class SiteStage
{
    /// <summary>Renders every numbered notebook: its executed copy when there is one (unless <paramref name="committedOnly"/>),
    /// else the committed notebook, which carries its outputs too.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <param name="committedOnly">Render the committed notebooks even where executed copies exist.</param>
    /// <param name="output">Where the report goes.</param>
    /// <returns>0 when the site was written, 1 when rendering failed.</returns>
    public static int Render(RepoLayout layout, bool committedOnly, TextWriter output)
    {
        ArgumentNullException.ThrowIfNull(layout);
        ArgumentNullException.ThrowIfNull(output);
        var sources = layout.NumberedNotebooks()
            .Select(name => !committedOnly && File.Exists(layout.ExecutedPath(name)) ? layout.ExecutedPath(name) : layout.CommittedPath(name))
            .ToArray();
        var site = Path.Combine(layout.Root, "artifacts", "site");
        try
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var pages = SiteBuilder.Build(new SiteOptions
            {
                Notebooks = sources,
                OutputDirectory = site,
                ToolDirectory = Path.Combine(layout.Root, "lib", "NotebookSite"),
                Readme = Path.Combine(layout.Root, "README.md"),
            });
            var executed = sources.Count(s => s.StartsWith(layout.ExecutedDirectory, StringComparison.Ordinal));
            output.WriteLine($"Site: {pages.Count} pages from {sources.Length} notebooks ({executed} executed copies, "
                + $"{sources.Length - executed} committed) in {Runner.Seconds(clock.Elapsed)}: {Path.Combine(site, "index.html")}");
            return 0;
        }
        catch (Exception e) when (e is InvalidOperationException or InvalidDataException or IOException or ArgumentException)
        {
            output.WriteLine($"FAILED: the site could not be rendered: {e.Message}");
            return 1;
        }
    }
}
