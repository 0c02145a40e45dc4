using NotebookRunner;
using NotebookRunner.Configuration;

namespace CrossEntropy.Notebooks.Tests.Configuration;

/// <summary>The configuration file: defaults, the course's own values, overrides, and one clear line per wrong key.</summary>
public class NotebookConfigTests
{
    [Fact]
    public void An_empty_file_takes_every_default()
    {
        var config = NotebookConfig.Parse("{}", "notebooks.json");
        Assert.Equal("notebooks/*.ipynb", config.Notebooks.Text);
        Assert.Equal("artifacts", config.Artifacts);
        Assert.Empty(config.Build);
        Assert.Empty(config.Masks);
        Assert.True(config.MaskChartNumbers);
        Assert.Equal(NotebookConventions.Default, config.Conventions);
        Assert.Null(config.SiteTitle);
        Assert.Empty(config.SiteTitles);
        Assert.Null(config.RunTimesNotebook);
    }

    [Fact]
    public void The_course_file_holds_the_course_values()
    {
        var layout = NotebookRuns.Layout;
        Assert.Equal("notebooks/[0-9][0-9]-*.ipynb", layout.Config.Notebooks.Text);
        Assert.Equal([Path.Combine(layout.Root, "lib", "CrossEntropy.Interactive", "CrossEntropy.Interactive.csproj")], layout.BuildProjects);
        Assert.Equal("Cross-entropy in C#", layout.Config.SiteTitle);
        Assert.Equal("用 C# 学交叉熵", layout.Config.SiteTitles["zh-CN"]);
        Assert.Equal(Path.Combine(layout.Root, "notebooks", "executed"), layout.ExecutedDirectory);
        Assert.Equal(Path.Combine(layout.Root, "artifacts"), layout.ArtifactsDirectory);
        Assert.Equal(["KernelSetup.Install"], layout.Config.ExportKernelOnlyCalls);
        Assert.True(File.Exists(layout.Under(layout.Config.ExportRuntimeProject)));
        Assert.True(File.Exists(Path.Combine(SiteStage.KatexDirectory(layout), "package-lock.json")));
        Assert.NotEmpty(layout.NumberedNotebooks());
        Assert.All(layout.NumberedNotebooks(), name => Assert.Matches(@"^[0-9]{2}-.*\.ipynb$", name));
    }

    [Fact]
    public void Every_key_is_read()
    {
        var config = NotebookConfig.Parse("""
            {
              // comments and trailing commas are allowed, as in VS Code's own settings files
              "notebooks": "book/chapter-*.ipynb",
              "executed": "out/executed",
              "artifacts": "out",
              "build": ["src/Helpers/Helpers.csproj"],
              "masks": [{ "pattern": "took \\d+ ms", "replacement": "took <n> ms" }],
              "maskChartNumbers": false,
              "machineDependentTag": "volatile",
              "exerciseTag": "task",
              "beginSolution": "// ANSWER",
              "runTimesNotebook": "chapter-0.ipynb",
              "site": { "title": "A book", "titles": { "zh-CN": "一本书" }, "readme": "docs/intro.md", "katex": "tools/katex" },
              "export": { "directory": "apps", "runtimeProject": "src/App/App.csproj", "kernelOnlyCalls": ["Setup.Kernel"] },
            }
            """, "notebooks.json");
        var layout = new RepoLayout("/repo", config);
        Assert.Equal(Path.GetFullPath("/repo/book"), layout.NotebooksDirectory);
        Assert.Equal(Path.GetFullPath("/repo/out/executed"), layout.ExecutedDirectory);
        Assert.Equal(Path.GetFullPath("/repo/out"), layout.ArtifactsDirectory);
        Assert.Equal([Path.GetFullPath("/repo/src/Helpers/Helpers.csproj")], layout.BuildProjects);
        Assert.Equal("took <n> ms, took <n> ms", config.Masks.Single().Apply("took 12 ms, took 7 ms"));
        Assert.False(config.MaskChartNumbers);
        Assert.Equal(("volatile", "task", "// ANSWER", "solution"), (config.Conventions.MachineDependentTag, config.Conventions.ExerciseTag, config.Conventions.BeginSolution, config.Conventions.SolutionTag));
        Assert.True(layout.ShowsRunTimes("chapter-0.ipynb"));
        Assert.False(layout.ShowsRunTimes("chapter-1.ipynb"));
        Assert.Equal(("A book", "docs/intro.md", "tools/katex"), (config.SiteTitle, config.SiteReadme, config.SiteKatex));
        Assert.Equal("一本书", Assert.Single(config.SiteTitles, t => t.Key == "zh-CN").Value);
        Assert.Equal(Path.GetFullPath("/repo/tools/katex"), SiteStage.KatexDirectory(layout));
        Assert.Equal(("apps", "src/App/App.csproj"), (config.ExportDirectory, config.ExportRuntimeProject));
        Assert.Equal(["Setup.Kernel"], config.ExportKernelOnlyCalls);
        Assert.True(layout.IsNotebook("chapter-12.ipynb"));
        Assert.False(layout.IsNotebook("appendix.ipynb"));
    }

    [Theory]
    [InlineData("""{ "title": "x" }""", "unknown key \"title\"; the keys here are notebooks, executed,")]
    [InlineData("""{ "site": { "titel": "x" } }""", "unknown key \"site.titel\"; the keys here are site.title, site.titles, site.readme, site.katex")]
    [InlineData("""{ "site": { "titles": { "zh-CN": 3 } } }""", "\"site.titles.zh-CN\" must be a non-empty string, not 3")]
    [InlineData("""{ "site": { "titles": "x" } }""", "\"site.titles\" must be an object, not \"x\"")]
    [InlineData("""{ "site": "x" }""", "\"site\" must be an object, not \"x\"")]
    [InlineData("""{ "build": "lib/A.csproj" }""", "\"build\" must be an array of strings, not \"lib/A.csproj\"")]
    [InlineData("""{ "build": ["lib/A.csproj", 3] }""", "\"build\"[1] must be a non-empty string, not 3")]
    [InlineData("""{ "artifacts": "/tmp/out" }""", "\"artifacts\" must be relative to the repository root, not '/tmp/out'")]
    [InlineData("""{ "maskChartNumbers": "yes" }""", "\"maskChartNumbers\" must be true or false, not \"yes\"")]
    [InlineData("""{ "machineDependentTag": "" }""", "\"machineDependentTag\" must be a non-empty string, not \"\"")]
    [InlineData("""{ "notebooks": "notebooks/*.dib" }""", "\"notebooks\": 'notebooks/*.dib' must end with .ipynb")]
    [InlineData("""{ "notebooks": "*/[0-9]*.ipynb" }""", "\"notebooks\": '*/[0-9]*.ipynb' has a wildcard in its folder part '*'")]
    [InlineData("""{ "notebooks": "nb/[0-9.ipynb" }""", "\"notebooks\": 'nb/[0-9.ipynb' has a '[' without its ']'")]
    [InlineData("""{ "masks": [{ "pattern": "(" , "replacement": "" }] }""", "\"masks[0].pattern\" is not a valid regular expression")]
    [InlineData("""{ "masks": [{ "replacement": "" }] }""", "\"masks[0].pattern\" is missing")]
    [InlineData("""{ "masks": [{ "pattern": "a", "replace": "" }] }""", "unknown key \"masks[0].replace\"")]
    [InlineData("""{ "notebooks": "a.ipynb", }x""", "not valid JSON: line 1")]
    public void A_wrong_key_is_one_line_naming_the_file_and_the_key(string json, string expected)
    {
        var e = Assert.Throws<ConfigException>(() => NotebookConfig.Parse(json, ".config/notebooks.json"));
        Assert.StartsWith(".config/notebooks.json: ", e.Message, StringComparison.Ordinal);
        Assert.Contains(expected, e.Message, StringComparison.Ordinal);
        Assert.DoesNotContain('\n', e.Message);
    }

    [Theory]
    [InlineData("notebooks/[0-9][0-9]-*.ipynb", "01-entropy.ipynb", true)]
    [InlineData("notebooks/[0-9][0-9]-*.ipynb", "1-entropy.ipynb", false)]
    [InlineData("notebooks/[0-9][0-9]-*.ipynb", "01-entropy.ipynb.bak", false)]
    [InlineData("nb/[!x]?.ipynb", "ab.ipynb", true)]
    [InlineData("nb/[!x]?.ipynb", "xb.ipynb", false)]
    [InlineData("nb/a+b(1).ipynb", "a+b(1).ipynb", true)]
    [InlineData("nb/a+b(1).ipynb", "aab1.ipynb", false)]
    [InlineData("*.ipynb", "anything.ipynb", true)]
    public void The_glob_matches_file_names(string glob, string name, bool expected)
    {
        Assert.Equal(expected, NotebookGlob.Parse(glob).Matches(name));
    }

    [Fact]
    public void A_glob_without_a_folder_means_the_root()
    {
        Assert.Equal(".", NotebookGlob.Parse("*.ipynb").Folder);
        Assert.Equal("a/b", NotebookGlob.Parse(@"a\b\*.ipynb").Folder);
    }

    [Fact]
    public void The_root_is_found_by_its_config_file_and_an_invalid_one_stops_with_its_key()
    {
        var root = Directory.CreateTempSubdirectory("config-test-").FullName;
        try
        {
            var deep = Directory.CreateDirectory(Path.Combine(root, "a", "b")).FullName;
            Directory.CreateDirectory(Path.Combine(root, ".config"));
            File.WriteAllText(Path.Combine(root, NotebookConfig.RelativePath), """{ "artifacts": "out" }""");
            var layout = RepoLayout.Find(deep);
            Assert.Equal(root, layout.Root);
            Assert.Equal(Path.Combine(root, "out"), layout.ArtifactsDirectory);

            File.WriteAllText(Path.Combine(root, NotebookConfig.RelativePath), """{ "artifacts": 1 }""");
            var e = Assert.Throws<ConfigException>(() => RepoLayout.Find(deep));
            Assert.Contains("\"artifacts\" must be a non-empty string, not 1", e.Message, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void A_repository_mask_applies_after_the_built_in_ones()
    {
        var normalizer = new OutputNormalizer(null, masks: [new OutputMask(@"seed \d+", "seed <seed>")]);
        Assert.Equal("seed <seed> at <time>", normalizer.NormalizeText("seed 42 at 2026-12-07T04:00:00Z"));
    }
}
