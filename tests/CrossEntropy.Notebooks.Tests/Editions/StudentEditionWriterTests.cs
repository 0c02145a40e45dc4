using NotebookRunner;
using NotebookRunner.Editions;

namespace CrossEntropy.Notebooks.Tests.Editions;

/// <summary>The hand-out folder, on a synthetic repository in a temporary folder.</summary>
public sealed class StudentEditionWriterTests : IDisposable
{
    private readonly string repo = Directory.CreateTempSubdirectory("edition-writer-").FullName;

    public void Dispose() => Directory.Delete(repo, recursive: true);

    private string Notebooks => Path.Combine(repo, "notebooks");

    private StudentEditionWriter Writer() => new(Notebooks, Path.Combine(repo, "artifacts", "student"));

    private void Save(NotebookFile notebook) => notebook.Save(Path.Combine(Notebooks, notebook.Name));

    private string Library(string name)
    {
        var folder = Path.Combine(repo, "lib", name, "bin", "Release", "net10.0");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, name + ".dll"), "not really a dll: " + name);
        File.WriteAllText(Path.Combine(folder, name + ".xml"), "<doc/>");
        return $"../lib/{name}/bin/Release/net10.0/{name}.dll";
    }

    [Fact]
    public void Library_files_loaded_by_relative_path_are_mirrored_so_the_same_path_resolves()
    {
        Directory.CreateDirectory(Notebooks);
        var reference = Library("Lib.A");
        Save(Synthetic.Notebook("90-a.ipynb", Ipynb.Markdown("# 90. A"),
            Ipynb.Code($"#r \"nuget: MathNet.Numerics, 5.0.0\"\n#r \"{reference}\"\nSetup();")));
        var writer = Writer();
        writer.Write(["90-a.ipynb"], clean: true);

        var mirrored = Path.GetFullPath(Path.Combine(writer.NotebooksDirectory, reference));
        Assert.Equal("not really a dll: Lib.A", File.ReadAllText(mirrored));
        Assert.True(File.Exists(Path.ChangeExtension(mirrored, ".xml")));
        Assert.False(Directory.Exists(Path.Combine(writer.Root, "nuget: MathNet.Numerics, 5.0.0")));
    }

    [Fact]
    public void The_folder_holds_student_notebooks_a_readme_naming_each_and_the_extra_files()
    {
        Directory.CreateDirectory(Notebooks);
        Save(Synthetic.Exercises("90-synthetic.ipynb"));
        var extra = Path.Combine(repo, "run-times.json");
        File.WriteAllText(extra, "{}");
        var writer = Writer();
        var written = writer.Write(["90-synthetic.ipynb"], clean: true, [extra]);

        var student = NotebookFile.Load(Assert.Single(written));
        Assert.DoesNotContain("Math.Log2(6)", student.ToJson(), StringComparison.Ordinal);
        Assert.Contains("`90-synthetic.ipynb`: 90. A synthetic notebook", File.ReadAllText(Path.Combine(writer.Root, "README.md")),
            StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(writer.Root, "run-times.json")));
    }

    [Fact]
    public void A_clean_write_removes_what_an_earlier_write_left()
    {
        Directory.CreateDirectory(Notebooks);
        Save(Synthetic.Exercises("90-synthetic.ipynb"));
        var writer = Writer();
        Directory.CreateDirectory(writer.NotebooksDirectory);
        var stale = Path.Combine(writer.NotebooksDirectory, "89-deleted.ipynb");
        File.WriteAllText(stale, "{}");
        writer.Write(["90-synthetic.ipynb"], clean: true);
        Assert.False(File.Exists(stale));
    }

    [Fact]
    public void A_protocol_error_writes_nothing()
    {
        Directory.CreateDirectory(Notebooks);
        Save(Synthetic.Exercises("90-synthetic.ipynb"));
        Save(Synthetic.Notebook("91-broken.ipynb", Ipynb.Markdown("# 91"),
            Synthetic.Tagged(Ipynb.Code("Check(Math.Log2(6))"), NotebookConventions.Default.SolutionTag)));
        var writer = Writer();
        var e = Assert.Throws<EditionException>(() => writer.Write(["90-synthetic.ipynb", "91-broken.ipynb"], clean: true));
        Assert.StartsWith("91-broken.ipynb cell 2:", e.Message, StringComparison.Ordinal);
        Assert.False(Directory.Exists(writer.Root));
    }

    [Fact]
    public void A_reference_outside_the_hand_out_folder_is_refused()
    {
        Directory.CreateDirectory(Notebooks);
        Save(Synthetic.Notebook("90-a.ipynb", Ipynb.Markdown("# 90"), Ipynb.Code("#r \"../../elsewhere/X.dll\"")));
        var e = Assert.Throws<EditionException>(() => Writer().Write(["90-a.ipynb"], clean: true));
        Assert.Contains("outside the hand-out folder", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_missing_library_file_says_to_build_first()
    {
        Directory.CreateDirectory(Notebooks);
        Save(Synthetic.Notebook("90-a.ipynb", Ipynb.Markdown("# 90"), Ipynb.Code("#r \"../lib/Missing/Missing.dll\"")));
        var e = Assert.Throws<FileNotFoundException>(() => Writer().Write(["90-a.ipynb"], clean: true));
        Assert.Contains("build the library", e.Message, StringComparison.Ordinal);
    }
}
