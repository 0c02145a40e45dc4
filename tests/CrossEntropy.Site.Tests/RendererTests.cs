using System.Text.Json.Nodes;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The renderer on small inline notebooks: math, code, outputs, charts, links, contents, neighbours.</summary>
public class RendererTests
{
    private static TempSite Site(params (string, InlineNotebook)[] notebooks) => new(notebooks);

    private static InlineNotebook Titled(string title) => new InlineNotebook().Markdown($"# {title}\n\nIntro.");

    [Fact]
    public void Math_reaches_KaTeX_untouched_by_Markdown()
    {
        // '*' and '_' would become emphasis, '\\' an escape, if Markdig processed the formula as text.
        using var site = Site(("01-one.ipynb", Titled("One").Markdown(
            "Inline $a_1 * b_2 * c_3$ and display:\n\n$$\\frac{x_1}{y_2} \\\\ z$$\n\nand a block\n\n$$\nH(p) = -\\sum_i p_i \\log p_i\n$$")));
        var page = site.Document("01-one.html");
        var katex = page.QuerySelectorAll(".katex");
        Assert.Equal(3, katex.Length);
        var annotations = page.QuerySelectorAll("annotation").Select(a => a.TextContent).ToArray();
        Assert.Contains("a_1 * b_2 * c_3", annotations);
        Assert.Contains("\\frac{x_1}{y_2} \\\\ z", annotations);
        Assert.Contains("H(p) = -\\sum_i p_i \\log p_i", annotations);
        Assert.Empty(page.QuerySelectorAll("main em"));
        Assert.Equal(2, page.QuerySelectorAll(".math-display .katex-display").Length);
        Assert.DoesNotContain("$", page.QuerySelector("main")!.TextContent.Replace(string.Concat(annotations), "", StringComparison.Ordinal));
    }

    [Fact]
    public void A_formula_followed_by_a_letter_is_math_as_in_Jupyter()
    {
        // Markdig wants whitespace or punctuation after the closing $; Jupyter and VS Code do not.
        using var site = Site(("01-one.ipynb", Titled("One").Markdown("$m$ first: the blog writes \"$n$是数据的维度\" and $x_i$s, but costs $5 and $6.")));
        var main = site.Document("01-one.html").QuerySelector("main")!;
        Assert.Equal(["m", "n", "x_i"], main.QuerySelectorAll("annotation").Select(a => a.TextContent));
        Assert.Contains("costs $5 and $6.", main.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public void Escaped_dollars_stay_text_and_both_delimiters_are_math()
    {
        // Markdig's escape runs before the math parser: \$x\$ is two literal dollars around x, as in Jupyter.
        using var site = Site(("01-one.ipynb", Titled("One").Markdown(
            "Escaped \\$x\\$ stays, $y$ and $$z^2$$ are math, and $a \\$ b$ keeps its TeX dollar.")));
        var main = site.Document("01-one.html").QuerySelector("main")!;
        Assert.Equal(["y", "z^2", "a \\$ b"], main.QuerySelectorAll("annotation").Select(a => a.TextContent));
        Assert.Contains("Escaped $x$ stays", main.TextContent, StringComparison.Ordinal);
        Assert.Single(main.QuerySelectorAll(".math-display .katex"));
    }

    [Fact]
    public void Dollars_in_code_stay_code()
    {
        using var site = Site(("01-one.ipynb", Titled("One").Markdown("Interpolate with `$\"{x}\"` and `$\"{y}\"`.")));
        var codes = site.Document("01-one.html").QuerySelectorAll("main p code").Select(c => c.TextContent).ToArray();
        Assert.Equal(["$\"{x}\"", "$\"{y}\""], codes);
    }

    [Fact]
    public void A_formula_KaTeX_rejects_fails_the_build_and_is_quoted()
    {
        var e = Assert.Throws<InvalidOperationException>(() => Site(("01-one.ipynb", Titled("One").Markdown("Broken $\\frac{1}{$ here."))));
        Assert.Contains("\\frac{1}{", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void CSharp_is_highlighted_in_a_scrollable_focusable_block()
    {
        using var site = Site(("01-one.ipynb", Titled("One").Code("var x = \"text\"; // why\nint n = 2;")));
        var pre = site.Document("01-one.html").QuerySelector("main pre.code")!;
        Assert.Equal("0", pre.GetAttribute("tabindex"));
        Assert.Equal("var", pre.QuerySelector(".keyword")!.TextContent);
        Assert.Equal("\"text\"", pre.QuerySelector(".string")!.TextContent);
        Assert.Equal("// why", pre.QuerySelector(".comment")!.TextContent);
        Assert.Equal("var x = \"text\"; // why\nint n = 2;", pre.TextContent);
    }

    [Fact]
    public void Every_kind_of_output_is_rendered()
    {
        using var site = Site(("01-one.ipynb", Titled("One").Code("work();",
            InlineNotebook.Stream("printed <b>not bold</b>\n"),
            InlineNotebook.Stream("a warning\n", "stderr"),
            InlineNotebook.Display("text/html", "<table class=\"mine\"><tr><td>cell</td></tr></table>"),
            InlineNotebook.Display("text/plain", "plain & simple"),
            InlineNotebook.Display("image/png", "iVBORw0KGgo="),
            InlineNotebook.Error("System.Exception", "boom", "\u001b[31mSystem.Exception: boom\u001b[0m"))));
        var outputs = site.Document("01-one.html").QuerySelector("main .outputs")!;
        var pres = outputs.QuerySelectorAll("pre.output").Select(p => p.TextContent).ToArray();
        Assert.Equal(["printed <b>not bold</b>", "a warning", "plain & simple", "System.Exception: boom"], pres);
        Assert.Empty(outputs.QuerySelectorAll("b"));
        Assert.NotNull(outputs.QuerySelector("pre.stderr"));
        Assert.NotNull(outputs.QuerySelector("pre.error"));
        Assert.Equal("cell", outputs.QuerySelector(".output-html table.mine td")!.TextContent);
        Assert.Equal("data:image/png;base64,iVBORw0KGgo=", outputs.QuerySelector("img")!.GetAttribute("src"));
    }

    [Fact]
    public void A_chart_loses_its_CDN_loader_and_becomes_a_responsive_figure()
    {
        var chartHtml = CommittedChartHtml();
        Assert.Contains("cdn.plot.ly", chartHtml, StringComparison.Ordinal); // the notebook's own loader
        var figure = PlotlyOutput.Parse(chartHtml);
        var html = PlotlyChart.ToHtml(figure);
        Assert.DoesNotContain("require", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("cdn", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("http", html, StringComparison.OrdinalIgnoreCase);

        using var site = Site(("01-one.ipynb", Titled("One").Code("chart", InlineNotebook.Display("text/html", chartHtml))));
        var page = site.Document("01-one.html");
        var div = page.QuerySelector("figure.chart-cell .chart")!;
        var json = JsonNode.Parse(page.QuerySelector($"script.chart-figure[data-for='{div.Id}']")!.TextContent)!;
        Assert.Equal(figure.Data.ToJsonString(), json["data"]!.ToJsonString());
        Assert.Null(json["layout"]!["width"]);
        Assert.True((bool)json["layout"]!["autosize"]!);
        Assert.True((bool)json["config"]!["responsive"]!);
        Assert.Equal(SiteAssets.PlotlyJs, page.QuerySelector("head script[src*='plotly']")!.GetAttribute("src"));
        Assert.True(File.Exists(Path.Combine(site.SiteDirectory, SiteAssets.PlotlyJs)));
    }

    [Fact]
    public void A_page_without_charts_does_not_load_plotly()
    {
        using var site = Site(("01-one.ipynb", Titled("One")));
        Assert.Null(site.Document("01-one.html").QuerySelector("script[src*='plotly']"));
    }

    [Fact]
    public void Links_to_notebooks_and_the_README_are_rewritten_and_links_to_other_files_become_text()
    {
        using var site = new TempSite(
        [
            ("01-one.ipynb", Titled("One").Markdown(
                "[next](02-two.ipynb#part), [readme](../README.md), [code](../lib/Thing.cs), [web](https://example.org/x), [here](#intro)")
                .Markdown("[first in its paragraph](../lib/First.cs) stays as text.")),
            ("02-two.ipynb", Titled("Two")),
        ], withReadme: true);
        var links = site.Document("01-one.html").QuerySelectorAll("main a").ToDictionary(a => a.TextContent, a => a.GetAttribute("href"));
        Assert.Equal("02-two.html#part", links["next"]);
        Assert.Equal(SiteBuilder.ReadmePage, links["readme"]);
        Assert.Equal("https://example.org/x", links["web"]);
        Assert.Equal("#intro", links["here"]);
        Assert.False(links.ContainsKey("code"));
        Assert.Contains("code", site.Document("01-one.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("first in its paragraph stays as text.", site.Document("01-one.html").QuerySelector("main")!.TextContent, StringComparison.Ordinal);

        var readme = site.Document(SiteBuilder.ReadmePage);
        Assert.Equal("01-one.html", readme.QuerySelectorAll("main a").Single(a => a.TextContent == "notebook 1").GetAttribute("href"));
        Assert.DoesNotContain(readme.QuerySelectorAll("main a"), a => a.TextContent == "the code");
    }

    [Fact]
    public void The_table_of_contents_lists_sections_and_subsections_with_unique_anchors()
    {
        using var site = Site(("01-one.ipynb", Titled("One")
            .Markdown("## Exercises\n\n### Exercise 1.1: first")
            .Markdown("### Exercise 1.2: second")
            .Markdown("## Exercises")));
        var page = site.Document("01-one.html");
        var top = page.QuerySelectorAll("nav.toc > details > ol > li").ToArray();
        Assert.Equal(2, top.Length);
        Assert.Equal(["#exercise-11-first", "#exercise-12-second"], top[0].QuerySelectorAll(":scope > ol a").Select(a => a.GetAttribute("href")));
        var anchors = top.Select(li => li.QuerySelector("a")!.GetAttribute("href")!).ToArray();
        Assert.Equal(["#exercises", "#exercises-2"], anchors);
        Assert.All(page.QuerySelectorAll("nav.toc a"), a => Assert.NotNull(page.GetElementById(a.GetAttribute("href")![1..])));
    }

    [Fact]
    public void Without_a_start_here_notebook_the_index_is_a_generated_course_map()
    {
        using var site = Site(
            ("01-one.ipynb", new InlineNotebook().Markdown("# 1. One\n\n**What you will learn**\n\n- the $p_i$ thing;\n- another.\n\nMore.")),
            ("02-two.ipynb", Titled("2. Two")));
        var index = site.Document("index.html");
        var entries = index.QuerySelectorAll(".course-map > li").ToArray();
        Assert.Equal(["1. One", "2. Two"], entries.Select(e => e.QuerySelector("h2")!.TextContent));
        Assert.Equal(["01-one.html", "02-two.html"], entries.Select(e => e.QuerySelector("h2 a")!.GetAttribute("href")));
        Assert.Equal(2, entries[0].QuerySelectorAll("ul li").Length);
        Assert.NotNull(entries[0].QuerySelector(".katex"));
        Assert.Null(entries[1].QuerySelector("ul"));
        Assert.Equal(["index.html", "01-one.html", "02-two.html"], site.Pages.Select(p => p.FileName));
    }

    [Fact]
    public void A_start_here_notebook_becomes_the_index_and_heads_the_neighbour_chain()
    {
        using var site = Site(
            ("00-start-here.ipynb", Titled("Start here").Markdown("[first](01-one.ipynb)")),
            ("01-one.ipynb", Titled("One").Markdown("[back](00-start-here.ipynb)")));
        Assert.False(File.Exists(Path.Combine(site.SiteDirectory, "00-start-here.html")));
        Assert.Equal("Start here", site.Document("index.html").QuerySelector("main h1")!.TextContent);
        Assert.Equal("index.html", site.Document("01-one.html").QuerySelectorAll("main a").Single(a => a.TextContent == "back").GetAttribute("href"));
        Assert.Equal("index.html", site.Document("01-one.html").QuerySelector("a[rel=prev]")!.GetAttribute("href"));
        Assert.Throws<ArgumentException>(() => Site(("00-a.ipynb", Titled("A")), ("00-b.ipynb", Titled("B"))));
    }

    [Fact]
    public void Any_number_of_notebooks_are_chained_in_file_name_order()
    {
        var numbers = new[] { 99, 7, 10, 1, 42 };
        using var site = Site(numbers.Select(n => ($"{n:00}-n{n}.ipynb", Titled($"Notebook {n}"))).ToArray());
        var order = new[] { "index.html", "01-n1.html", "07-n7.html", "10-n10.html", "42-n42.html", "99-n99.html" };
        Assert.Equal(order, site.Pages.Select(p => p.FileName));
        for (var i = 0; i < order.Length; i++)
        {
            var page = site.Document(order[i]);
            Assert.Equal(i > 0 ? order[i - 1] : null, page.QuerySelector("header a[rel=prev]")?.GetAttribute("href"));
            Assert.Equal(i + 1 < order.Length ? order[i + 1] : null, page.QuerySelector("header a[rel=next]")?.GetAttribute("href"));
            Assert.Equal(i > 0 ? order[i - 1] : null, page.QuerySelector("footer a[rel=prev]")?.GetAttribute("href"));
            Assert.Equal(order, page.QuerySelectorAll("nav.course a").Select(a => a.GetAttribute("href")));
            Assert.Equal(order[i], page.QuerySelector("nav.course a[aria-current=page]")!.GetAttribute("href"));
        }
    }

    [Fact]
    public void Solutions_are_folded_and_exercises_marked()
    {
        using var site = Site(("01-one.ipynb", Titled("One")
            .Markdown("### Exercise 1.1: x", "exercise")
            .Markdown("The worked answer.", "solution")));
        var page = site.Document("01-one.html");
        Assert.NotNull(page.QuerySelector(".cell.markdown.exercise h3"));
        var details = page.QuerySelector("details.solution")!;
        Assert.Null(details.GetAttribute("open"));
        Assert.Equal("The worked answer.", details.QuerySelector(".cell.solution")!.TextContent.Trim());
    }

    internal const string CheckCell = """
        double dieBits = double.NaN; // your answer
        // BEGIN SOLUTION
        dieBits = Math.Log2(20);
        // END SOLUTION
        Exercises01.FairDie(dieBits)
        """;

    /// <summary>A check's output as ExerciseResult displays it: HTML box, text line, and the verdict as data.</summary>
    internal static JsonObject Verdict(string label, string mark) => NotebookJson.Display(
        ("text/html", $"<div><strong style=\"color:#2e7d32\">{mark} {label}</strong> · Exercise 1.1, a die: your value matches.</div>"),
        ("text/plain", $"{label}: Exercise 1.1, a die — your value matches."),
        (CheckVerdict.MimeType, new CheckVerdict("Exercise 1.1, a die", mark switch
        {
            "✔" => CheckState.Solved,
            "✘" => CheckState.Incorrect,
            _ => CheckState.NotSolvedYet,
        }).ToJson()));

    /// <summary>The text of a page outside every folded answer, and the folded answers' text.</summary>
    private static (string Shown, string[] Folded) ShownAndFolded(AngleSharp.Dom.IDocument page)
    {
        var main = page.QuerySelector("main")!;
        var folded = main.QuerySelectorAll("details.solution").ToArray();
        var shown = main.Clone(deep: true) as AngleSharp.Dom.IElement;
        foreach (var details in shown!.QuerySelectorAll("details.solution"))
        {
            details.Remove();
        }
        return (shown.TextContent, folded.Select(d => d.TextContent).ToArray());
    }

    [Fact]
    public void An_untagged_check_cell_shows_its_code_but_folds_its_answer_and_every_output()
    {
        using var site = Site(("01-one.ipynb", Titled("One")
            .Code(CheckCell, InlineNotebook.Stream("log2(20) printed by the solution\n"), Verdict("Solved", "✔"))));
        var page = site.Document("01-one.html");
        var (shown, folded) = ShownAndFolded(page);
        Assert.Contains("double dieBits = double.NaN; // your answer", shown, StringComparison.Ordinal);
        Assert.Contains("Exercises01.FairDie(dieBits)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Math.Log2(20)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("Solved", shown, StringComparison.Ordinal);
        Assert.DoesNotContain("printed by the solution", shown, StringComparison.Ordinal);
        Assert.Equal(2, folded.Length);
        Assert.Contains("dieBits = Math.Log2(20);", folded[0], StringComparison.Ordinal);
        Assert.Contains("✔ Solved", folded[1], StringComparison.Ordinal);
        Assert.Contains("printed by the solution", folded[1], StringComparison.Ordinal);
        var summaries = page.QuerySelectorAll("details.solution").Select(d => d.QuerySelector("summary")!.TextContent).ToArray();
        Assert.All(summaries, s => Assert.Equal(SolutionFolding.Summary, s));
        Assert.All(page.QuerySelectorAll("details.solution"), d => Assert.Null(d.GetAttribute("open")));
    }

    [Theory]
    [InlineData("Solved", "✔")]
    [InlineData("Incorrect", "✘")]
    [InlineData("Not solved yet", "…")]
    public void A_verdict_is_folded_in_any_cell_and_other_outputs_stay_shown(string label, string mark)
    {
        using var site = Site(("01-one.ipynb", Titled("One")
            .Code("Exercises01.FairDie(4.3)", InlineNotebook.Stream("an ordinary output\n"), Verdict(label, mark))));
        var (shown, folded) = ShownAndFolded(site.Document("01-one.html"));
        Assert.Contains("an ordinary output", shown, StringComparison.Ordinal);
        Assert.Contains("Exercises01.FairDie(4.3)", shown, StringComparison.Ordinal);
        Assert.DoesNotContain(label, shown, StringComparison.Ordinal);
        var box = Assert.Single(folded);
        Assert.Contains($"{mark} {label}", box, StringComparison.Ordinal);
        Assert.DoesNotContain("\"verdict\"", box, StringComparison.Ordinal); // the data is read, never rendered
    }

    [Fact]
    public void A_verdict_is_known_by_its_data_whatever_its_text_says()
    {
        // A translated label is still a verdict (its data says so); a line that merely reads like one is not.
        using var site = Site(("01-one.ipynb", Titled("One")
            .Code("Check()", NotebookJson.Verdict(new CheckVerdict("练习 1.2", CheckState.Incorrect), "不正确：练习 1.2 — 提示：再看看。"))
            .Code("Explain()", InlineNotebook.Stream("Incorrect: log(0) is handled incorrectly by naive code\n"))));
        var (shown, folded) = ShownAndFolded(site.Document("01-one.html"));
        Assert.Contains("提示：再看看", Assert.Single(folded), StringComparison.Ordinal);
        Assert.Contains("handled incorrectly", shown, StringComparison.Ordinal);
    }

    [Fact]
    public void A_solution_tagged_code_cell_is_folded_whole_once()
    {
        // One fold for the whole cell: no fold inside a fold, which would need two clicks.
        var tagged = Titled("One").Code(CheckCell, Verdict("Solved", "✔"));
        tagged.TagLast("solution");
        using var taggedSite = Site(("01-one.ipynb", tagged));
        var page = taggedSite.Document("01-one.html");
        var details = Assert.Single(page.QuerySelectorAll("details.solution"));
        Assert.Contains("dieBits = Math.Log2(20);", details.TextContent, StringComparison.Ordinal);
        Assert.Contains("✔ Solved", details.TextContent, StringComparison.Ordinal);
        Assert.NotNull(details.QuerySelector(".cell.code.solution"));
    }

    [Fact]
    public void Unbalanced_markers_fail_the_build_naming_the_notebook_and_cell()
    {
        var error = Assert.Throws<InvalidDataException>(() => Site(("01-one.ipynb", Titled("One")
            .Code("double x = double.NaN;\n// BEGIN SOLUTION\nx = 1;\n"))));
        Assert.Contains("01-one.ipynb cell 2", error.Message, StringComparison.Ordinal);
        Assert.Contains("never closed", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_builder_refuses_to_empty_a_folder_that_is_not_a_site()
    {
        var folder = Directory.CreateTempSubdirectory("not-a-site-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(folder, "precious.txt"), "keep me");
            var notebook = new InlineNotebook().Markdown("# One").WriteTo(folder, "01-one.ipynb");
            var e = Assert.Throws<InvalidOperationException>(() => SiteBuilder.Build(new SiteOptions
            {
                Notebooks = [notebook], OutputDirectory = folder, ToolDirectory = Repo.ToolDirectory,
            }));
            Assert.Contains("Refusing", e.Message, StringComparison.Ordinal);
            Assert.True(File.Exists(Path.Combine(folder, "precious.txt")));
        }
        finally
        {
            Directory.Delete(folder, true);
        }
    }

    /// <summary>A real Plotly.NET chart output, from the committed notebook 1.</summary>
    private static string CommittedChartHtml() =>
        Notebook.Load(Path.Combine(Repo.Root, "notebooks", "01-entropy.ipynb")).Cells
            .SelectMany(c => c.Outputs)
            .Select(o => o.Data.GetValueOrDefault("text/html", ""))
            .First(PlotlyOutput.IsChartHtml);
}
