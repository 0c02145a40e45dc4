using System.Text.Json.Serialization;

namespace NotebookRunner.Stages;

/// <summary>How one code cell ended, as <c>artifacts/report.json</c> says it.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<CellStatus>))]
public enum CellStatus
{
    /// <summary>Ran without error; its outputs match (or were refreshed, or are not compared).</summary>
    [JsonStringEnumMemberName("ok")] Ok,

    /// <summary>An error output or stderr text.</summary>
    [JsonStringEnumMemberName("error")] Error,

    /// <summary>Its outputs differ from the committed notebook's.</summary>
    [JsonStringEnumMemberName("differs")] Differs,

    /// <summary>It was running when the cell or notebook time limit stopped the kernel.</summary>
    [JsonStringEnumMemberName("timeout")] Timeout,

    /// <summary>It never ran (a cell before it hung, or the kernel did not start).</summary>
    [JsonStringEnumMemberName("not-run")] NotRun,
}

/// <summary>One code cell in the report.</summary>
/// <param name="Cell">Its 1-based position among all cells (the number the text report uses).</param>
/// <param name="Seconds">Its run time from dotnet-repl's timestamps; null when unknown.</param>
/// <param name="Status">How it ended.</param>
/// <param name="Differences">The error text or the diff; null when ok.</param>
public sealed record CellOutcome(int Cell, double? Seconds, CellStatus Status, string? Differences);

/// <summary>One notebook in the report.</summary>
/// <param name="Notebook">Its file name.</param>
/// <param name="Passed">Whether it passed.</param>
/// <param name="Seconds">Kernel start to exit; 0 when not executed in this run.</param>
/// <param name="Errors">Whole-notebook errors (timeout, no executed copy) and error outputs, as the text report shows them.</param>
/// <param name="Cells">Every code cell.</param>
public sealed record NotebookOutcome(string Notebook, bool Passed, double Seconds, IReadOnlyList<string> Errors, IReadOnlyList<CellOutcome> Cells);
