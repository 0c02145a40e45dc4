using System.Text.RegularExpressions;

namespace NotebookRunner;

/// <summary>Where things are in the repository: its root, the notebooks and the executed copies.</summary>
public sealed partial class RepoLayout
{
    /// <summary>The file that marks the repository root.</summary>
    public const string SolutionFileName = "CrossEntropyNotebooks.sln";

    /// <summary>Creates the layout for a repository root.</summary>
    /// <param name="root">The folder holding <see cref="SolutionFileName"/>.</param>
    public RepoLayout(string root) => Root = Path.GetFullPath(root);

    /// <summary>The repository root.</summary>
    public string Root { get; }

    /// <summary>The notebooks folder; dotnet-repl runs with it as working directory, like VS Code does.</summary>
    public string NotebooksDirectory => Path.Combine(Root, "notebooks");

    /// <summary>Where executed copies are written (git-ignored).</summary>
    public string ExecutedDirectory => Path.Combine(NotebooksDirectory, "executed");

    /// <summary>The kernel-facing library the notebooks load with <c>#r</c> (building it builds the math too).</summary>
    public string InteractiveProject => Path.Combine(Root, "lib", "CrossEntropy.Interactive", "CrossEntropy.Interactive.csproj");

    /// <summary>Finds the repository root by walking up from <paramref name="start"/> (default: the current directory).</summary>
    /// <param name="start">The folder to start from.</param>
    /// <returns>The layout.</returns>
    /// <exception cref="DirectoryNotFoundException">No parent folder holds the solution file.</exception>
    public static RepoLayout Find(string? start = null)
    {
        foreach (var candidate in new[] { start ?? Directory.GetCurrentDirectory(), AppContext.BaseDirectory })
        {
            for (var dir = new DirectoryInfo(Path.GetFullPath(candidate)); dir is not null; dir = dir.Parent)
            {
                if (File.Exists(Path.Combine(dir.FullName, SolutionFileName)))
                {
                    return new RepoLayout(dir.FullName);
                }
            }
        }
        throw new DirectoryNotFoundException($"No folder above '{start ?? Directory.GetCurrentDirectory()}' holds {SolutionFileName}.");
    }

    /// <summary>
    /// True for a numbered notebook of the English edition: two digits, a dash, a name without dots, <c>.ipynb</c>.
    /// A translated edition's notebook (<c>01-entropy.zh-CN.ipynb</c>, see <c>Translation/TranslatedEdition</c>) is not one.
    /// </summary>
    /// <param name="fileName">A file name without folder.</param>
    /// <returns>Whether it is a numbered notebook.</returns>
    public static bool IsNumberedNotebook(string fileName) => NumberedName().IsMatch(fileName);

    /// <summary>The numbered notebooks (<c>notebooks/[0-9][0-9]-*.ipynb</c>), as file names in ordinal order.</summary>
    /// <returns>The file names.</returns>
    public IReadOnlyList<string> NumberedNotebooks() =>
        Directory.Exists(NotebooksDirectory)
            ? Directory.EnumerateFiles(NotebooksDirectory, "*.ipynb")
                .Select(Path.GetFileName)
                .OfType<string>()
                .Where(IsNumberedNotebook)
                .Order(StringComparer.Ordinal)
                .ToArray()
            : [];

    /// <summary>The committed notebook's full path.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>The path.</returns>
    public string CommittedPath(string fileName) => Path.Combine(NotebooksDirectory, fileName);

    /// <summary>The executed copy's full path.</summary>
    /// <param name="fileName">The notebook's file name.</param>
    /// <returns>The path.</returns>
    public string ExecutedPath(string fileName) => Path.Combine(ExecutedDirectory, fileName);

    [GeneratedRegex(@"^[0-9]{2}-[^.]*\.ipynb$")]
    private static partial Regex NumberedName();
}
