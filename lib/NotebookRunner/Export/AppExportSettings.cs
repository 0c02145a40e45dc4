namespace NotebookRunner.Export;

/// <summary>What the exporter needs to know besides the notebook.</summary>
/// <param name="AppDirectory">The folder the app is written to (its <c>#:project</c> paths are relative to it).</param>
/// <param name="RuntimeProject">The app runtime's project (lib/NotebookApp/NotebookApp.csproj): Display.Show and the cell markers.</param>
/// <param name="PinnedVersions">Package versions pinned centrally (Directory.Packages.props); they win over a notebook's own pins.</param>
/// <param name="KernelOnlyCalls">Calls that only prepare the kernel and are kept as comments, matched by the end of the
/// called name (this course: <c>KernelSetup.Install</c>).</param>
public sealed record AppExportSettings(
    string AppDirectory,
    string RuntimeProject,
    IReadOnlyDictionary<string, string> PinnedVersions,
    IReadOnlyList<string> KernelOnlyCalls)
{
    /// <summary>The package versions a Directory.Packages.props pins (empty when there is no such file).</summary>
    /// <param name="path">The file.</param>
    /// <returns>Package name → version.</returns>
    public static IReadOnlyDictionary<string, string> ReadPinnedVersions(string path)
    {
        if (!File.Exists(path))
        {
            return new Dictionary<string, string>();
        }
        return System.Xml.Linq.XDocument.Load(path).Descendants("PackageVersion")
            .Where(e => e.Attribute("Include") is not null && e.Attribute("Version") is not null)
            .ToDictionary(e => e.Attribute("Include")!.Value, e => e.Attribute("Version")!.Value, StringComparer.OrdinalIgnoreCase);
    }
}
