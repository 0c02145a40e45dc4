using System.Text.Json;
using System.Text.Json.Nodes;

namespace NotebookModel;

/// <summary>What an exercise check reported in an executed cell.</summary>
public enum CheckState
{
    /// <summary>The cell shows no check result at all.</summary>
    Missing,

    /// <summary>The check says the placeholder value is still there.</summary>
    NotSolvedYet,

    /// <summary>The check rejected the answer.</summary>
    Incorrect,

    /// <summary>The check accepted the answer.</summary>
    Solved,
}

/// <summary>
/// A check's verdict, read as the data the check emits, never from its text (whose labels may be translated): the
/// check's displayed value carries, beside its <c>text/html</c> box and <c>text/plain</c> line, an
/// <see cref="MimeType"/> entry <c>{"check": name, "verdict": "solved" | "incorrect" | "not-solved-yet"}</c>
/// (CrossEntropy.Interactive's <c>ExerciseResult.ToJson</c>). Notebook front ends rank <c>text/html</c> above it, so
/// readers still see the box.
/// </summary>
/// <param name="Check">The check's name, e.g. <c>Exercise 1.1, a fair twenty-sided die</c>.</param>
/// <param name="State">The verdict.</param>
public sealed record CheckVerdict(string Check, CheckState State)
{
    /// <summary>The MIME type of the verdict data.</summary>
    public const string MimeType = "application/json";

    /// <summary>The verdict's name in the data.</summary>
    /// <param name="state">A verdict (not <see cref="CheckState.Missing"/>).</param>
    /// <returns><c>solved</c>, <c>incorrect</c> or <c>not-solved-yet</c>.</returns>
    public static string Name(CheckState state) => state switch
    {
        CheckState.Solved => "solved",
        CheckState.Incorrect => "incorrect",
        CheckState.NotSolvedYet => "not-solved-yet",
        _ => throw new ArgumentOutOfRangeException(nameof(state), state, "Missing is no verdict."),
    };

    /// <summary>The data a check emits for a verdict.</summary>
    /// <returns>The JSON object text.</returns>
    public string ToJson() => new JsonObject { ["check"] = Check, ["verdict"] = Name(State) }.ToJsonString();

    /// <summary>The verdict an output carries as data, or null when it carries none.</summary>
    /// <param name="output">A cell output.</param>
    /// <returns>The verdict, or null.</returns>
    /// <exception cref="InvalidDataException">The data names a check but its verdict is not one of the three names.</exception>
    public static CheckVerdict? Read(CellOutput output)
    {
        ArgumentNullException.ThrowIfNull(output);
        if (!output.Data.TryGetValue(MimeType, out var json))
        {
            return null;
        }
        JsonNode? node;
        try
        {
            node = JsonNode.Parse(json);
        }
        catch (JsonException)
        {
            return null; // some other application/json output, not a verdict
        }
        if (node is not JsonObject o || o["check"] is not JsonValue checkValue || !checkValue.TryGetValue(out string? check)
            || o["verdict"] is not JsonValue verdictValue || !verdictValue.TryGetValue(out string? verdict))
        {
            return null;
        }
        var state = verdict switch
        {
            "solved" => CheckState.Solved,
            "incorrect" => CheckState.Incorrect,
            "not-solved-yet" => CheckState.NotSolvedYet,
            _ => throw new InvalidDataException(
                $"Check '{check}': verdict '{verdict}' is none of 'solved', 'incorrect', 'not-solved-yet'."),
        };
        return new CheckVerdict(check, state);
    }

    /// <summary>The verdict a cell's outputs carry: the most cautious one when several do.</summary>
    /// <param name="cell">An executed code cell.</param>
    /// <returns>The state; <see cref="CheckState.Missing"/> when no output carries a verdict.</returns>
    public static CheckState Of(Cell cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var states = cell.Outputs.Select(Read).OfType<CheckVerdict>().Select(v => v.State).ToArray();
        return states.Contains(CheckState.NotSolvedYet) ? CheckState.NotSolvedYet
            : states.Contains(CheckState.Incorrect) ? CheckState.Incorrect
            : states.Contains(CheckState.Solved) ? CheckState.Solved
            : CheckState.Missing;
    }
}
