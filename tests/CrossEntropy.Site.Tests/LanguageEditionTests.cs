using System.Text.Json;
using System.Text.RegularExpressions;
using AngleSharp.Dom;
using NotebookSite;

namespace CrossEntropy.Site.Tests;

/// <summary>The committed site's two editions as files: each page's language, its switch to its twin, a frame wholly
/// in the page's language, and links that land.</summary>
[Collection(CommittedSiteGroup.Name)]
public sealed partial class LanguageEditionTests(CommittedSiteFixture site)
{
    /// <summary>Every page of each edition has one switch per other language, marked with that language, leading to
    /// its twin (the page of the same name there), which exists; the head names the page's address in both languages.
    /// The README has no Chinese twin: its switch leads to the Chinese index and its head names no alternate.</summary>
    [Fact]
    public void Every_page_links_its_twin_in_the_other_language_and_the_twin_exists()
    {
        Assert.Equal(site.Pages.Count - 1, site.ChinesePages.Count); // all but the README
        foreach (var page in site.AllPages)
        {
            var document = site.Site.Document(page.SitePath);
            var (other, otherFolder, back) = page.Language is null ? (Repo.Chinese, Repo.Chinese + "/", "../") : ("en", "../", Repo.Chinese + "/");
            var twin = site.AllPages.SingleOrDefault(p => p.FileName == page.FileName && p.Language != page.Language);
            var link = Assert.Single(document.QuerySelectorAll("header nav.languages a.language-switch"));
            Assert.Equal(other, link.GetAttribute("hreflang"));
            Assert.Equal(other, link.GetAttribute("lang"));
            Assert.Equal(otherFolder + (twin?.FileName ?? "index.html"), link.GetAttribute("href"));
            var target = Path.GetFullPath(Path.Combine(site.Directory, Path.GetDirectoryName(page.SitePath)!, link.GetAttribute("href")!));
            Assert.True(File.Exists(target), $"{page.SitePath}: the switch leads to {link.GetAttribute("href")}, which is not in the site");

            var alternates = document.Head!.QuerySelectorAll("link[rel=alternate]").ToDictionary(l => l.GetAttribute("hreflang")!, l => l.GetAttribute("href")!);
            if (twin is null)
            {
                Assert.Equal(SiteBuilder.ReadmePage, page.SitePath);
                Assert.Empty(alternates);
                continue;
            }
            Assert.Equal(page.FileName, alternates[page.Language ?? "en"]);
            Assert.Equal(otherFolder + twin.FileName, alternates[other]);
            // Both ways: the twin's switch leads back here.
            Assert.Equal(back + page.FileName, site.Site.Document(twin.SitePath).QuerySelector("nav.languages a")!.GetAttribute("href"));
        }
    }

    /// <summary>Chinese pages are Chinese as a whole, English pages English.</summary>
    [Fact]
    public void Chinese_pages_have_lang_zh_CN_and_English_pages_lang_en()
    {
        Assert.All(site.ChinesePages, p => Assert.Equal("zh-CN", site.Site.Document(p.SitePath).DocumentElement.GetAttribute("lang")));
        Assert.All(site.Pages, p => Assert.Equal("en", site.Site.Document(p.SitePath).DocumentElement.GetAttribute("lang")));
    }

    /// <summary>
    /// No word of the English frame is left on a Chinese page: the frame's text (everything outside the notebook's own
    /// content), its attributes (titles, placeholders, accessible names, alternative texts), the folds' labels and the
    /// charts' names inside the content, and the words the page hands to site.js, hold none of the English catalog's
    /// strings (a placeholder such as <c>{0}</c> splits a string into the parts checked).
    /// </summary>
    [Fact]
    public void No_English_frame_string_is_left_on_a_Chinese_page()
    {
        var english = SiteText.English.Strings
            .SelectMany(s => Placeholder().Split(s)).Select(s => s.Trim()).Where(s => s.Length >= 4).Distinct().ToArray();
        var problems = new List<string>();
        foreach (var page in site.ChinesePages)
        {
            var document = site.Site.Document(page.SitePath);
            var frame = FrameTexts(document).ToArray();
            problems.AddRange(english.SelectMany(e => frame.Where(t => t.Contains(e, StringComparison.OrdinalIgnoreCase))
                .Select(t => $"{page.SitePath}: \"{e}\" in \"{t}\"")));
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Distinct().Take(20)));
        // The check can fail: an English page's frame holds them.
        var englishFrame = FrameTexts(site.Site.Document("01-entropy.html")).ToArray();
        Assert.Contains(englishFrame, t => t.Contains(SiteText.English.OnThisPage, StringComparison.Ordinal));
    }

    /// <summary>The frame's texts of a page: text and attributes outside <c>main</c> (the language switch left out: it
    /// speaks the language it leads to), the folds' labels, chart names and image texts inside it, the title, and the
    /// words for site.js.</summary>
    private static IEnumerable<string> FrameTexts(IDocument document)
    {
        var main = document.QuerySelector("main")!;
        var frame = document.Body!.QuerySelectorAll("*").Where(e => !main.Contains(e) && e.Closest("a.language-switch, script, style") is null);
        foreach (var element in frame)
        {
            foreach (var text in element.ChildNodes.OfType<IText>())
            {
                yield return text.Data;
            }
            foreach (var name in new[] { "title", "placeholder", "aria-label", "alt" })
            {
                if (element.GetAttribute(name) is { } value)
                {
                    yield return value;
                }
            }
        }
        foreach (var named in main.QuerySelectorAll("details > summary, figure[aria-label], img[alt]"))
        {
            yield return named.LocalName == "summary" ? named.TextContent : named.GetAttribute("aria-label") ?? named.GetAttribute("alt")!;
        }
        var words = JsonSerializer.Deserialize<Dictionary<string, string>>(document.GetElementById("site-text")!.TextContent)!;
        foreach (var value in words.Values)
        {
            yield return value;
        }
        yield return document.Title ?? "";
    }

    [GeneratedRegex(@"\{[0-9]\}")]
    private static partial Regex Placeholder();

    /// <summary>Every catalog has the same words for site.js, and site.js asks only for words the catalogs have.</summary>
    [Fact]
    public void Every_catalog_has_every_word_site_js_asks_for()
    {
        var script = File.ReadAllText(Path.Combine(Repo.ToolDirectory, "Assets", "site.js"));
        var asked = ScriptWord().Matches(script).Select(m => m.Groups["key"].Value).ToHashSet();
        Assert.NotEmpty(asked);
        foreach (var text in SiteText.All)
        {
            Assert.Equal(SiteText.English.Script.Keys.Order(StringComparer.Ordinal), text.Script.Keys.Order(StringComparer.Ordinal));
            Assert.True(asked.All(text.Script.ContainsKey), $"{text.Lang} lacks " + string.Join(", ", asked.Where(k => !text.Script.ContainsKey(k))));
        }
        // The theme's names are looked up by the scheme's value ("system", "light", "dark").
        Assert.All(Schemes, k => Assert.Contains(k, SiteText.Chinese.Script.Keys));
    }

    private static readonly string[] Schemes = ["system", "light", "dark"];

    [GeneratedRegex(@"say\(""(?<key>[A-Za-z]+)""")]
    private static partial Regex ScriptWord();

    /// <summary>Every relative link in every page's text lands on a file of the site, and a link with an anchor on an
    /// element of that page: the Chinese notebooks' links to each other stay in the Chinese edition, and their links to
    /// the README go to the English README page (there is no Chinese README).</summary>
    [Fact]
    public void Every_relative_link_in_the_text_lands_on_a_page_and_anchor_of_the_site()
    {
        var problems = new List<string>();
        var readmeLinks = 0;
        foreach (var page in site.AllPages)
        {
            var folder = Path.GetDirectoryName(Path.Combine(site.Directory, page.SitePath))!;
            foreach (var href in site.Site.Document(page.SitePath).QuerySelectorAll("main a[href]").Select(a => a.GetAttribute("href")!))
            {
                if (href.StartsWith('#') || Uri.TryCreate(href, UriKind.Absolute, out _))
                {
                    continue;
                }
                var parts = href.Split('#', 2);
                var target = Path.GetFullPath(Path.Combine(folder, Uri.UnescapeDataString(parts[0])));
                if (!File.Exists(target))
                {
                    problems.Add($"{page.SitePath}: {href} is not in the site");
                    continue;
                }
                if (page.Language is not null)
                {
                    readmeLinks += href.StartsWith("../" + SiteBuilder.ReadmePage, StringComparison.Ordinal) ? 1 : 0;
                    if (Path.GetDirectoryName(target) != folder && !target.EndsWith(SiteBuilder.ReadmePage, StringComparison.Ordinal))
                    {
                        problems.Add($"{page.SitePath}: {href} leaves the Chinese edition");
                    }
                }
                var anchor = parts.Length == 2 ? Uri.UnescapeDataString(parts[1]) : null;
                if (anchor is not null && site.Site.Document(Path.GetRelativePath(site.Directory, target)).GetElementById(anchor) is null)
                {
                    problems.Add($"{page.SitePath}: {href} has no element #{anchor}");
                }
            }
        }
        Assert.True(problems.Count == 0, string.Join('\n', problems.Take(20)));
        Assert.True(readmeLinks > 0, "no Chinese page links the README");
    }
}
