using System.Text;
using Markdig.Syntax;

namespace NotebookSite;

/// <summary>
/// The rendering stage's entry point: reads notebooks (already executed: their outputs are shown, never
/// recomputed) and writes the static site: <c>index.html</c>, one page per notebook, <c>readme.html</c>,
/// and the shared <c>assets/</c>. Nothing on a page is fetched from the network when it is viewed.
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

    /// <summary>Renders and writes the site.</summary>
    /// <param name="options">What to render and where.</param>
    /// <returns>The pages written: the course pages in reading order, then the README page if any.</returns>
    /// <exception cref="InvalidOperationException">KaTeX cannot be installed or rejects a formula, or the output folder holds something other than a site.</exception>
    /// <exception cref="InvalidDataException">A notebook or one of its chart outputs cannot be read.</exception>
    public static IReadOnlyList<SitePage> Build(SiteOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var highlighter = new CSharpHighlighter();
        var markdown = new MarkdownConverter(highlighter);
        var katex = new KatexRenderer(options.ToolDirectory);

        var notebooks = options.Notebooks.Select(Notebook.Load).OrderBy(n => n.FileName, StringComparer.Ordinal).ToArray();
        var twice = notebooks.GroupBy(n => n.FileName, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (twice is not null)
        {
            throw new ArgumentException($"The notebook {twice.Key} is given more than once.", nameof(options));
        }
        if (notebooks.Count(n => IsStartHere(n.FileName)) > 1)
        {
            throw new ArgumentException("More than one notebook is numbered 00; only one can be the index page.", nameof(options));
        }
        var startHere = notebooks.FirstOrDefault(n => IsStartHere(n.FileName));
        var cells = notebooks.ToDictionary(n => n, n => n.Cells.Select(c => c.Kind == CellKind.Markdown ? markdown.Parse(c.Source) : null).ToArray());
        var readme = options.Readme is null ? null : markdown.Parse(File.ReadAllText(options.Readme));
        var goals = startHere is null ? notebooks.ToDictionary(n => n, n => CourseMap.LearningGoals(n, markdown)) : [];

        var documents = cells.Values.SelectMany(d => d).Concat(goals.Values).Append(readme).OfType<MarkdownDocument>();
        var math = katex.Render(documents.SelectMany(MarkdownConverter.Formulas));

        var pages = notebooks.ToDictionary(n => n, n => new SitePage(
            PageName(n.FileName), Title(cells[n]) ?? n.Stem, n.FileName, ChartCount(n), true));
        var course = new List<SitePage>();
        if (startHere is null)
        {
            course.Add(new SitePage("index.html", options.Title, null, 0, true));
        }
        course.AddRange(notebooks.Select(n => pages[n]));
        var readmePage = readme is null ? null : new SitePage(ReadmePage, Title([readme]) ?? "README", Path.GetFileName(options.Readme), 0, false);

        string? Resolve(string url)
        {
            var hash = url.IndexOf('#', StringComparison.Ordinal);
            var fragment = hash >= 0 ? url[hash..] : "";
            var name = Uri.UnescapeDataString((hash >= 0 ? url[..hash] : url).Split('/', '\\')[^1]);
            var notebook = notebooks.FirstOrDefault(n => string.Equals(n.FileName, name, StringComparison.OrdinalIgnoreCase));
            if (notebook is not null)
            {
                return pages[notebook].FileName + fragment;
            }
            return readmePage is not null && string.Equals(name, readmePage.Source, StringComparison.OrdinalIgnoreCase)
                ? readmePage.FileName + fragment
                : null;
        }

        var output = PrepareOutput(options.OutputDirectory);
        void Write(SitePage page, Func<PageContext, string> body)
        {
            var context = new PageContext(math, Resolve);
            var html = body(context);
            File.WriteAllText(Path.Combine(output, page.FileName), PageLayout.Render(page, html, context.Headings, course, options.Title),
                new UTF8Encoding(false));
        }

        if (startHere is null)
        {
            Write(course[0], context => CourseMap.Render(options.Title,
                notebooks.Select(n => (pages[n], goals[n] is { } g ? markdown.ToHtml(g, context) : "")), context));
        }
        foreach (var notebook in notebooks)
        {
            Write(pages[notebook], context => NotebookBody(notebook, cells[notebook], markdown, highlighter, context, options.Conventions));
        }
        if (readmePage is not null)
        {
            Write(readmePage, context => markdown.ToHtml(readme!, context));
        }
        SiteAssets.Write(output, katex.DistDirectory);
        return readmePage is null ? course : [.. course, readmePage];
    }

    private static string NotebookBody(Notebook notebook, MarkdownDocument?[] documents, MarkdownConverter markdown,
        CSharpHighlighter highlighter, PageContext context, NotebookConventions conventions)
    {
        var html = new StringBuilder();
        for (var i = 0; i < notebook.Cells.Count; i++)
        {
            var cell = notebook.Cells[i];
            string inner;
            switch (cell.Kind)
            {
                case CellKind.Markdown:
                    inner = markdown.ToHtml(documents[i]!, context);
                    break;
                case CellKind.Code when cell.Source.Trim().Length == 0 && cell.Outputs.Count == 0:
                    continue;
                case CellKind.Code:
                    // A whole solution cell is folded below; otherwise each answer and verdict is folded where it is.
                    inner = SolutionFolding.CodeCell(cell, highlighter, foldAnswers: !cell.HasTag(conventions.SolutionTag),
                        notebook.FileName, conventions);
                    break;
                default:
                    inner = highlighter.ToHtml(cell.Source, "text");
                    break;
            }
            var kind = cell.Kind.ToString().ToLowerInvariant();
            // The page's classes are the site's own names, whatever the notebooks call the tags.
            var tags = (cell.HasTag(conventions.ExerciseTag) ? " exercise" : "") + (cell.HasTag(conventions.SolutionTag) ? " solution" : "");
            var block = $"<div class=\"cell {kind}{tags}\">\n{inner}</div>\n";
            html.Append(cell.HasTag(conventions.SolutionTag) ? SolutionFolding.Fold(block) : block);
        }
        return html.ToString();
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
