using System.Diagnostics;
using System.Text.RegularExpressions;
using Xunit.Abstractions;

namespace CrossEntropy.Notebooks.Tests.Tool;

/// <summary>
/// The packed tool on a repository that shares nothing with this course (Fixtures/foreign-notebooks: two ballistics
/// notebooks, plain C#, math, a Plotly chart, an exercise, a cell that fails on purpose, and its own
/// .config/notebooks.json with its own glob, mask and site title), run from a copy of that folder as its users would.
/// Filter: <c>--filter "Tool=foreign"</c>.
/// </summary>
[Trait("Tool", "foreign")]
public sealed partial class ForeignRepositoryTests(PackedTool tool, ITestOutputHelper log) : IClassFixture<PackedTool>
{
    private static readonly string Fixture =
        Path.Combine(NotebookRuns.Layout.Root, "tests", "CrossEntropy.Notebooks.Tests", "Fixtures", "foreign-notebooks");

    [Fact]
    public void The_tool_installs_from_the_packed_folder_alone()
    {
        Assert.True(File.Exists(tool.Executable), tool.Log);
        // A tool path keeps its packages in its own store: the installed build must be the one just packed, byte for byte.
        var package = Directory.EnumerateFiles(tool.PackageFolder, PackedTool.PackageId + ".*.nupkg").Single();
        using var zip = System.IO.Compression.ZipFile.OpenRead(package);
        var packed = zip.Entries.Single(e => e.FullName.EndsWith("/NotebookRunner.dll", StringComparison.Ordinal));
        using var stream = packed.Open();
        using var bytes = new MemoryStream();
        stream.CopyTo(bytes);
        var installed = Directory.EnumerateFiles(Path.Combine(tool.ToolPath, ".store"), "NotebookRunner.dll", SearchOption.AllDirectories).Single();
        Assert.Equal(bytes.ToArray(), File.ReadAllBytes(installed));
        log.WriteLine($"pack and install: {tool.SetUpTime.TotalSeconds:F1} s");
    }

    [Fact]
    public async Task Check_names_the_failing_cell_and_finds_every_other_output_unchanged()
    {
        var repo = tool.Copy(Fixture);
        var clock = Stopwatch.StartNew();
        // The student edition and the kernel-free apps assume the course's check type and app runtime (see the README).
        var (code, output) = await tool.RunAsync(Path.Combine(repo, "book"), "check", "--no-student", "--no-export", "--no-site");
        log.WriteLine($"check: {clock.Elapsed.TotalSeconds:F1} s\n{output}");

        Assert.True(code == 1, $"exit code {code}, expected 1 for the failing cell:\n{output}");
        Assert.Contains("ERROR chapter-2.ipynb cell 5: Error: System.FormatException: The input string 'seven'", output, StringComparison.Ordinal);
        Assert.DoesNotContain("ERROR chapter-1.ipynb", output, StringComparison.Ordinal);
        // Chapter 1 prints the kernel's process id: it matches only through the repository's own mask.
        Assert.Equal(2, Regex.Count(output, "outputs match the committed notebook"));
        Assert.Contains("2 notebook(s): 1 ok, 1 failed", output, StringComparison.Ordinal);
        Assert.DoesNotContain("CrossEntropy", output, StringComparison.Ordinal);

        // Without that mask (a configuration given on the command line), the same executed copies differ at that cell.
        var unmasked = Path.Combine(repo, "unmasked.json");
        await File.WriteAllTextAsync(unmasked, """{ "notebooks": "book/chapter-*.ipynb" }""");
        var (again, report) = await tool.RunAsync(repo, "check", "--no-execute", "--no-student", "--no-export", "--no-site",
            "--config", unmasked, "--notebook", "chapter-1");
        Assert.True(again == 1, $"exit code {again}:\n{report}");
        Assert.Matches(KernelProcessDifference(), report);
    }

    [Fact]
    public async Task Site_renders_the_pages_the_math_the_chart_and_folds_the_answer()
    {
        var repo = tool.Copy(Fixture);
        var clock = Stopwatch.StartNew();
        var (code, output) = await tool.RunAsync(repo, "site");
        log.WriteLine($"site: {clock.Elapsed.TotalSeconds:F1} s\n{output}");

        Assert.True(code == 0, $"exit code {code}:\n{output}");
        var site = Path.Combine(repo, "artifacts", "site");
        Assert.Equal(["chapter-1.html", "chapter-2.html", "index.html", "readme.html"],
            Directory.EnumerateFiles(site, "*.html").Select(Path.GetFileName).Order(StringComparer.Ordinal));
        var chapter1 = await File.ReadAllTextAsync(Path.Combine(site, "chapter-1.html"));
        var chapter2 = await File.ReadAllTextAsync(Path.Combine(site, "chapter-2.html"));
        var index = await File.ReadAllTextAsync(Path.Combine(site, "index.html"));

        Assert.Contains("<title>Projectile range &#183; Ballistics by hand</title>", chapter1, StringComparison.Ordinal);
        Assert.True(Regex.Count(chapter1, "class=\"katex-display\"") == 1, "the display formula should be rendered by KaTeX");
        Assert.True(Regex.Count(chapter1, "class=\"katex\"") >= 3, "the inline formulas should be rendered by KaTeX");
        Assert.DoesNotContain("$$", chapter1, StringComparison.Ordinal);
        Assert.Matches("<div class=\"chart\" id=\"[^\"]+\"></div><script type=\"application/json\" class=\"chart-figure\"", chapter1);
        Assert.Contains("Range against launch angle", chapter1, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(site, "assets", "plotly-2.28.0.min.js")), "plotly.js should be served from the site");

        // The answer is folded: its line (as highlighted) appears only inside the closed "Show the solution" block.
        const string answer = "Math.Sin(<span class=\"number\">30</span>";
        var fold = chapter2.IndexOf("<details class=\"solution\"><summary>Show the solution</summary>", StringComparison.Ordinal);
        Assert.True(fold >= 0, "the solution region should be folded behind Show the solution");
        var end = chapter2.IndexOf("</details>", fold, StringComparison.Ordinal);
        Assert.Contains(answer, chapter2[fold..end], StringComparison.Ordinal);
        Assert.DoesNotContain(answer, chapter2[..fold] + chapter2[end..], StringComparison.Ordinal);
        Assert.Contains("href=\"chapter-2.html\"", index, StringComparison.Ordinal);
        Assert.DoesNotContain("entropy", index + chapter1 + chapter2, StringComparison.OrdinalIgnoreCase);
        // No translations: today's single-language site, with no language switch and no language folder.
        Assert.DoesNotContain("language-switch", index + chapter1 + chapter2, StringComparison.Ordinal);
        Assert.Equal(["assets", "downloads"], Directory.EnumerateDirectories(site).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }

    // The difference report names chapter 1's cell 6 and shows the process id that only the mask hides.
    [GeneratedRegex(@"DIFFERS chapter-1\.ipynb cell 6:[\s\S]*kernel process \d+")]
    private static partial Regex KernelProcessDifference();
}
