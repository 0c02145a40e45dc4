namespace CrossEntropy.Site.Tests;

/// <summary>Paths in the repository the tests run from.</summary>
internal static class Repo
{
    /// <summary>The folder holding CrossEntropyNotebooks.sln, found by walking up from the test binaries.</summary>
    public static string Root { get; } = FindRoot();

    /// <summary>lib/NotebookSite: package.json, the KaTeX install and tools/render-math.cjs.</summary>
    public static string ToolDirectory => Path.Combine(Root, "lib", "NotebookSite");

    /// <summary>The committed numbered notebooks of the English edition, in course order.</summary>
    public static IReadOnlyList<string> Notebooks => NotebooksMatching(@"^[0-9]{2}-[^.]*\.ipynb$");

    /// <summary>The Chinese edition's language tag (its pages' folder).</summary>
    public const string Chinese = "zh-CN";

    /// <summary>The committed numbered notebooks of the Chinese edition (<c>01-entropy.zh-CN.ipynb</c>), in course order.</summary>
    public static IReadOnlyList<string> ChineseNotebooks => NotebooksMatching(@"^[0-9]{2}-[^.]*\.zh-CN\.ipynb$");

    private static string[] NotebooksMatching(string pattern) =>
        Directory.EnumerateFiles(Path.Combine(Root, "notebooks"), "*.ipynb")
            .Where(p => System.Text.RegularExpressions.Regex.IsMatch(Path.GetFileName(p), pattern))
            .Order(StringComparer.Ordinal)
            .ToArray();

    /// <summary>The README.</summary>
    public static string Readme => Path.Combine(Root, "README.md");

    /// <summary>The kernel-free edition's folder (one app per notebook).</summary>
    public static string AppsDirectory => Path.Combine(Root, "notebooks", "apps");

    /// <summary>Where the browser test writes its screenshots.</summary>
    public static string ScreenshotDirectory => Path.Combine(Root, "artifacts", "site-screenshots");

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CrossEntropyNotebooks.sln")))
            {
                return dir.FullName;
            }
        }
        throw new DirectoryNotFoundException($"No folder above {AppContext.BaseDirectory} holds CrossEntropyNotebooks.sln.");
    }
}
