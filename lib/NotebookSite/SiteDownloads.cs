using System.IO.Compression;

namespace NotebookSite;

/// <summary>
/// The files a reader can take away, written into the site so its links work offline: each notebook as rendered
/// (<c>downloads/NN-name.ipynb</c>, with the outputs the page shows) and the student hand-out as one zip
/// (<c>downloads/student-edition.zip</c>), made from the student edition's folder when there is one, and each notebook's
/// kernel-free app (<c>downloads/NN-name.cs</c>) when the site is given the apps' folder.
/// </summary>
public static class SiteDownloads
{
    /// <summary>The site's folder for downloads.</summary>
    public const string Folder = "downloads";

    /// <summary>Relative URL of the student hand-out.</summary>
    public const string HandOut = Folder + "/student-edition.zip";

    /// <summary>Relative URL of an edition's student hand-out: <see cref="HandOut"/> for the main edition,
    /// <c>downloads/student-edition.zh-CN.zip</c> for a translation.</summary>
    /// <param name="language">The translation's language tag, or null for the main edition.</param>
    /// <returns>The URL.</returns>
    public static string HandOutPath(string? language) =>
        language is null ? HandOut : Path.ChangeExtension(HandOut, "." + language + ".zip");

    /// <summary>Relative URL of a notebook's download.</summary>
    /// <param name="notebookFileName">The notebook's file name.</param>
    /// <returns>The URL.</returns>
    public static string NotebookPath(string notebookFileName) => Folder + "/" + notebookFileName;

    /// <summary>Relative URL of a notebook's kernel-free app.</summary>
    /// <param name="notebookFileName">The notebook's file name.</param>
    /// <returns>The URL.</returns>
    public static string AppPath(string notebookFileName) => Folder + "/" + AppFileName(notebookFileName);

    /// <summary>The app's file name: the notebook's, with <c>.cs</c>.</summary>
    /// <param name="notebookFileName">The notebook's file name.</param>
    /// <returns>The file name.</returns>
    public static string AppFileName(string notebookFileName) => Path.ChangeExtension(notebookFileName, ".cs");

    /// <summary>Copies the notebooks and zips the student edition into the site.</summary>
    /// <param name="siteDirectory">The site's folder.</param>
    /// <param name="notebooks">Each notebook's path, saved under its own file name.</param>
    /// <param name="studentEdition">The student edition's folder; null, missing or without a notebook for no hand-out.</param>
    /// <param name="appsDirectory">The kernel-free apps' folder; each notebook's app found there is copied too.</param>
    /// <param name="language">The translation whose hand-out this is (<see cref="HandOutPath"/>), or null for the main edition.</param>
    /// <returns>The hand-out's relative URL, or null when there is none.</returns>
    public static string? Write(string siteDirectory, IEnumerable<string> notebooks, string? studentEdition, string? appsDirectory = null,
        string? language = null)
    {
        ArgumentNullException.ThrowIfNull(notebooks);
        var folder = Directory.CreateDirectory(Path.Combine(siteDirectory, Folder)).FullName;
        foreach (var path in notebooks)
        {
            File.Copy(path, Path.Combine(folder, Path.GetFileName(path)), true);
            if (AppOf(appsDirectory, Path.GetFileName(path)) is { } app)
            {
                File.Copy(app, Path.Combine(folder, Path.GetFileName(app)), true);
            }
        }
        if (studentEdition is null || !Directory.Exists(studentEdition)
            || !Directory.EnumerateFiles(studentEdition, "*.ipynb", SearchOption.AllDirectories).Any())
        {
            return null;
        }
        var handOut = HandOutPath(language);
        ZipFile.CreateFromDirectory(studentEdition, Path.Combine(siteDirectory, handOut), CompressionLevel.Optimal, includeBaseDirectory: true);
        return handOut;
    }

    /// <summary>The path of a notebook's app in the apps' folder, or null when there is none.</summary>
    /// <param name="appsDirectory">The apps' folder, or null.</param>
    /// <param name="notebookFileName">The notebook's file name.</param>
    /// <returns>The app's path, or null.</returns>
    public static string? AppOf(string? appsDirectory, string notebookFileName) =>
        appsDirectory is not null && Path.Combine(appsDirectory, AppFileName(notebookFileName)) is var app && File.Exists(app) ? app : null;
}
