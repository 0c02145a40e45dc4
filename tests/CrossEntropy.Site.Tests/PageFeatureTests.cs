using System.IO.Compression;
using System.Text.Json.Nodes;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The page features on small inline notebooks: downloads, the search index, the kernel's noise, verdict
/// boxes, the table of contents' numbers, Chinese text.</summary>
public class PageFeatureTests
{
    private static InlineNotebook Titled(string title) => new InlineNotebook().Markdown($"# {title}\n\nIntro.");

    [Fact]
    public void A_student_edition_becomes_the_hand_out_every_page_links_to()
    {
        var student = Directory.CreateTempSubdirectory("student-edition-").FullName;
        try
        {
            new InlineNotebook().Markdown("# Hand-out").WriteTo(student, "01-one.ipynb");
            var sources = Directory.CreateTempSubdirectory("sources-").FullName;
            var notebook = Titled("One").WriteTo(sources, "01-one.ipynb");
            using var site = new TempSite([notebook], null, student);
            var href = Assert.Single(site.Document("01-one.html").QuerySelectorAll(".downloads a[href$='.zip']")).GetAttribute("href")!;
            Assert.Equal(SiteDownloads.HandOut, href);
            Assert.Equal(href, site.Document("index.html").QuerySelector(".downloads a[href$='.zip']")!.GetAttribute("href"));
            using var zip = ZipFile.OpenRead(Path.Combine(site.SiteDirectory, href));
            Assert.Contains(zip.Entries, e => e.FullName.EndsWith("01-one.ipynb", StringComparison.Ordinal));
            Directory.Delete(sources, true);
        }
        finally
        {
            Directory.Delete(student, true);
        }
    }

    [Fact]
    public void Without_a_student_edition_pages_offer_only_the_notebook()
    {
        using var site = new TempSite([("01-one.ipynb", Titled("One"))]);
        var links = site.Document("01-one.html").QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")!).ToArray();
        Assert.Equal([SiteDownloads.NotebookPath("01-one.ipynb")], links);
        Assert.False(File.Exists(Path.Combine(site.SiteDirectory, SiteDownloads.HandOut)));
        Assert.Empty(site.Document("index.html").QuerySelectorAll(".downloads"));
    }

    [Fact]
    public void The_search_index_has_each_section_but_no_answer()
    {
        var notebook = Titled("One").Markdown("## Entropy\n\nThe surprisal of a coin.")
            .Code("Console.WriteLine(\"visible output\");", InlineNotebook.Stream("printed tulip\n"))
            .Code(RendererTests.CheckCell, InlineNotebook.Stream("answer output\n"), RendererTests.Verdict("Solved", "✔"))
            .Markdown("The worked answer: ocelot.", "solution");
        using var site = new TempSite([("01-one.ipynb", notebook)]);
        var script = File.ReadAllText(Path.Combine(site.SiteDirectory, SearchIndex.Script));
        var index = JsonNode.Parse(script["window.siteSearchIndex = ".Length..].TrimEnd().TrimEnd(';'))!.AsArray();
        var page = Assert.Single(index, e => e!["page"]!.GetValue<string>() == "01-one.html")!;
        var sections = page["sections"]!.AsArray();
        var entropy = Assert.Single(sections, s => s!["heading"]!.GetValue<string>() == "Entropy")!;
        Assert.Equal("entropy", entropy["anchor"]!.GetValue<string>());
        var text = entropy["text"]!.GetValue<string>();
        Assert.Contains("The surprisal of a coin.", text, StringComparison.Ordinal);
        Assert.Contains("printed tulip", text, StringComparison.Ordinal);
        Assert.Contains("double dieBits = double.NaN;", text, StringComparison.Ordinal);
        foreach (var answer in new[] { "Math.Log2(20)", "answer output", "your value matches", "ocelot" })
        {
            Assert.DoesNotContain(answer, script, StringComparison.Ordinal);
        }
    }

    [Fact]
    public void The_kernels_package_list_and_extension_path_are_left_out()
    {
        using var site = new TempSite([("01-one.ipynb", Titled("One").Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"",
            InlineNotebook.Display("text/html", "<div><div></div><div><strong>Installed Packages</strong><ul><li><span>Plotly.NET.Interactive, 6.0.0</span></li></ul></div></div>"),
            InlineNotebook.Display("text/plain", "Loading extensions from `/root/.nuget/packages/plotly.net.interactive/6.0.0/x.dll`"),
            InlineNotebook.Stream("kept\n")))]);
        var html = site.Html("01-one.html");
        Assert.DoesNotContain("Installed Packages", html, StringComparison.Ordinal);
        Assert.DoesNotContain("/root/", html, StringComparison.Ordinal);
        Assert.Equal(["kept"], site.Document("01-one.html").QuerySelectorAll("main pre.output").Select(p => p.TextContent));
    }

    /// <summary>The downloads check can fail: a notebook and a hand-out notebook that still carry the kernel's
    /// extension-loading line (as committed notebooks did before the runner left it out) are both named.</summary>
    [Fact]
    public void A_machine_path_in_a_downloaded_notebook_or_in_the_hand_out_zip_is_found()
    {
        static InlineNotebook Noisy() => Titled("One").Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"",
            InlineNotebook.Display("text/plain", "Loading extensions from `/root/.nuget/packages/plotly.net.interactive/6.0.0/x.dll`"));
        var student = Directory.CreateTempSubdirectory("student-edition-").FullName;
        try
        {
            Noisy().WriteTo(student, "01-one.ipynb");
            File.WriteAllText(Path.Combine(student, "README.md"), "Open the notebooks in VS Code.\n");
            var sources = Directory.CreateTempSubdirectory("sources-").FullName;
            using var site = new TempSite([Noisy().WriteTo(sources, "01-one.ipynb")], null, student);
            Directory.Delete(sources, true);
            var found = DownloadChecks.MachinePaths(Path.Combine(site.SiteDirectory, SiteDownloads.Folder));
            Assert.Contains(found, f => f.StartsWith("01-one.ipynb: ", StringComparison.Ordinal) && f.Contains("/root/", StringComparison.Ordinal));
            Assert.Contains(found, f => f.StartsWith("student-edition.zip!", StringComparison.Ordinal) && f.Contains("01-one.ipynb: ", StringComparison.Ordinal));
            Assert.DoesNotContain(found, f => f.Contains("README.md", StringComparison.Ordinal));
        }
        finally
        {
            Directory.Delete(student, true);
        }
    }

    [Theory]
    [InlineData("Solved", "✔", "verdict-solved")]
    [InlineData("Not solved yet", "…", "verdict-not-solved-yet")]
    [InlineData("Incorrect", "✘", "verdict-incorrect")]
    public void A_verdict_box_is_marked_for_the_stylesheet(string label, string mark, string cssClass)
    {
        using var site = new TempSite([("01-one.ipynb", Titled("One").Code("Exercises01.FairDie(x)", RendererTests.Verdict(label, mark)))]);
        var box = Assert.Single(site.Document("01-one.html").QuerySelectorAll("main .output-html.verdict"));
        Assert.Contains(cssClass, box.ClassList);
    }

    [Fact]
    public void Self_numbered_headings_are_listed_without_the_lists_numbers()
    {
        using var site = new TempSite([("01-one.ipynb", Titled("One").Markdown("## 1. First\n\n### 1.1 Inner\n\n### Plain\n\n## 2. Second"))]);
        var toc = site.Document("01-one.html").QuerySelector("nav.toc ol")!;
        Assert.Contains("numbered-headings", toc.ClassList);
        var inner = toc.QuerySelector("ol")!;
        Assert.Contains("numbered-headings", inner.ClassList);
        using var plain = new TempSite([("01-one.ipynb", Titled("One").Markdown("## First\n\n## 2026 results"))]);
        Assert.DoesNotContain("numbered-headings", plain.Document("01-one.html").QuerySelector("nav.toc ol")!.ClassList);
    }

    [Fact]
    public void Chinese_runs_are_marked_but_not_inside_titles_scripts_or_tags()
    {
        const string html = "<title>交叉熵</title><p title=\"熵\">The blog says “交叉熵，越小越好” and $n$是</p><script>var s = \"熵\";</script>";
        var marked = CjkLanguage.Mark(html);
        Assert.Equal("<title>交叉熵</title><p title=\"熵\">The blog says “<span lang=\"zh-CN\">交叉熵，越小越好</span>” and $n$<span lang=\"zh-CN\">是</span></p>"
            + "<script>var s = \"熵\";</script>", marked);
        Assert.Equal("no Chinese", CjkLanguage.Mark("no Chinese"));
    }
}
