using System.Text;
using System.Text.RegularExpressions;

namespace NotebookRunner.Editions;

/// <summary>
/// Writes a hand-out folder: <c>notebooks/</c> with the student edition of each notebook, the files the notebooks
/// load by relative <c>#r</c> path mirrored at the same relative place (so <c>#r "../lib/X/bin/Release/net10.0/X.dll"</c>
/// resolves unchanged from the hand-out's <c>notebooks/</c>), and a README for students and teachers in the hand-out's
/// language (<see cref="HandoutText"/>). Notebooks keep their file names, so links between them work unchanged.
/// </summary>
/// <param name="sourceNotebooks">The folder of the teacher notebooks (the repository's <c>notebooks/</c>).</param>
/// <param name="root">The hand-out folder, e.g. <c>artifacts/student</c>.</param>
/// <param name="edition">
/// Makes each notebook's edition; <see cref="StudentEdition.Create"/> when null. Tests pass another one to run an
/// instrumented teacher edition from a folder of the same shape.
/// </param>
/// <param name="text">The README and placeholders in the hand-out's language; <see cref="HandoutText.English"/> when null.</param>
public sealed partial class StudentEditionWriter(string sourceNotebooks, string root, Func<NotebookFile, NotebookFile>? edition = null,
    HandoutText? text = null)
{
    /// <summary>The README and placeholders in the hand-out's language.</summary>
    public HandoutText Text { get; } = text ?? HandoutText.English();

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
    /// <param name="companions">Notebooks whose student editions are written beside them but not listed in the README:
    /// the English notebooks in a translated hand-out, whose prose a translated notebook reads (notebook 6's corpus).</param>
    /// <returns>The student notebooks' full paths (companions included).</returns>
    /// <exception cref="EditionException">A notebook breaks the protocol or references a file outside the hand-out.</exception>
    /// <exception cref="FileNotFoundException">A referenced library file is missing (build the library first).</exception>
    public IReadOnlyList<string> Write(IReadOnlyList<string> fileNames, bool clean, IReadOnlyList<string>? extraFiles = null,
        IReadOnlyList<string>? companions = null)
    {
        ArgumentNullException.ThrowIfNull(fileNames);
        var listed = fileNames.Count;
        fileNames = [.. fileNames, .. (companions ?? []).Except(fileNames, StringComparer.Ordinal)];
        var notebooks = fileNames.Select(n => NotebookFile.Load(Path.Combine(SourceNotebooks, n))).ToArray();
        var students = notebooks.Select(n => edition is null ? StudentEdition.Create(n, Text.Apply(null)) : edition(n)).ToArray();
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
        File.WriteAllText(Path.Combine(Root, "README.md"), Readme(notebooks[..listed]), new UTF8Encoding(false));
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

    private string Readme(IReadOnlyList<NotebookFile> notebooks)
    {
        var list = string.Concat(notebooks.Select(n =>
            Text.NotebookLine.Replace("{name}", n.Name, StringComparison.Ordinal).Replace("{title}", Title(n), StringComparison.Ordinal) + "\n"));
        var folder = Path.GetRelativePath(Path.GetDirectoryName(Path.GetDirectoryName(Root)!)!, Root).Replace('\\', '/') + "/";
        return Text.Readme.Replace("{notebooks}", list.TrimEnd('\n'), StringComparison.Ordinal)
            .Replace("{folder}", folder, StringComparison.Ordinal);
    }

    private static string Title(NotebookFile notebook) =>
        notebook.View().Cells.Where(c => c.Kind == CellKind.Markdown)
            .SelectMany(c => SolutionRegions.Lines(c.Source))
            .Select(l => l.Trim())
            .FirstOrDefault(l => l.StartsWith("# ", StringComparison.Ordinal))?[2..] ?? notebook.Name;

    [GeneratedRegex("""^\s*#r\s+"(?!nuget:)(?<path>[^"]+)"\s*$""", RegexOptions.Multiline)]
    private static partial Regex FileReference();
}
