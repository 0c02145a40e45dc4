using Markdig;
using Markdig.Extensions.AutoIdentifiers;
using Markdig.Extensions.Mathematics;
using Markdig.Extensions.Tables;
using Markdig.Renderers;
using Markdig.Parsers;
using Markdig.Renderers.Html;
using Markdig.Renderers.Html.Inlines;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace NotebookSite;

/// <summary>A heading of a page, for its table of contents.</summary>
/// <param name="Level">1 to 6.</param>
/// <param name="Id">The anchor, unique in the page.</param>
/// <param name="Text">The heading's plain text.</param>
public sealed record Heading(int Level, string Id, string Text);

/// <summary>
/// Markdown to HTML with Markdig: CommonMark plus pipe tables, GitHub-style heading anchors and the math extension,
/// so <c>$…$</c> and <c>$$…$$</c> reach KaTeX untouched (emphasis, escapes and entities are not applied inside
/// them); inline math follows Jupyter's rule (<see cref="JupyterMathInlineParser"/>). Relative links are rewritten by a resolver; fenced C# is highlighted.
/// </summary>
/// <param name="highlighter">Highlights fenced code.</param>
public sealed partial class MarkdownConverter(CSharpHighlighter highlighter)
{
    private readonly MarkdownPipeline pipeline = new MarkdownPipelineBuilder()
        .UseMathematics()
        .Use<JupyterInlineMath>()
        .UsePipeTables()
        .UseEmphasisExtras()
        .UseAutoIdentifiers(AutoIdentifierOptions.GitHub)
        .Build();

    /// <summary>Parses one Markdown text.</summary>
    /// <param name="markdown">The text.</param>
    /// <returns>Its syntax tree.</returns>
    public MarkdownDocument Parse(string markdown)
    {
        return Markdown.Parse(markdown ?? "", pipeline);
    }

    /// <summary>The formulas in a parsed text, in order.</summary>
    /// <param name="document">A parsed text.</param>
    /// <returns>Its formulas.</returns>
    public static IEnumerable<Formula> Formulas(MarkdownDocument document)
    {
        ArgumentNullException.ThrowIfNull(document);
        foreach (var node in document.Descendants())
        {
            switch (node)
            {
                case MathInline inline:
                    yield return new Formula(inline.Content.ToString().Trim(), inline.DelimiterCount >= 2);
                    break;
                case MathBlock block:
                    yield return new Formula(block.Lines.ToString().Trim(), true);
                    break;
            }
        }
    }

    /// <summary>Renders a parsed text.</summary>
    /// <param name="document">A parsed text (its links are rewritten in place).</param>
    /// <param name="context">The page being written: rendered math, link resolver, heading registry, search text.</param>
    /// <param name="searchable">False for text the search index must not hold (a folded answer).</param>
    /// <returns>The HTML.</returns>
    public string ToHtml(MarkdownDocument document, PageContext context, bool searchable = true)
    {
        ArgumentNullException.ThrowIfNull(document);
        ArgumentNullException.ThrowIfNull(context);
        RewriteLinks(document, context.ResolveLink);
        foreach (var block in document.Descendants<LeafBlock>())
        {
            if (block is HeadingBlock heading)
            {
                var attributes = heading.GetAttributes();
                var id = context.ClaimId(attributes.Id ?? "section");
                attributes.Id = id;
                context.AddHeading(new Heading(heading.Level, id, PlainText(heading.Inline)));
            }
            else if (searchable)
            {
                context.Search.Add(SearchableText(block));
            }
        }

        using var writer = new StringWriter();
        var renderer = new HtmlRenderer(writer);
        pipeline.Setup(renderer);
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlMathInlineRenderer>(new FormulaInlineRenderer(context.Math));
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlMathBlockRenderer>(new FormulaBlockRenderer(context.Math));
        renderer.ObjectRenderers.ReplaceOrAdd<CodeBlockRenderer>(new HighlightedCodeRenderer(highlighter));
        renderer.ObjectRenderers.ReplaceOrAdd<HtmlTableRenderer>(new ScrollingTableRenderer());
        renderer.ObjectRenderers.ReplaceOrAdd<LineBreakInlineRenderer>(new CjkLineBreakRenderer());
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>The text of a heading or paragraph, without markup (formulas keep their TeX).</summary>
    /// <param name="inline">The inline content.</param>
    /// <returns>The text.</returns>
    public static string PlainText(ContainerInline? inline)
    {
        if (inline is null)
        {
            return "";
        }
        var text = new System.Text.StringBuilder();
        foreach (var node in inline.Descendants())
        {
            switch (node)
            {
                case LiteralInline literal: text.Append(literal.Content.ToString()); break;
                case CodeInline code: text.Append(code.Content); break;
                case MathInline math: text.Append(math.Content.ToString()); break;
                case LineBreakInline lineBreak when !JoinsChinese(lineBreak): text.Append(' '); break;
            }
        }
        return text.ToString().Trim();
    }

    /// <summary>
    /// Whether a line break is a soft one between two Chinese characters (a CJK ideograph or full-width punctuation on
    /// both sides). Chinese puts no space between words, so such a break is nothing (CSS Text's segment-break rule,
    /// which browsers do not all apply): rendered as a space it would split a phrase, and a search for 数值稳定 would
    /// miss 数值 at a line's end and 稳定 on the next.
    /// </summary>
    private static bool JoinsChinese(LineBreakInline lineBreak) =>
        !lineBreak.IsHard
        && lineBreak.PreviousSibling is LiteralInline { Content: { Length: > 0 } before } && CjkLanguage.IsChinese(before.Text[before.End])
        && lineBreak.NextSibling is LiteralInline { Content: { Length: > 0 } after } && CjkLanguage.IsChinese(after.Text[after.Start]);

    /// <summary>Renders a soft line break between Chinese characters as nothing (<see cref="JoinsChinese"/>), any other as Markdig does.</summary>
    private sealed class CjkLineBreakRenderer : LineBreakInlineRenderer
    {
        protected override void Write(HtmlRenderer renderer, LineBreakInline obj)
        {
            if (!JoinsChinese(obj))
            {
                base.Write(renderer, obj);
            }
        }
    }

    /// <summary>A block's text for the search index: its inline text, or a code or math block's lines, or an HTML
    /// block without its tags.</summary>
    private static string SearchableText(LeafBlock block) => block switch
    {
        { Inline: { } inline } => PlainText(inline),
        HtmlBlock html => System.Net.WebUtility.HtmlDecode(Tag().Replace(html.Lines.ToString(), " ")),
        _ => block.Lines.ToString(),
    };

    [System.Text.RegularExpressions.GeneratedRegex("<[^>]*>")]
    private static partial System.Text.RegularExpressions.Regex Tag();

    /// <summary>
    /// Absolute and in-page links stay; a relative link goes to the resolver, which returns the page to link to,
    /// or null for a file that is not part of the site: then the link becomes its plain text, so no page links
    /// to a file that is not there.
    /// </summary>
    private static void RewriteLinks(MarkdownDocument document, Func<string, string?> resolve)
    {
        foreach (var link in document.Descendants<LinkInline>().ToArray())
        {
            var url = link.Url ?? "";
            if (link.IsImage ? IsEmbedded(url) : IsExternalOrInPage(url))
            {
                continue;
            }
            var target = resolve(url);
            if (target is not null)
            {
                link.Url = target;
                continue;
            }
            Inline anchor = link;
            for (var child = link.FirstChild; child is not null;)
            {
                var next = child.NextSibling;
                child.Remove();
                anchor.InsertAfter(child);
                anchor = child;
                child = next;
            }
            link.Remove();
        }
    }

    private static bool IsEmbedded(string url) => url.StartsWith("data:", StringComparison.OrdinalIgnoreCase);

    /// <summary>External reference links are plain <c>a</c> elements: following one is the reader's choice.</summary>
    private static bool IsExternalOrInPage(string url) =>
        url.StartsWith('#')
        || url.StartsWith("http://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("https://", StringComparison.OrdinalIgnoreCase)
        || url.StartsWith("mailto:", StringComparison.OrdinalIgnoreCase);

    /// <summary>Markdig's math extension with its inline parser replaced by Jupyter's rule.</summary>
    private sealed class JupyterInlineMath : IMarkdownExtension
    {
        public void Setup(MarkdownPipelineBuilder pipeline)
        {
            if (!pipeline.InlineParsers.Replace<MathInlineParser>(new JupyterMathInlineParser()))
            {
                throw new InvalidOperationException("Markdig's math extension must be set up before Jupyter's inline rule.");
            }
        }

        public void Setup(MarkdownPipeline pipeline, IMarkdownRenderer renderer)
        {
        }
    }

    private sealed class FormulaInlineRenderer(IReadOnlyDictionary<Formula, string> math) : HtmlObjectRenderer<MathInline>
    {
        protected override void Write(HtmlRenderer renderer, MathInline obj) =>
            renderer.Write(obj.DelimiterCount >= 2
                ? Scrollable(Rendered(math, new Formula(obj.Content.ToString().Trim(), true)), "span")
                : Rendered(math, new Formula(obj.Content.ToString().Trim(), false)));
    }

    private sealed class FormulaBlockRenderer(IReadOnlyDictionary<Formula, string> math) : HtmlObjectRenderer<MathBlock>
    {
        protected override void Write(HtmlRenderer renderer, MathBlock obj) =>
            renderer.Write(Scrollable(Rendered(math, new Formula(obj.Lines.ToString().Trim(), true)), "div")).WriteLine();
    }

    /// <summary>A displayed formula may be wider than a phone: it scrolls, and so must be reachable from the keyboard.</summary>
    private static string Scrollable(string html, string element) =>
        $"<{element} class=\"math-display\" tabindex=\"0\">{html}</{element}>";

    private static string Rendered(IReadOnlyDictionary<Formula, string> math, Formula formula) =>
        math.TryGetValue(formula, out var html)
            ? html
            : throw new InvalidOperationException($"The formula '{formula.Tex}' was not rendered ahead of time.");

    /// <summary>A wide table scrolls inside its own keyboard-reachable box instead of widening the page on a phone.</summary>
    private sealed class ScrollingTableRenderer : HtmlTableRenderer
    {
        protected override void Write(HtmlRenderer renderer, Table table)
        {
            renderer.Write("<div class=\"table-scroll\" tabindex=\"0\">");
            base.Write(renderer, table);
            renderer.WriteLine("</div>");
        }
    }

    private sealed class HighlightedCodeRenderer(CSharpHighlighter highlighter) : HtmlObjectRenderer<CodeBlock>
    {
        protected override void Write(HtmlRenderer renderer, CodeBlock obj)
        {
            var language = (obj as FencedCodeBlock)?.Info;
            renderer.Write(highlighter.ToHtml(obj.Lines.ToString(), language));
        }
    }
}
