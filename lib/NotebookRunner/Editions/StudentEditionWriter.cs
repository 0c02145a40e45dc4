using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Editions;

/// <summary>
/// Writes a hand-out folder: <c>notebooks/</c> with the student edition of each notebook, the files the notebooks
/// load by relative <c>#r</c> path mirrored at the same relative place (so <c>#r "../lib/X/bin/Release/net10.0/X.dll"</c>
/// resolves unchanged from the hand-out's <c>notebooks/</c>), and a README for students and teachers.
/// </summary>
/// <param name="sourceNotebooks">The folder of the teacher notebooks (the repository's <c>notebooks/</c>).</param>
/// <param name="root">The hand-out folder, e.g. <c>artifacts/student</c>.</param>
/// <param name="edition">
/// Makes each notebook's edition; <see cref="StudentEdition.Create"/> when null. Tests pass another one to run an
/// instrumented teacher edition from a folder of the same shape.
/// </param>
public sealed partial class StudentEditionWriter(string sourceNotebooks, string root, Func<NotebookFile, NotebookFile>? edition = null)
{
    /// <summary>The hand-out folder.</summary>
    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>The student notebooks' folder inside the hand-out.</summary>
    public string NotebooksDirectory => Path.Combine(Root, "notebooks");

    private string SourceNotebooks { get; } = Path.GetFullPath(sourceNotebooks);

    /// <summary>
    /// Makes every student notebook first (so a protocol error writes nothing), then writes them, the mirrored
    /// library files and the README. With <paramref name="clean"/> the hand-out folder is emptied first, so a
    /// deleted notebook does not linger in it.
    /// </summary>
    /// <param name="fileNames">The notebooks' file names in the source folder.</param>
    /// <param name="clean">Whether to delete the hand-out folder first.</param>
    /// <param name="extraFiles">Files copied into the hand-out folder's root as they are (e.g. the measured run times).</param>
    /// <returns>The student notebooks' full paths.</returns>
    /// <exception cref="EditionException">A notebook breaks the protocol or references a file outside the hand-out.</exception>
    /// <exception cref="FileNotFoundException">A referenced library file is missing (build the library first).</exception>
    public IReadOnlyList<string> Write(IReadOnlyList<string> fileNames, bool clean, IReadOnlyList<string>? extraFiles = null)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        var notebooks = fileNames.Select(n => NotebookFile.Load(Path.Combine(SourceNotebooks, n))).ToArray();
        var students = notebooks.Select(n => edition is null ? StudentEdition.Create(n) : edition(n)).ToArray();
        var references = notebooks.SelectMany(RelativeReferences).Distinct(StringComparer.Ordinal).ToArray();

        if (clean && Directory.Exists(Root))
        {
            Directory.Delete(Root, recursive: true);
        }
        Directory.CreateDirectory(NotebooksDirectory);
        var written = new List<string>();
        for (var i = 0; i < students.Length; i++)
        {
            var path = Path.Combine(NotebooksDirectory, fileNames[i]);
            students[i].Save(path);
            written.Add(path);
        }
        foreach (var reference in references)
        {
            Mirror(reference);
        }
        foreach (var file in (extraFiles ?? []).Where(File.Exists))
        {
            File.Copy(file, Path.Combine(Root, Path.GetFileName(file)), overwrite: true);
        }
        File.WriteAllText(Path.Combine(Root, "README.md"), Readme(notebooks), new UTF8Encoding(false));
        return written;
    }

    /// <summary>
    /// The relative paths a notebook loads with <c>#r "path"</c> (NuGet references excluded), as written.
    /// </summary>
    /// <param name="notebook">The notebook.</param>
    /// <returns>The paths.</returns>
    public static IEnumerable<string> RelativeReferences(NotebookFile notebook)
    {
        ArgumentNullException.ThrowIfNull(notebook);
        return notebook.CodeCells
            .SelectMany(c => FileReference().Matches(NotebookFile.Source(c.Cell)).Select(m => m.Groups["path"].Value))
            .Where(p => !Path.IsPathRooted(p));
    }

    private void Mirror(string reference)
    {
        var source = Path.GetFullPath(Path.Combine(SourceNotebooks, reference));
        var target = Path.GetFullPath(Path.Combine(NotebooksDirectory, reference));
        if (!target.StartsWith(Root + Path.DirectorySeparatorChar, StringComparison.Ordinal))
        {
            throw new EditionException($"#r \"{reference}\" points outside the hand-out folder {Root}; keep library paths within one level above notebooks/.");
        }
        if (!File.Exists(source))
        {
            throw new FileNotFoundException(
                $"#r \"{reference}\" names {source}, which does not exist: build the library first (the projects under \"build\" in .config/notebooks.json, in Release).", source);
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        File.Copy(source, target, overwrite: true);
        var documentation = Path.ChangeExtension(source, ".xml"); // IntelliSense and hover text in VS Code
        if (File.Exists(documentation))
        {
            File.Copy(documentation, Path.ChangeExtension(target, ".xml"), overwrite: true);
        }
    }

    private static string Readme(IReadOnlyList<NotebookFile> notebooks)
    {
        var text = new StringBuilder();
        text.Append("""
            # Cross-entropy in C#: student edition

            These notebooks are the course's own, with every exercise's answer taken out. Each exercise keeps its
            statement and its check: write your answer where a cell says `// your code here` (or, for an explanation,
            where it says *Write your answer here.*), run the cell, and the check tells you **solved**, **not solved
            yet**, or **incorrect** with a hint. A check never shows the expected value.

            ## Reading the notebooks

            Everything below works from this folder: the course library is already built, in `lib/` next to
            `notebooks/`, where each notebook's first cell loads it from (`#r "../lib/…"`). Keep the folder's layout.

            - **VS Code**: install the .NET 10 SDK and VS Code with the *Polyglot Notebooks* extension, open this
              folder, open `notebooks/`, start with the first notebook and *Run All* (top to bottom).
            - **Jupyter**: install the .NET 10 SDK and Jupyter (for example `pip install jupyterlab`), then the .NET
              kernel: `dotnet tool install -g Microsoft.dotnet-interactive --version 1.0.712001` and
              `dotnet interactive jupyter install` (with `~/.dotnet/tools` on your `PATH`). Start `jupyter lab` in this
              folder and open the notebooks in `notebooks/` with the *.NET (C#)* kernel.

            **The first run needs the NuGet feed.** Each notebook's first cell loads a few pinned packages with
            `#r "nuget: …"` lines (Plotly.NET for the charts, MathNet.Numerics, System.Numerics.Tensors); the kernel
            restores them from nuget.org the first time, which needs a network connection (or a NuGet mirror set
            in your NuGet configuration) and can take a minute. Later runs use the local package cache.

            **Numbers in your language.** The kernel formats numbers in your display language (VS Code passes its
            own). The outputs you see before running anything were made in the invariant culture, so after a run
            you may see `1,5` where they show `1.5`, or `∞` where they show `Infinity`. The values are the same,
            and the checks compare numbers, not text. To see the invariant forms in Jupyter, start it with
            `LC_ALL=C.UTF-8 jupyter lab`.

            **The kernel is deprecated.** Microsoft deprecated Polyglot Notebooks on 2026-03-27 and .NET Interactive
            on 2026-04-24 (dotnet/interactive#4163); the kernel still installs and runs, but no fixes will come.
            Install the versions named above: the *Polyglot Notebooks* extension (it installs its own copy of the
            kernel) or the `Microsoft.dotnet-interactive` tool 1.0.712001 for Jupyter, with the .NET 10 SDK.

            The outputs you see before running anything come from running this edition with no answers filled in:
            every check says *not solved yet*.

            ## Notebooks


            """);
        foreach (var notebook in notebooks)
        {
            text.Append("- `").Append(notebook.Name).Append("`: ").Append(Title(notebook)).Append('\n');
        }
        text.Append("""

            ## For teachers

            This folder is produced from the teacher notebooks (the course repository's `notebooks/`, answers
            included) by the repository's main job (its README, *Student and teacher editions*, gives the command, run
            in the repository), which writes it to `artifacts/student/`, executes every student notebook and fails if
            any cell errors or any check says anything but *not solved yet*. Hand out the whole folder (zip it as it
            is). Answers are marked in the teacher notebooks: code between `// BEGIN SOLUTION` and `// END SOLUTION`,
            and markdown cells tagged `solution`.

            """);
        return text.ToString();
    }

    private static string Title(NotebookFile notebook) =>
        notebook.View().Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => SolutionRegions.Lines(c.Source))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..] ?? notebook.Name;

    [GeneratedRegex("""^\s*#r\s+"(?!nuget:)(?<path>[^"]+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex FileReference();
}
