using System.Text;
using System.Text.Json.Nodes;

namespace NotebookRunner.Export;

/// <summary>
/// Writes a notebook as a .NET file-based app (<c>dotnet run 01-entropy.cs</c>), the kernel-free edition: the packages
/// its cells load with <c>#r "nuget: …"</c> as <c>#:package</c> directives (kernel extensions, named <c>*.Interactive</c>,
/// left out), the libraries it loads with <c>#r "….dll"</c> as <c>#:project</c> directives to their projects, its
/// markdown as comments, its code cells in order (see <see cref="CellTranslator"/>), each starting with
/// <c>Notebook.Cell(n)</c>, its type declarations at the end. A cell whose committed output is a compile error is kept
/// as a comment; a cell whose output is another error runs inside a try block that prints the exception, as the kernel
/// shows it and goes on (such a cell must declare nothing later cells use).
/// </summary>
/// <param name="settings">Where the app goes and what it may reference.</param>
public sealed class AppExporter(AppExportSettings settings)
{
    /// <summary>The app runtime's namespace, imported by every app.</summary>
    public const string RuntimeNamespace = "NotebookApp";

    /// <summary>The MSBuild properties every app sets: its own package versions (the repository's projects pin theirs
    /// centrally), no native AOT (the default of a file-based app; charts and displays use reflection), none of the
    /// library's analyzers or warnings-as-errors (notebook code is teaching code), and the invariant culture, under which
    /// the notebooks' outputs were recorded.</summary>
    public static readonly IReadOnlyList<string> AppProperties =
    [
        "ManagePackageVersionsCentrally=false", "PublishAot=false", "RunAnalyzers=false", "TreatWarningsAsErrors=false",
        "InvariantGlobalization=true",
    ];

    /// <summary>The file name of a notebook's app: its name with <c>.cs</c>.</summary>
    /// <param name="notebookFileName">For example <c>01-entropy.ipynb</c>.</param>
    /// <returns>For example <c>01-entropy.cs</c>.</returns>
    public static string AppFileName(string notebookFileName) => Path.GetFileNameWithoutExtension(notebookFileName) + ".cs";

    /// <summary>The app's text.</summary>
    /// <param name="notebook">The notebook (its path locates the files its <c>#r</c> lines load).</param>
    /// <returns>The C# source of the app.</returns>
    /// <exception cref="AppExportException">A cell does not parse, or a library's project cannot be found.</exception>
    public string Export(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        var notebookPath = Path.GetFullPath(notebook.Path ?? throw new ArgumentException("The notebook needs a path.", nameof(notebook)));
        var translator = new CellTranslator(settings.KernelOnlyCalls);
        var packages = new List<(string Name, string Version)>();
        var projects = new List<string>();
        // The namespaces the C# kernel imports that a file-based app's implicit usings lack.
        var usings = new List<string> { $"using {RuntimeNamespace};", "using System.Collections;", "using System.Text;" };
        var types = new List<string>();
        var body = new StringBuilder();
        var cells = notebook.Cells;
        for (var i = 0; i < cells.Count; i++)
        {
            var number = i + 1;
            var cell = cells[i];
            var source = NotebookFile.Source(cell);
            if (!NotebookFile.IsCode(cell))
            {
                if (source.Trim().Length > 0)
                {
                    body.Append('\n').Append(MarkdownComment.From(source));
                }
                continue;
            }
            var where = $"{notebook.Name} cell {number}";
            if (CompileError(cell) is { } compileError)
            {
                body.Append('\n').Append($"// Cell {number} does not compile in the notebook either ({compileError}); kept as a comment:\n")
                    .Append(string.Concat(CellTranslator.TrimBlankLines(source).Split('\n').Select(l => "// " + l + "\n")));
                continue;
            }
            var translated = translator.Translate(source, where);
            foreach (var directive in translated.Directives)
            {
                Reference(directive, notebookPath, where, packages, projects);
            }
            usings.AddRange(translated.Usings.Where(u => !usings.Contains(u, StringComparer.Ordinal)));
            types.AddRange(translated.Types.Select(t => $"// From cell {number}:\n{t}"));
            var statements = translated.Statements;
            var notebookOnly = translated.Directives.Select(d => CellTranslator.NotebookOnly + d.Line).ToArray();
            var runs = statements.Split('\n').Any(l => l.Trim().Length > 0 && !l.TrimStart().StartsWith("//", StringComparison.Ordinal));
            body.Append('\n');
            foreach (var line in notebookOnly)
            {
                body.Append(line).Append('\n');
            }
            if (!runs)
            {
                if (statements.Length > 0)
                {
                    body.Append(statements).Append('\n');
                }
                continue;
            }
            body.Append($"Notebook.Cell({number});\n");
            if (RuntimeError(cell) is { } runtimeError)
            {
                body.Append($"// In the notebook this cell fails with {runtimeError}; here too, and the app goes on.\n")
                    .Append("try\n{\n").Append(string.Concat(statements.Split('\n').Select(l => l.Length == 0 ? "\n" : "    " + l + "\n")))
                    .Append("}\ncatch (Exception e)\n{\n    Console.Error.WriteLine($\"{e.GetType().Name}: {e.Message}\");\n}\n");
            }
            else
            {
                body.Append(statements).Append('\n');
            }
        }
        return Header(notebook, notebookPath, packages, projects) + string.Join('\n', usings) + "\n\n"
            + $"Notebook.Start(\"{Relative(notebookPath).Replace('\\', '/')}\");\n"
            + body
            + (types.Count == 0 ? "" : "\n// Type declarations, moved here from their cells: in a file-based app they follow the top-level statements.\n\n"
                + string.Join("\n\n", types) + "\n");
    }

    private string Header(NotebookFile notebook, string notebookPath, List<(string Name, string Version)> packages, List<string> projects)
    {
        var text = new StringBuilder();
        foreach (var (name, version) in packages)
        {
            text.Append($"#:package {name}@{version}\n");
        }
        foreach (var project in projects.Append(Path.GetFullPath(settings.RuntimeProject)))
        {
            text.Append($"#:project {Relative(project).Replace('\\', '/')}\n");
        }
        foreach (var property in AppProperties)
        {
            text.Append($"#:property {property}\n");
        }
        var title = notebook.Cells.Where(c => !NotebookFile.IsCode(c)).Select(c => NotebookFile.Source(c).Split('\n')[0])
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..].Trim() ?? notebook.Name;
        text.Append($"\n// The kernel-free edition of {Relative(notebookPath).Replace('\\', '/')} (\"{title}\"), as a .NET file-based app:\n")
            .Append($"// `dotnet run {AppFileName(notebook.Name)}` in this folder. Text outputs print as in the notebook; each chart is written\n")
            .Append("// as an HTML page to charts/ beside this file. Written by the notebook runner (`dotnet run --project\n")
            .Append("// lib/NotebookRunner -c Release -- export`): edit the notebook, not this file. The properties above: the app pins\n")
            .Append("// its own package versions, runs as an ordinary (not native AOT) program, and is not held to the library's analyzers.\n\n");
        return text.ToString();
    }

    private void Reference(KernelDirective directive, string notebookPath, string where, List<(string Name, string Version)> packages, List<string> projects)
    {
        if (directive.Package is { } name && !name.EndsWith(".Interactive", StringComparison.OrdinalIgnoreCase)
            && !packages.Any(p => string.Equals(p.Name, name, StringComparison.OrdinalIgnoreCase)))
        {
            var version = settings.PinnedVersions.TryGetValue(name, out var pinned) ? pinned : directive.Version
                ?? throw new AppExportException($"{where}: {directive.Line} pins no version, and no Directory.Packages.props does: a file-based app needs one.");
            packages.Add((name, version));
        }
        if (directive.Assembly is { } assembly)
        {
            var project = ProjectOf(Path.GetFullPath(Path.Combine(Path.GetDirectoryName(notebookPath)!, assembly)))
                ?? throw new AppExportException($"{where}: no project builds {assembly} (looked for {Path.GetFileNameWithoutExtension(assembly)}.csproj above it): a file-based app references projects, not dlls.");
            if (!projects.Contains(project, StringComparer.Ordinal))
            {
                projects.Add(project);
            }
        }
    }

    // …/lib/X/bin/Release/net10.0/X.dll is built by the X.csproj in a folder above it.
    private static string? ProjectOf(string dll)
    {
        var name = Path.GetFileNameWithoutExtension(dll) + ".csproj";
        for (var folder = new DirectoryInfo(Path.GetDirectoryName(dll)!); folder is not null; folder = folder.Parent)
        {
            if (File.Exists(Path.Combine(folder.FullName, name)))
            {
                return Path.Combine(folder.FullName, name);
            }
        }
        return null;
    }

    private string Relative(string path) => Path.GetRelativePath(settings.AppDirectory, path);

    private static string? CompileError(JsonObject cell) =>
        ErrorOutput(cell) is { } error && error.Value.Contains("error CS", StringComparison.Ordinal) ? error.Name : null;

    private static string? RuntimeError(JsonObject cell) => ErrorOutput(cell)?.Name;

    private static (string Name, string Value)? ErrorOutput(JsonObject cell) =>
        Cell.From(cell, 0).Outputs.Where(o => o.Type == "error")
            .Select(o => (string.IsNullOrEmpty(o.ErrorName) ? "an error" : o.ErrorName, o.ErrorValue ?? ""))
            .Cast<(string, string)?>().FirstOrDefault();
}
