using NotebookRunner;
using NotebookRunner.CommandLine;
using NotebookRunner.Export;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>The runner's export stage on a throw-away repository: writes what changed, removes what lost its notebook.</summary>
[Trait(KernelFree.Trait, KernelFree.Unit)]
public sealed class ExportStageTests
{
    [Fact]
    public void Writes_missing_and_changed_apps_only_and_removes_an_app_whose_notebook_is_gone()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-first.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# First"), Ipynb.Code("Console.WriteLine(1);")));
        repo.Add("02-second.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# Second"), Ipynb.Code("Console.WriteLine(2);")));
        var apps = ExportStage.AppsDirectory(repo.Layout);
        Directory.CreateDirectory(apps);
        File.WriteAllText(Path.Combine(apps, "09-removed.cs"), "// its notebook is gone");
        File.WriteAllText(Path.Combine(apps, "helper.cs"), "// not an app of a numbered notebook: kept");

        var report = new StringWriter();
        Assert.Equal(ExitCodes.Success, ExportStage.Write(repo.Layout, report));
        Assert.Contains("written: 01-first.cs, 02-second.cs; removed: 09-removed.cs", report.ToString(), StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(2);", File.ReadAllText(Path.Combine(apps, "02-second.cs")), StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(apps, "helper.cs")));

        repo.Add("02-second.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Markdown("# Second"), Ipynb.Code("Console.WriteLine(22);")));
        report = new StringWriter();
        Assert.Equal(ExitCodes.Success, ExportStage.Write(repo.Layout, report));
        Assert.Contains("(written: 02-second.cs)", report.ToString(), StringComparison.Ordinal);

        report = new StringWriter();
        ExportStage.Write(repo.Layout, report);
        Assert.Contains("all up to date", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_notebook_that_cannot_be_exported_fails_the_stage_with_one_line_naming_it()
    {
        using var repo = new TemporaryRepository();
        repo.Add("01-broken.ipynb", Ipynb.Notebook(Ipynb.VsCodeMetadata(), Ipynb.Code("var x = (;")));
        var report = new StringWriter();
        Assert.Equal(ExitCodes.Failure, ExportStage.Write(repo.Layout, report));
        Assert.StartsWith("FAILED: the kernel-free apps could not be written: 01-broken.ipynb cell 1, line 1:", report.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public void The_runner_has_an_export_command()
    {
        Assert.Equal(RunnerCommand.Export, RunnerCommandLine.Parse("export").Command);
        Assert.Equal(RunnerCommand.Check, RunnerCommandLine.Parse().Command);
        Assert.False(RunnerCommandLine.Parse().NoExport);
        Assert.True(RunnerCommandLine.Parse("check", "--no-export").NoExport);
    }
}
