using System.Text.Json.Nodes;
using NotebookRunner;
using NotebookRunner.Export;

namespace CrossEntropy.Notebooks.Tests.Export;

/// <summary>
/// The kernel-free edition's exporter on small synthetic notebooks, without running dotnet:
/// <c>dotnet test --filter "KernelFree=unit"</c>.
/// </summary>
[Trait(KernelFree.Trait, KernelFree.Unit)]
public sealed class AppExporterTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("app-export-test-").FullName;

    public void Dispose() => Directory.Delete(root, recursive: true);

    [Fact]
    public void Packages_become_pinned_package_directives_and_kernel_extensions_are_left_out()
    {
        var app = Export(Ipynb.Code("#r \"nuget: Plotly.NET.Interactive, 6.0.0\"\n#r \"nuget: MathNet.Numerics, 4.0.0\"\n#r \"nuget: Markdig, 1.6.0\""),
            pinned: new Dictionary<string, string> { ["MathNet.Numerics"] = "5.0.0" });
        Assert.Contains("#:package MathNet.Numerics@5.0.0\n", app, StringComparison.Ordinal); // the central pin wins
        Assert.Contains("#:package Markdig@1.6.0\n", app, StringComparison.Ordinal);            // else the notebook's own
        Assert.DoesNotContain("#:package Plotly.NET.Interactive", app, StringComparison.Ordinal);
        Assert.Contains("// (notebook only) #r \"nuget: Plotly.NET.Interactive, 6.0.0\"", app, StringComparison.Ordinal);
        Assert.Contains("#:property ManagePackageVersionsCentrally=false\n", app, StringComparison.Ordinal);
        Assert.StartsWith("#:", app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_package_without_a_version_anywhere_is_an_error_naming_the_cell()
    {
        var e = Assert.Throws<AppExportException>(() => Export(Ipynb.Markdown("# T"), Ipynb.Code("#r \"nuget: Markdig\"")));
        Assert.Contains("test.ipynb cell 2", e.Message, StringComparison.Ordinal);
        Assert.Contains("pins no version", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_dll_becomes_a_project_directive_to_the_project_that_builds_it()
    {
        var project = Path.Combine(root, "lib", "Helper", "Helper.csproj");
        Directory.CreateDirectory(Path.GetDirectoryName(project)!);
        File.WriteAllText(project, "<Project />");
        var app = Export(Ipynb.Code("#r \"../lib/Helper/bin/Release/net10.0/Helper.dll\"\nHelper.Setup.Install();"));
        Assert.Contains("#:project ../../lib/Helper/Helper.csproj\n", app, StringComparison.Ordinal);
        Assert.Contains("#:project ../../lib/NotebookApp/NotebookApp.csproj\n", app, StringComparison.Ordinal);
        Assert.Contains("// (notebook only) Helper.Setup.Install();", app, StringComparison.Ordinal); // a kernel-only call
        Assert.DoesNotContain("Notebook.Cell(1)", app, StringComparison.Ordinal);                       // nothing left to run
    }

    [Fact]
    public void A_dll_no_project_builds_is_an_error()
    {
        var e = Assert.Throws<AppExportException>(() => Export(Ipynb.Code("#r \"../lib/Gone/bin/Gone.dll\"")));
        Assert.Contains("cell 1", e.Message, StringComparison.Ordinal);
        Assert.Contains("Gone.csproj", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Magic_commands_are_kept_as_comments()
    {
        var app = Export(Ipynb.Code("#!time\nConsole.WriteLine(1);"));
        Assert.Contains("// (notebook only) #!time\nNotebook.Cell(1);\nConsole.WriteLine(1);", app, StringComparison.Ordinal);
    }

    [Fact]
    public void Markdown_becomes_comments_with_headings_kept_and_paragraphs_wrapped()
    {
        var paragraph = string.Join(' ', Enumerable.Repeat("entropy", 40));
        var app = Export(Ipynb.Markdown($"# 1. A title\n\n{paragraph}\n\n- {paragraph}\n\n| a | b |\n|---|---|\n\n```csharp\nvar x = 1;   // {paragraph}\n```\n\n$$\nH(p) = -\\sum_i p_i \\log p_i\n$$"));
        var lines = app.Split('\n');
        Assert.Contains("// # 1. A title", lines);
        Assert.Contains("// | a | b |", lines);
        Assert.Contains($"// var x = 1;   // {paragraph}", lines);    // fenced code kept as it is
        Assert.Contains("// H(p) = -\\sum_i p_i \\log p_i", lines);
        var wrapped = lines.Where(l => l.StartsWith("// entropy", StringComparison.Ordinal) || l.StartsWith("// - entropy", StringComparison.Ordinal)
            || l.StartsWith("//   entropy", StringComparison.Ordinal)).ToArray();
        Assert.True(wrapped.Length >= 6, string.Join('\n', wrapped));
        Assert.All(wrapped, l => Assert.True(l.Length <= MarkdownComment.Width, l));
        Assert.Equal(80, wrapped.Sum(l => l.Split(' ').Count(w => w == "entropy"))); // no word lost
        Assert.Contains(lines, l => l.StartsWith("//   entropy", StringComparison.Ordinal));  // a list item's continuation sits under its text
    }

    [Fact]
    public void Lines_of_one_paragraph_are_joined_as_markdown_joins_them_but_hard_breaks_and_list_items_are_kept()
    {
        Assert.Equal("// one paragraph\n// written on three lines\n//\n// - an item continued on\n// - a second item\n",
            MarkdownComment.From("one paragraph  \nwritten on\nthree lines\n\n- an item\n  continued on\n- a second item"));
    }

    [Fact]
    public void A_method_declared_in_one_cell_is_a_local_function_used_by_a_later_cell()
    {
        var app = Export(
            Ipynb.Code("public static double Twice(double x) => 2 * x;"),
            Ipynb.Code("Console.WriteLine(Twice(21));"));
        var declaration = app.IndexOf("static double Twice(double x) => 2 * x;", StringComparison.Ordinal);
        Assert.True(declaration > 0, app);
        Assert.DoesNotContain("public static double Twice", app, StringComparison.Ordinal); // a local function has no access modifier
        Assert.True(declaration < app.IndexOf("Notebook.Cell(2);\nConsole.WriteLine(Twice(21));", StringComparison.Ordinal), app);
    }

    [Fact]
    public void Types_move_after_every_statement_and_usings_move_to_the_top()
    {
        var app = Export(
            Ipynb.Code("using System.Numerics;\n\n// A point of the plane.\nrecord Point(double X, double Y);\n\nvar origin = new Point(0, 0);"),
            Ipynb.Code("using System.Numerics;\nusing System.Globalization;\nConsole.WriteLine(origin);"));
        var record = app.IndexOf("// A point of the plane.\nrecord Point(double X, double Y);", StringComparison.Ordinal);
        Assert.True(record > app.IndexOf("Console.WriteLine(origin);", StringComparison.Ordinal), app);
        Assert.Equal(1, Count(app, "using System.Numerics;"));
        Assert.True(app.IndexOf("using System.Globalization;", StringComparison.Ordinal) < app.IndexOf("Notebook.Start(", StringComparison.Ordinal), app);
        Assert.Contains("using NotebookApp;\nusing System.Collections;\nusing System.Text;\n", app, StringComparison.Ordinal); // the kernel's imports
    }

    [Fact]
    public void Display_calls_and_trailing_expressions_are_shown_through_the_runtime()
    {
        var app = Export(
            Ipynb.Code("display(1.5);\nnew[] { 1, 2 }.Display();\nvar x = 2;\nx * 21"),
            Ipynb.Code("Console.WriteLine(\"no value\")"),
            Ipynb.Code("int y = 3;\n// a comment after the last statement"));
        Assert.Contains("Display.Show(1.5);\nDisplay.Show(new[] { 1, 2 });\nvar x = 2;\nDisplay.Show(x * 21);", app, StringComparison.Ordinal);
        Assert.Contains("Console.WriteLine(\"no value\");\n", app, StringComparison.Ordinal); // a void call gets only its semicolon
        Assert.Contains("int y = 3;\n// a comment after the last statement\n", app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_chart_expression_over_several_lines_is_shown_whole()
    {
        var chart = "Chart.Line<double, double, string>(x, y)\n    .WithTitle(\"t\") // a comment";
        var app = Export(Ipynb.Code(chart, Ipynb.PlotlyChart(Ipynb.PlotlyGuid)));
        Assert.Contains("Display.Show(Chart.Line<double, double, string>(x, y)\n    .WithTitle(\"t\")); // a comment\n", app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_runtime_error_cell_runs_in_a_try_block_and_a_compile_error_cell_becomes_a_comment()
    {
        var exception = new JsonObject { ["ename"] = "System.InvalidOperationException", ["evalue"] = "boom", ["output_type"] = "error", ["traceback"] = new JsonArray() };
        var app = Export(
            Ipynb.Code("throw new InvalidOperationException(\"boom\");", exception),
            Ipynb.Code("int z = \"text\";", Ipynb.Error("(1,9): error CS0029: Cannot implicitly convert type 'string' to 'int'")));
        Assert.Contains("try\n{\n    throw new InvalidOperationException(\"boom\");\n}\ncatch (Exception e)\n{", app, StringComparison.Ordinal);
        Assert.Contains("// int z = \"text\";", app, StringComparison.Ordinal);
        Assert.DoesNotContain("Notebook.Cell(2)", app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_solution_region_is_kept_as_it_is()
    {
        var source = "double answer = double.NaN; // your answer\n// BEGIN SOLUTION\nanswer = Math.Log2(20);\n// END SOLUTION\nCheck(answer)";
        var app = Export(Ipynb.Tagged(Ipynb.Code(source), "solution"));
        Assert.Contains("double answer = double.NaN; // your answer\n// BEGIN SOLUTION\nanswer = Math.Log2(20);\n// END SOLUTION\nDisplay.Show(Check(answer));",
            app, StringComparison.Ordinal);
    }

    [Fact]
    public void A_cell_that_does_not_parse_is_an_error_naming_the_notebook_cell_and_line()
    {
        var e = Assert.Throws<AppExportException>(() => Export(Ipynb.Markdown("# T"), Ipynb.Code("var ok = 1;\nvar broken = (;")));
        Assert.Contains("test.ipynb cell 2, line 2", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void The_app_starts_in_the_notebooks_folder_and_marks_every_cell_it_runs()
    {
        var app = Export(Ipynb.Markdown("# T"), Ipynb.Code("var a = 1;"), Ipynb.Markdown("text"), Ipynb.Code("Console.WriteLine(a);"));
        Assert.Contains("Notebook.Start(\"../test.ipynb\");", app, StringComparison.Ordinal);
        Assert.True(app.IndexOf("Notebook.Cell(2);\nvar a = 1;", StringComparison.Ordinal) < app.IndexOf("Notebook.Cell(4);\nConsole.WriteLine(a);", StringComparison.Ordinal));
    }

    private string Export(params JsonObject[] cells) => Export(cells, new Dictionary<string, string>());

    private string Export(JsonObject cell, Dictionary<string, string> pinned) => Export([cell], pinned);

    private string Export(JsonObject[] cells, Dictionary<string, string> pinned)
    {
        var notebooks = Directory.CreateDirectory(Path.Combine(root, "notebooks")).FullName;
        var notebook = Ipynb.Notebook(Ipynb.VsCodeMetadata(), cells);
        var path = Path.Combine(notebooks, "test.ipynb");
        notebook.Save(path);
        var settings = new AppExportSettings(Path.Combine(notebooks, "apps"), Path.Combine(root, "lib", "NotebookApp", "NotebookApp.csproj"),
            pinned, ["Setup.Install"]);
        return new AppExporter(settings).Export(NotebookFile.Load(path));
    }

    private static int Count(string text, string part) =>
        (text.Length - text.Replace(part, "", StringComparison.Ordinal).Length) / part.Length;
}
