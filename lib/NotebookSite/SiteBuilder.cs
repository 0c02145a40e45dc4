using System.Text;
using Markdig.Syntax;

namespace NotebookSite;

/// <summary>
/// The rendering stage's entry point: reads notebooks (already executed: their outputs are shown, never
/// recomputed) and writes the static site: <c>index.html</c>, one page per notebook, <c>readme.html</c>, the
/// downloads, the search index and the shared <c>assets/</c>; and each translated edition under its language's folder
/// (<c>zh-CN/index.html</c>, <c>zh-CN/01-entropy.html</c>…, same page names, same <c>assets/</c> and <c>downloads/</c>,
/// its own search index), every page linking its twin in the other languages. Nothing on a page is fetched from the
/// network when it is viewed. <see cref="Prepare"/> installs what rendering needs (a network step, run once and on
/// purpose); <see cref="Build"/> runs the stages in order: load, parse, map, render the math (every edition's at
/// once), then write (links resolve through the map while writing).
/// </summary>
public static class SiteBuilder
{
    /// <summary>The page the README becomes.</summary>
    public const string ReadmePage = "readme.html";

    /// <summary>The page a notebook becomes: the start-here notebook (<c>00-…</c>) is <c>index.html</c>,
    /// any other <c>NN-name.ipynb</c> is <c>NN-name.html</c>.</summary>
    /// <param name="notebookFileName">The notebook's file name.</param>
    /// <returns>The page's file name.</returns>
    public static string PageName(string notebookFileName)
    {
        ArgumentNullException.ThrowIfNull(notebookFileName);
        return IsStartHere(notebookFileName) ? "index.html" : Path.GetFileNameWithoutExtension(notebookFileName) + ".html";
    }

    private static bool IsStartHere(string fileName) => fileName.StartsWith("00-", StringComparison.Ordinal);

    /// <summary>The prepare step: installs the pinned KaTeX (<c>npm ci</c>) unless it is there. Never called by <see cref="Build"/>.</summary>
    /// <param name="options">Where the tools live.</param>
    /// <param name="cancellationToken">Stops npm.</param>
    /// <exception cref="InvalidOperationException">npm failed or ran out of time.</exception>
    public static void Prepare(SiteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        new KatexRenderer(options.ToolDirectory, options.ProcessTimeout).EnsureInstalled(cancellationToken);
    }

    /// <summary>Renders and writes the site.</summary>
    /// <param name="options">What to render and where.</param>
    /// <param name="cancellationToken">Stops the math renderer's node process.</param>
    /// <returns>The pages written: the main edition's course pages in reading order, then its README page if any, then
    /// each translation's pages in the same order (<see cref="SitePage.Language"/> says which).</returns>
    /// <exception cref="InvalidOperationException">KaTeX is not installed (run <see cref="Prepare"/>) or rejects a formula,
    /// or the output folder holds something other than a site.</exception>
    /// <exception cref="InvalidDataException">A notebook or one of its chart outputs cannot be read.</exception>
    /// <exception cref="ArgumentException">A notebook is given twice, two are numbered 00, a translation's language
    /// is given twice or has no interface text, or a translated notebook is not named after its original.</exception>
    public static IReadOnlyList<SitePage> Build(SiteOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        var katex = new KatexRenderer(options.ToolDirectory, options.ProcessTimeout);
        katex.RequireInstalled();
        var highlighter = new CSharpHighlighter();
        var markdown = new MarkdownConverter(highlighter);

        var editions = Editions(options).Select(e => new EditionSite(e, Load(e.Notebooks))).ToArray();
        foreach (var edition in editions)
        {
            edition.Parsed = Parse(edition.Loaded, edition.Edition.Readme, markdown, edition.Edition.Text);
        }
        var main = editions[0];
        main.Map = Map(main, options.AppsDirectory);
        foreach (var translation in editions.Skip(1))
        {
            // What a translation has no page for (the README) is the main edition's page, one folder up.
            translation.Map = Map(translation, options.AppsDirectory, url => main.Map.Resolve(url) is { } page ? "../" + page : null);
        }
        var math = katex.Render(editions.SelectMany(e => e.Parsed.Formulas), cancellationToken);
        cancellationToken.ThrowIfCancellationRequested();
        var output = PrepareOutput(options.OutputDirectory);
        foreach (var edition in editions)
        {
            Write(output, edition, Others(edition, editions), options, math, markdown, highlighter);
        }
        SiteAssets.Write(output, katex.DistDirectory);
        return editions.SelectMany(e => e.Map.Pages).ToArray();
    }

    /// <summary>One language's part of the site: the main edition (<see cref="Language"/> null, at the site's root,
    /// with the README) or a translation (under its language's folder).</summary>
    private sealed record Edition(SiteText Text, string? Language, string Title, IReadOnlyList<string> Notebooks, string? StudentEdition, string? Readme)
    {
        /// <summary>The edition's folder in the site, relative to the root ("" or "zh-CN/").</summary>
        public string Folder => Language is null ? "" : Language + "/";
    }

    /// <summary>An edition as it goes through the stages.</summary>
    private sealed class EditionSite(Edition edition, LoadedNotebooks loaded)
    {
        public Edition Edition { get; } = edition;

        public LoadedNotebooks Loaded { get; } = loaded;

        public ParsedSources Parsed { get; set; } = null!;

        public SiteMap Map { get; set; } = null!;
    }

    private static Edition[] Editions(SiteOptions options)
    {
        var twice = options.Translations.GroupBy(t => t.Language, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"The {twice.Key} edition is given more than once.", nameof(options));
        }
        return options.Translations
            .Select(t => new Edition(SiteText.For(t.Language), t.Language, t.Title ?? options.Title, t.Notebooks, t.StudentEdition, null))
            .Prepend(new Edition(SiteText.English, null, options.Title, options.Notebooks, options.StudentEdition, options.Readme))
            .ToArray();
    }

    /// <summary>The editions a page of <paramref name="edition"/> switches to, each with the way to its folder.</summary>
    private static OtherEdition[] Others(EditionSite edition, IReadOnlyList<EditionSite> editions) =>
        editions.Where(e => e != edition)
            .Select(e => new OtherEdition(e.Edition.Text, (edition.Edition.Language is null ? "" : "../") + e.Edition.Folder,
                e.Map.Pages.Select(p => p.FileName).ToHashSet(StringComparer.Ordinal)))
            .ToArray();

    /// <summary>The notebooks read, in file-name order; at most one numbered 00, no file name twice.</summary>
    private sealed record LoadedNotebooks(IReadOnlyList<Notebook> Notebooks, IReadOnlyDictionary<Notebook, string> Paths)
    {
        public Notebook? StartHere => Notebooks.FirstOrDefault(n => IsStartHere(n.FileName));
    }

    /// <summary>Every Markdown text parsed once: each notebook's cells (null for a code cell), the README, and
    /// the learning goals the generated course map shows when there is no start-here notebook.</summary>
    private sealed record ParsedSources(
        IReadOnlyDictionary<Notebook, MarkdownDocument?[]> Cells,
        MarkdownDocument? Readme,
        IReadOnlyDictionary<Notebook, MarkdownDocument?> Goals)
    {
        public IEnumerable<Formula> Formulas =>
            Cells.Values.SelectMany(d => d).Concat(Goals.Values).Append(Readme).OfType<MarkdownDocument>().SelectMany(MarkdownConverter.Formulas);
    }

    private static LoadedNotebooks Load(IReadOnlyList<string> notebookPaths)
    {
        var paths = notebookPaths.ToDictionary(Notebook.Load, p => p);
        var notebooks = paths.Keys.OrderBy(n => n.FileName, StringComparer.Ordinal).ToArray();
        var twice = notebooks.GroupBy(n => n.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"The notebook {twice.Key} is given more than once.", nameof(notebookPaths));
        }
        if (notebooks.Count(n => IsStartHere(n.FileName)) > 1)
        {
            throw new ArgumentException("More than one notebook is numbered 00; only one can be the index page.", nameof(notebookPaths));
        }
        return new LoadedNotebooks(notebooks, paths);
    }

    private static ParsedSources Parse(LoadedNotebooks loaded, string? readme, MarkdownConverter markdown, SiteText text)
    {
        var cells = loaded.Notebooks.ToDictionary(n => n,
            n => n.Cells.Select(c => c.Kind == CellKind.Markdown ? markdown.Parse(c.Source) : null).ToArray());
        var goals = loaded.StartHere is null
            ? loaded.Notebooks.ToDictionary(n => n, n => CourseMap.LearningGoals(n, markdown, text))
            : [];
        return new ParsedSources(cells, readme is null ? null : markdown.Parse(File.ReadAllText(readme)), goals);
    }

    private static SiteMap Map(EditionSite site, string? appsDirectory, Func<string, string?>? elsewhere = null)
    {
        var (loaded, parsed, edition) = (site.Loaded, site.Parsed, site.Edition);
        return SiteMap.Create(
            loaded.Notebooks.Select(n => (n, Title(parsed.Cells[n]) ?? n.Stem, ChartCount(n))).ToArray(),
            loaded.StartHere is null ? edition.Title : null,
            parsed.Readme is null ? null : (Path.GetFileName(edition.Readme!), Title([parsed.Readme]) ?? "README"),
            appsDirectory, edition.Language, elsewhere);
    }

    private static void Write(string output, EditionSite site, IReadOnlyList<OtherEdition> others, SiteOptions options,
        IReadOnlyDictionary<Formula, string> math, MarkdownConverter markdown, CSharpHighlighter highlighter)
    {
        var (edition, loaded, parsed, map) = (site.Edition, site.Loaded, site.Parsed, site.Map);
        // The apps are made from the main edition's notebooks: copied once, linked from every edition.
        var handOut = SiteDownloads.Write(output, loaded.Notebooks.Select(n => loaded.Paths[n]), edition.StudentEdition,
            edition.Language is null ? options.AppsDirectory : null, edition.Language);
        var folder = Directory.CreateDirectory(Path.Combine(output, edition.Folder)).FullName;
        var frame = new SiteFrame(map.Course, edition.Title, handOut)
        {
            Text = edition.Text,
            Root = edition.Language is null ? "" : "../",
            Others = others,
        };
        var search = new List<(SitePage, SearchText)>();
        void WritePage(SitePage page, Func<PageContext, string> body)
        {
            var context = new PageContext(math, map.Resolve, page.Title);
            var html = body(context);
            File.WriteAllText(Path.Combine(folder, page.FileName), PageLayout.Render(page, html, context.Headings, frame), new UTF8Encoding(false));
            search.Add((page, context.Search));
        }

        if (loaded.StartHere is null)
        {
            WritePage(map.Course[0], context => CourseMap.Render(edition.Title,
                loaded.Notebooks.Select(n => (map.PageOf(n), parsed.Goals[n] is { } g ? markdown.ToHtml(g, context) : "")), context, edition.Text));
        }
        foreach (var notebook in loaded.Notebooks)
        {
            WritePage(map.PageOf(notebook), context => NotebookBody(notebook, parsed.Cells[notebook], markdown, highlighter, context, options.Conventions, edition.Text));
        }
        if (map.Readme is { } readmePage)
        {
            WritePage(readmePage, context => markdown.ToHtml(parsed.Readme!, context));
        }
        SearchIndex.Write(output, search, edition.Language);
    }

    private static string NotebookBody(Notebook notebook, MarkdownDocument?[] documents, MarkdownConverter markdown,
        CSharpHighlighter highlighter, PageContext context, NotebookConventions conventions, SiteText text)
    {
        var html = new StringBuilder();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i] with { Outputs = notebook.Cells[i].Outputs.Where(o => !KernelNoise.IsNoise(o)).ToArray() };
            var answer = cell.HasTag(conventions.SolutionTag);
            string inner;
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    inner = markdown.ToHtml(documents[i]!, context, searchable: !answer);
                    break;
                case CellKind.Code when cell.Source.Trim().Length == 0 && cell.Outputs.Count == 0:
                    continue;
                case CellKind.Code:
                    // A whole solution cell is folded below; otherwise each answer and verdict is folded where it is.
                    inner = SolutionFolding.CodeCell(cell, highlighter, foldAnswers: !answer, notebook.FileName, conventions, text);
                    if (!answer)
                    {
                        IndexCodeCell(cell, context.Search, conventions);
                    }
                    break;
                default:
                    inner = highlighter.ToHtml(cell.Source, "text");
                    break;
            }
            var kind = cell.Kind.ToString().ToLowerInvariant();
            // The page's classes are the site's own names, whatever the notebooks call the tags.
            var tags = (cell.HasTag(conventions.ExerciseTag) ? " exercise" : "") + (cell.HasTag(conventions.SolutionTag) ? " solution" : "");
            var block = $"<div class=\"cell {kind}{tags}\">\n{inner}</div>\n";
            html.Append(answer ? SolutionFolding.Fold(block, text) : block);
        }
        return html.ToString();
    }

    /// <summary>A code cell's searchable text: its code outside any answer, and, when it holds no answer, its text
    /// outputs that are not verdicts (what the page shows before a click).</summary>
    private static void IndexCodeCell(Cell cell, SearchText search, NotebookConventions conventions)
    {
        var segments = SolutionRegions.Segments(cell.Source, conventions);
        search.Add(string.Concat(segments.Where(s => !s.IsSolution).Select(s => s.Text)));
        if (segments.Any(s => s.IsSolution))
        {
            return;
        }
        foreach (var output in cell.Outputs.Where(o => !SolutionFolding.IsVerdict(o) && o.Type != "error"))
        {
            if (!output.Data.ContainsKey("text/html") && output.Data.TryGetValue("text/plain", out var text))
            {
                search.Add(text);
            }
        }
    }

    /// <summary>The text of the first level-1 heading.</summary>
    private static string? Title(IEnumerable<MarkdownDocument?> documents) =>
        documents.OfType<MarkdownDocument>().SelectMany(d => d.Descendants<HeadingBlock>())
            .Where(h => h.Level == 1).Select(h => MarkdownConverter.PlainText(h.Inline)).FirstOrDefault();

    private static int ChartCount(Notebook notebook) =>
        notebook.Cells.SelectMany(c => c.Outputs).Count(o => o.IsChart);

    /// <summary>Empties the output folder, but only if it is absent, empty, or a site written before.</summary>
    private static string PrepareOutput(string directory)
    {
        var full = Path.GetFullPath(directory);
        if (Directory.Exists(full))
        {
            if (Directory.EnumerateFileSystemEntries(full).Any() && !File.Exists(Path.Combine(full, SiteAssets.SiteCss)))
            {
                throw new InvalidOperationException($"Refusing to empty {full}: it is not empty and holds no site (no {SiteAssets.SiteCss}).");
            }
            Directory.Delete(full, true);
        }
        return Directory.CreateDirectory(full).FullName;
    }
}
