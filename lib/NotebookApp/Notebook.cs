namespace NotebookApp;

/// <summary>
/// The place of an exported notebook app: <see cref="Start"/> makes the notebook's folder the working directory (the
/// kernel runs there, so relative paths in cells keep working) and <see cref="Cell"/> marks where each code cell begins.
/// </summary>
public static class Notebook
{
    /// <summary>Given to the app (<c>dotnet run app.cs -- --cell-markers</c>), this argument makes <see cref="Cell"/> print a
    /// marker line, so that tests can compare the app's output with the notebook's cell by cell.</summary>
    public const string MarkersArgument = "--cell-markers";

    /// <summary>The marker line's start; the cell number follows.</summary>
    public const string MarkerPrefix = "\u001e#cell ";

    /// <summary>With markers on, the line before a value <see cref="Display.Show"/> prints (the kernel keeps a displayed
    /// value apart from the cell's console output, and records the console output after it).</summary>
    public const string DisplayStart = "\u001e#display";

    /// <summary>With markers on, the line after a value <see cref="Display.Show"/> prints.</summary>
    public const string DisplayEnd = "\u001e#/display";

    private static readonly Lazy<bool> Markers = new(() => Environment.GetCommandLineArgs().Contains(MarkersArgument, StringComparer.Ordinal));

    /// <summary>Whether the app was started with <see cref="MarkersArgument"/>.</summary>
    public static bool MarkersOn => Markers.Value;

    /// <summary>The notebook's name without extension, e.g. <c>01-entropy</c>.</summary>
    public static string Name { get; private set; } = "notebook";

    /// <summary>Where chart pages are written: <c>charts/</c> beside the app's source file.</summary>
    public static string ChartDirectory { get; private set; } = Path.GetFullPath("charts");

    /// <summary>The number of the code cell running now (its position among all cells, from 1), or 0 before the first.</summary>
    public static int CurrentCell { get; private set; }

    /// <summary>Starts the app: finds its source folder, then works from the notebook's folder.</summary>
    /// <param name="notebookPath">The notebook, relative to the app's source file, e.g. <c>../01-entropy.ipynb</c>.</param>
    public static void Start(string notebookPath)
    {
        ArgumentException.ThrowIfNullOrEmpty(notebookPath);
        // `dotnet run app.cs` records the source folder; a published app falls back to its own folder.
        var appFolder = AppContext.GetData("EntryPointFileDirectoryPath") as string ?? AppContext.BaseDirectory;
        Name = Path.GetFileNameWithoutExtension(notebookPath);
        ChartDirectory = Path.Combine(appFolder, "charts");
        var notebookFolder = Path.GetDirectoryName(Path.GetFullPath(Path.Combine(appFolder, notebookPath)))!;
        if (Directory.Exists(notebookFolder))
        {
            Environment.CurrentDirectory = notebookFolder;
        }
    }

    /// <summary>Marks the start of a code cell.</summary>
    /// <param name="number">The cell's position among all the notebook's cells, from 1.</param>
    public static void Cell(int number)
    {
        CurrentCell = number;
        if (MarkersOn)
        {
            Console.WriteLine(MarkerPrefix + number.ToString(System.Globalization.CultureInfo.InvariantCulture));
        }
    }
}
