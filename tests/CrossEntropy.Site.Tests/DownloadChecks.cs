using System.IO.Compression;

namespace CrossEntropy.Site.Tests;

/// <summary>What the site's <c>downloads/</c> folder must not hold.</summary>
internal static class DownloadChecks
{
    /// <summary>The text files a reader can take away: notebooks, apps, READMEs and JSON, also inside a zip.</summary>
    private static readonly string[] TextExtensions = [".ipynb", ".cs", ".md", ".json", ".txt"];

    /// <summary>Every machine path (<see cref="KernelNoise.MachinePaths"/>) in the folder's text files and in the text
    /// files of each zip in it, as "file: …path…" (a zip entry as "file.zip!entry").</summary>
    public static IReadOnlyList<string> MachinePaths(string folder)
    {
        var problems = new List<string>();
        foreach (var file in Directory.EnumerateFiles(folder, "*", SearchOption.AllDirectories).Order(StringComparer.Ordinal))
        {
            var name = Path.GetRelativePath(folder, file);
            if (file.EndsWith(".zip", StringComparison.OrdinalIgnoreCase))
            {
                using var zip = ZipFile.OpenRead(file);
                foreach (var entry in zip.Entries.Where(e => IsText(e.FullName)))
                {
                    using var reader = new StreamReader(entry.Open());
                    problems.AddRange(KernelNoise.MachinePaths(reader.ReadToEnd(), 40).Select(m => $"{name}!{entry.FullName}: …{m}…"));
                }
            }
            else if (IsText(file))
            {
                problems.AddRange(KernelNoise.MachinePaths(File.ReadAllText(file), 40).Select(m => $"{name}: …{m}…"));
            }
        }
        return problems;
    }

    private static bool IsText(string path) => TextExtensions.Contains(Path.GetExtension(path), StringComparer.OrdinalIgnoreCase);
}
