using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The hand-out tells its reader only what works from the hand-out folder, and says what a student needs.</summary>
public class HandoutInstructionTests
{
    [Theory]
    [InlineData("Build it: `dotnet build lib/CrossEntropy.Interactive -c Release` from the root.", "dotnet build lib/CrossEntropy.Interactive -c Release")]
    [InlineData("Run:\n\n```bash\ndotnet run --project lib/NotebookRunner -c Release\n```\n", "dotnet run --project lib/NotebookRunner -c Release")]
    [InlineData("Start `LC_ALL=C.UTF-8 jupyter lab` here.", "LC_ALL=C.UTF-8 jupyter lab")]
    public void Commands_are_found_in_code_spans_and_fenced_blocks(string markdown, string command)
    {
        Assert.Equal([command], HandoutInstructions.Commands(markdown));
    }

    [Theory]
    [InlineData("In the repository, build it once: `dotnet build lib/X -c Release`.")]
    [InlineData("The repository's main job writes it:\n\n```bash\ndotnet run --project lib/NotebookRunner\n```\n")]
    [InlineData("Call `Exercises01.FairDie(x)` and read `lib/` with `#r \"../lib/x.dll\"`.")]
    public void Commands_for_the_repository_and_code_that_is_no_command_are_not_instructions_here(string markdown)
    {
        Assert.Empty(HandoutInstructions.Commands(markdown));
    }

    [Fact]
    public void Paths_are_the_relative_file_arguments()
    {
        Assert.Equal(["lib/NotebookRunner"], HandoutInstructions.Paths("dotnet run --project lib/NotebookRunner -c Release"));
        Assert.Empty(HandoutInstructions.Paths("dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001"));
        Assert.Empty(HandoutInstructions.Paths("pip install jupyterlab"));
    }

    [Fact]
    public void A_build_command_needs_a_project_where_a_folder_of_built_dlls_is_not_enough()
    {
        var root = Directory.CreateTempSubdirectory("handout-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(root, "lib", "Lib", "bin"));
            Directory.CreateDirectory(Path.Combine(root, "notebooks"));
            File.WriteAllText(Path.Combine(root, "README.md"),
                "Open `notebooks/`, or build: `dotnet build lib/Lib -c Release`; also `ls lib/Lib/bin` and `node tools/missing.js`.\n");
            var problems = HandoutInstructions.Problems(root).Select(p => p.ToString()).ToArray();
            Assert.Equal([
                "README.md: `dotnet build lib/Lib -c Release` needs lib/Lib, which the hand-out does not have",
                "README.md: `node tools/missing.js` needs tools/missing.js, which the hand-out does not have",
            ], problems);
            File.WriteAllText(Path.Combine(root, "lib", "Lib", "Lib.csproj"), "<Project />");
            Assert.Single(HandoutInstructions.Problems(root));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    /// <summary>The course's own hand-out, written (not executed): every command in it works from its folder.</summary>
    [Fact]
    public void Every_command_in_the_course_hand_out_works_from_the_hand_out_folder()
    {
        var layout = RepoLayout.Find(AppContext.BaseDirectory);
        var root = Directory.CreateTempSubdirectory("course-handout-").FullName;
        try
        {
            new StudentEditionWriter(layout.NotebooksDirectory, root).Write(layout.NumberedNotebooks(), clean: true);
            var problems = HandoutInstructions.Problems(root);
            Assert.True(problems.Count == 0, "the hand-out tells the student to run:\n" + string.Join("\n", problems));
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }

    [Fact]
    public void The_hand_out_README_says_how_to_run_the_notebooks_and_what_to_expect()
    {
        var root = Directory.CreateTempSubdirectory("handout-readme-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(root, "00-x.ipynb"), Synthetic.Exercises("00-x.ipynb").Root.ToJsonString());
            new StudentEditionWriter(root, Path.Combine(root, "out")).Write(["00-x.ipynb"], clean: true);
            var readme = File.ReadAllText(Path.Combine(root, "out", "README.md"));
            Assert.Contains("dotnet interactive jupyter install", readme, StringComparison.Ordinal); // the Jupyter route
            Assert.Contains("jupyter lab", readme, StringComparison.Ordinal);
            Assert.Contains("nuget.org", readme, StringComparison.Ordinal);                           // the first run's feed
            Assert.Contains("`1,5`", readme, StringComparison.Ordinal);                               // display language
            Assert.Contains("`∞`", readme, StringComparison.Ordinal);
            Assert.Contains("deprecated", readme, StringComparison.Ordinal);                          // the kernel's state
            Assert.Contains("dotnet/interactive#4163", readme, StringComparison.Ordinal);
            Assert.Contains("Microsoft.dotnet-interactive --version 1.0.712001", readme, StringComparison.Ordinal);
            Assert.Contains("## Reading the notebooks", readme, StringComparison.Ordinal);           // the notebooks point here
        }
        finally
        {
            Directory.Delete(root, recursive: true);
        }
    }
}
