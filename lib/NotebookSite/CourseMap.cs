using System.Net;
using System.Text;
using Markdig.Syntax;

namespace NotebookSite;

/// <summary>The generated index page used while there is no start-here notebook: each notebook's title, linked,
/// with its "What you will learn" list.</summary>
public static class CourseMap
{
    /// <summary>The "What you will learn" list of a notebook's opening Markdown, or null when it has none.</summary>
    /// <param name="notebook">The notebook.</param>
    /// <param name="markdown">The converter.</param>
    /// <param name="text">The edition's frame words (the goals' label, <see cref="SiteText.LearningGoals"/>); English when null.</param>
    /// <returns>A document holding only that list.</returns>
    public static MarkdownDocument? LearningGoals(Notebook notebook, MarkdownConverter markdown, SiteText? text = null)
    {
        var goalsLabel = (text ?? SiteText.English).LearningGoals;
        ArgumentNullException.ThrowIfNull(notebook);
        ArgumentNullException.ThrowIfNull(markdown);
        foreach (var cell in notebook.Cells.Where(c => c.Kind == CellKind.Markdown).Take(3))
        {
            var document = markdown.Parse(cell.Source);
            for (var i = 0; i + 1 < document.Count; i++)
            {
                var label = document[i] switch
                {
                    ParagraphBlock p => MarkdownConverter.PlainText(p.Inline),
                    HeadingBlock h => MarkdownConverter.PlainText(h.Inline),
                    _ => "",
                };
                if (label.StartsWith(goalsLabel, StringComparison.OrdinalIgnoreCase) && document[i + 1] is ListBlock list)
                {
                    document.Remove(list);
                    var goals = new MarkdownDocument { list };
                    return goals;
                }
            }
        }
        return null;
    }

    /// <summary>The course map's main content.</summary>
    /// <param name="siteTitle">The site's name (the page's heading).</param>
    /// <param name="entries">Each notebook's page and its rendered learning goals (empty when it has none).</param>
    /// <param name="context">The index page's context (its headings are collected for the table of contents).</param>
    /// <param name="text">The edition's frame words; English when null.</param>
    /// <returns>The HTML.</returns>
    public static string Render(string siteTitle, IEnumerable<(SitePage Page, string Goals)> entries, PageContext context, SiteText? text = null)
    {
        text ??= SiteText.English;
        ArgumentNullException.ThrowIfNull(entries);
        ArgumentNullException.ThrowIfNull(context);
        var html = new StringBuilder($"<h1>{WebUtility.HtmlEncode(siteTitle)}</h1>\n")
            // The map is generated for any repository of notebooks (this course's index is its notebook 00): no course text.
            .Append($"<p class=\"lead\">{WebUtility.HtmlEncode(text.CourseMapLead)}</p>\n<ul class=\"course-map\">\n");
        foreach (var (page, goals) in entries)
        {
            var id = context.ClaimId(Path.GetFileNameWithoutExtension(page.FileName));
            context.AddHeading(new Heading(2, id, page.Title));
            html.Append($"<li><h2 id=\"{id}\"><a href=\"{WebUtility.HtmlEncode(page.FileName)}\">{WebUtility.HtmlEncode(page.Title)}</a></h2>\n");
            if (goals.Length > 0)
            {
                html.Append($"<p class=\"goals-label\">{WebUtility.HtmlEncode(text.LearningGoals)}</p>\n").Append(goals);
            }
            html.Append("</li>\n");
        }
        return html.Append("</ul>\n").ToString();
    }
}
