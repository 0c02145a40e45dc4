using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookRunner;

/// <summary>
/// Records each notebook's measured execution time (kernel start to exit, seconds) in <c>artifacts/run-times.json</c>,
/// so that notebook 00 can show how long each notebook takes on the machine that last ran the main job. Entries of
/// notebooks not run this time are kept.
/// </summary>
public static class RunTimes
{
    /// <summary>The file's name (in <c>artifacts/</c>, and copied into the student hand-out).</summary>
    public const string FileName = "run-times.json";

    /// <summary>The main job's file: <c>run-times.json</c> in the artifacts folder (<c>artifacts/</c>).</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns>The path.</returns>
    public static string PathFor(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.ArtifactsDirectory, FileName);
    }

    /// <summary>Merges the times of the runs that finished without error into the file.</summary>
    /// <param name="path">The JSON file (an object: notebook file name → seconds).</param>
    /// <param name="runs">The runs.</param>
    public static void Record(string path, IEnumerable<ExecutionResult> runs)
    {
        ArgumentNullException.ThrowIfNull(runs);
        var times = File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject existing ? existing : [];
        foreach (var run in runs.Where(r => !r.Failed && r.WallTime > TimeSpan.Zero))
        {
            times[run.Name] = Math.Round(run.WallTime.TotalSeconds, 1);
        }
        var sorted = new JsonObject(times.OrderBy(t => t.Key, StringComparer.Ordinal)
            .Select(t => KeyValuePair.Create(t.Key, t.Value?.DeepClone())));
        Directory.CreateDirectory(Path.GetDirectoryName(Path.GetFullPath(path))!);
        File.WriteAllText(path, sorted.ToJsonString(new JsonSerializerOptions { WriteIndented = true }) + "\n", new UTF8Encoding(false));
    }

    /// <summary>
    /// Whether a notebook shows the recorded run times (its text names <see cref="FileName"/>): the runner executes such
    /// a notebook after the others and records their times first.
    /// </summary>
    /// <param name="notebookPath">The notebook file.</param>
    /// <returns>True when the notebook reads the run times.</returns>
    public static bool IsReader(string notebookPath) =>
        File.ReadAllText(notebookPath).Contains(FileName, StringComparison.Ordinal);

    /// <summary>Reads the file.</summary>
    /// <param name="path">The JSON file.</param>
    /// <returns>Notebook file name → seconds; empty when there is no file.</returns>
    public static IReadOnlyDictionary<string, double> Read(string path) =>
        File.Exists(path) && JsonNode.Parse(File.ReadAllText(path)) is JsonObject times
            ? times.ToDictionary(t => t.Key, t => t.Value!.GetValue<double>(), StringComparer.Ordinal)
            : new Dictionary<string, double>(StringComparer.Ordinal);
}
