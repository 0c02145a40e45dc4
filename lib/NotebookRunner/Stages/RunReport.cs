using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace NotebookRunner.Stages;

/// <summary>
/// <c>artifacts/report.json</c>, written at the end of every run (also a failed or cancelled one) so that CI and other
/// tools read the results without scraping the text: the command, the exit code, each stage's result, and per notebook
/// (teacher and student runs) each code cell's time, status (ok, error, differs, timeout, not-run) and differences.
/// </summary>
public static class RunReport
{
    /// <summary>The file's name in <c>artifacts/</c>.</summary>
    public const string FileName = "report.json";

    private static readonly JsonSerializerOptions Json = new()
    {
        WriteIndented = true,
        PropertyNamingPolicy = JsonNamingPolicy.CamelCase,
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
        Converters = { new JsonStringEnumConverter(JsonNamingPolicy.KebabCaseLower) },
    };

    /// <summary>The report's content.</summary>
    /// <param name="Command">The subcommand (check, refresh, student, site, export).</param>
    /// <param name="ExitCode">The process's exit code.</param>
    /// <param name="Stages">Each stage that ran, in order.</param>
    /// <param name="Notebooks">The teacher notebooks this run executed or checked.</param>
    /// <param name="StudentNotebooks">The student notebooks this run executed.</param>
    public sealed record Content(string Command, int ExitCode, IReadOnlyList<StageResultDto> Stages,
        IReadOnlyList<NotebookOutcome> Notebooks, IReadOnlyList<NotebookOutcome> StudentNotebooks);

    /// <summary>A stage's result as written.</summary>
    /// <param name="Name">The stage.</param>
    /// <param name="Status">passed, failed, usage or cancelled.</param>
    /// <param name="Seconds">Its wall-clock time.</param>
    /// <param name="Summary">Its one-line summary.</param>
    public sealed record StageResultDto(string Name, StageStatus Status, double Seconds, string Summary);

    /// <summary>The report's path.</summary>
    /// <param name="layout">The repository layout.</param>
    /// <returns><c>report.json</c> in the artifacts folder (<c>artifacts/report.json</c>).</returns>
    public static string PathFor(RepoLayout layout)
    {
        ArgumentNullException.ThrowIfNull(layout);
        return Path.Combine(layout.ArtifactsDirectory, FileName);
    }

    /// <summary>Writes the report of a finished run.</summary>
    /// <param name="context">The run.</param>
    /// <param name="exitCode">Its exit code.</param>
    /// <exception cref="IOException">The file cannot be written.</exception>
    /// <exception cref="UnauthorizedAccessException">The file cannot be written.</exception>
    public static void Write(RunContext context, int exitCode)
    {
        ArgumentNullException.ThrowIfNull(context);
        var content = new Content(
            context.Options.Command.ToString().ToLowerInvariant(),
            exitCode,
            context.Stages.Select(s => new StageResultDto(s.Name, s.Status, Math.Round(s.Elapsed.TotalSeconds, 2), s.Summary)).ToArray(),
            context.Notebooks.OrderBy(n => n.Notebook, StringComparer.Ordinal).ToArray(),
            context.StudentNotebooks.OrderBy(n => n.Notebook, StringComparer.Ordinal).ToArray());
        var path = PathFor(context.Layout);
        Runner.ReplaceAtomically(path, JsonSerializer.Serialize(content, Json) + "\n");
    }

    /// <summary>Reads a report (tests, tools).</summary>
    /// <param name="path">The file.</param>
    /// <returns>The content.</returns>
    public static Content Read(string path) =>
        JsonSerializer.Deserialize<Content>(File.ReadAllText(path, Encoding.UTF8), Json)
        ?? throw new InvalidDataException($"{path}: empty report");
}
