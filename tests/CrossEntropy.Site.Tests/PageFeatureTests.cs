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

    /// <summary>A site without translations (any repository of notebooks without them) is today's single-language
    /// site: no switch, no alternate addresses, no language folder, one search index.</summary>
    [Fact]
    public void A_site_without_translations_has_no_language_switch()
    {
        using var site = new TempSite([("00-start.ipynb", Titled("Start")), ("01-one.ipynb", Titled("One"))]);
        foreach (var page in new[] { "index.html", "01-one.html" })
        {
            var document = site.Document(page);
            Assert.Empty(document.QuerySelectorAll(".language-switch, nav.languages, link[rel=alternate]"));
            Assert.Equal("en", document.DocumentElement.GetAttribute("lang"));
        }
        Assert.Equal(["search-index.js"], Directory.EnumerateFiles(Path.Combine(site.SiteDirectory, "assets"), "search-index*").Select(Path.GetFileName));
        Assert.Equal(["assets", "downloads"], Directory.EnumerateDirectories(site.SiteDirectory).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    /// <summary>
    /// A translation is rendered under its language's folder with the English page names, its frame in its language,
    /// its links resolved inside it (a link to the README to the English README page), the shared assets one folder up,
    /// its own search index and downloads (its notebook, its hand-out zip, the English notebook's app), and a switch
    /// to its twin both ways.
    /// </summary>
    [Fact]
    public void A_translation_gets_its_own_folder_frame_links_search_and_downloads()
    {
        var root = Directory.CreateTempSubdirectory("translated-site-").FullName;
        try
        {
            var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
            var apps = Directory.CreateDirectory(Path.Combine(root, "apps")).FullName;
            var student = Directory.CreateDirectory(Path.Combine(root, "student-zh-CN")).FullName;
            File.WriteAllText(Path.Combine(apps, "01-one.cs"), "Console.WriteLine(1);");
            new InlineNotebook().Markdown("# 学生版").WriteTo(student, "01-one.zh-CN.ipynb");
            var readme = Path.Combine(root, "README.md");
            File.WriteAllText(readme, "# The project\n\n## Setup\n\ntext\n");
            string[] english = [Titled("Start").WriteTo(notebooks, "00-start.ipynb"), Titled("One").Markdown("## Part\n\ntext").WriteTo(notebooks, "01-one.ipynb")];
            string[] chinese =
            [
                new InlineNotebook().Markdown("# 开始\n\n见[第一篇](01-one.zh-CN.ipynb#部分)和[说明](../README.md#setup)。").WriteTo(notebooks, "00-start.zh-CN.ipynb"),
                new InlineNotebook().Markdown("# 第一篇\n\n## 部分\n\n数值\n稳定的交叉熵。")
                    .Code("Exercises01.FairDie(x)", RendererTests.Verdict("Solved", "✔")).WriteTo(notebooks, "01-one.zh-CN.ipynb"),
            ];
            using var site = new TempSite(english, readme, appsDirectory: apps,
                translations: [new SiteTranslation("zh-CN", chinese) { Title = "课程", StudentEdition = student }]);

            Assert.Equal(["zh-CN/index.html", "zh-CN/01-one.html"], site.Pages.Where(p => p.Language == "zh-CN").Select(p => p.SitePath));
            var index = site.Document("zh-CN/index.html");
            Assert.Equal("zh-CN", index.DocumentElement.GetAttribute("lang"));
            Assert.Equal("课程", index.QuerySelector(".site-title")!.TextContent);
            Assert.Equal(["01-one.html#部分", "../readme.html#setup"], index.QuerySelectorAll("main a").Select(a => Uri.UnescapeDataString(a.GetAttribute("href")!)));
            Assert.Equal("../assets/site.css", index.QuerySelector("link[rel=stylesheet][href$='site.css']")!.GetAttribute("href"));
            Assert.Equal("../index.html", index.QuerySelector("a.language-switch")!.GetAttribute("href"));
            Assert.Equal("zh-CN/index.html", site.Document("index.html").QuerySelector("a.language-switch")!.GetAttribute("href"));
            Assert.Equal("zh-CN/index.html", site.Document("readme.html").QuerySelector("a.language-switch")!.GetAttribute("href"));

            var one = site.Document("zh-CN/01-one.html");
            Assert.Equal(["../downloads/01-one.zh-CN.ipynb", "../downloads/01-one.cs", "../" + SiteDownloads.HandOutPath("zh-CN")],
                one.QuerySelectorAll(".downloads a").Select(a => a.GetAttribute("href")!));
            Assert.StartsWith(SiteText.Chinese.Download, one.QuerySelector(".downloads")!.TextContent, StringComparison.Ordinal);
            Assert.Equal(SiteText.Chinese.ShowSolution, one.QuerySelector("main details.solution > summary")!.TextContent);
            Assert.Equal(SiteText.Chinese.OnThisPage, one.QuerySelector("#toc-title")!.TextContent);
            Assert.Contains("数值稳定的交叉熵", one.QuerySelector("main")!.TextContent, StringComparison.Ordinal);
            using (var zip = ZipFile.OpenRead(Path.Combine(site.SiteDirectory, SiteDownloads.HandOutPath("zh-CN"))))
            {
                Assert.Contains(zip.Entries, e => e.FullName.EndsWith("01-one.zh-CN.ipynb", StringComparison.Ordinal));
            }
            // The English pages offer no hand-out: the Chinese one is the Chinese pages' own.
            Assert.Empty(site.Document("01-one.html").QuerySelectorAll(".downloads a[href$='.zip']"));

            var script = File.ReadAllText(Path.Combine(site.SiteDirectory, SearchIndex.ScriptFor("zh-CN")));
            Assert.Contains("数值稳定的交叉熵", script, StringComparison.Ordinal);
            Assert.DoesNotContain("数值稳定", File.ReadAllText(Path.Combine(site.SiteDirectory, SearchIndex.Script)), StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, true);
        }
    }

    [Fact]
    public void A_translated_notebook_must_be_named_after_its_original_and_its_language_must_have_a_frame()
    {
        var sources = Directory.CreateTempSubdirectory("sources-").FullName;
        try
        {
            var english = Titled("One").WriteTo(sources, "01-one.ipynb");
            var misnamed = Titled("一").WriteTo(sources, "01-one-zh.ipynb");
            var error = Assert.Throws<ArgumentException>(() => new TempSite([english], null, translations: [new SiteTranslation("zh-CN", [misnamed])]));
            Assert.Contains("01-one-zh.ipynb", error.Message, StringComparison.Ordinal);
            var french = Titled("Un").WriteTo(sources, "01-one.fr.ipynb");
            error = Assert.Throws<ArgumentException>(() => new TempSite([english], null, translations: [new SiteTranslation("fr", [french])]));
            Assert.Contains("'fr'", error.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(sources, true);
        }
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
