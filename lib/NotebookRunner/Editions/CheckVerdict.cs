using System.Text.Json.Nodes;

namespace NotebookRunner.Editions;

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
/// Reads a check's verdict from a cell's outputs. The check result type (<c>ExerciseResult</c> in
/// CrossEntropy.Interactive) prints its label, "Solved", "Not solved yet" or "Incorrect", followed by a colon in its
/// plain text (<c>Solved: Exercise 1.1 ...</c>) and closing the bold label of its HTML box; that label is the contract
/// (<see cref="NotebookSite.ExerciseMarkup.VerdictLabels"/>, which the site uses too), so a word inside a message
/// ("incorrectly", "unsolved") does not count.
/// </summary>
public static class CheckVerdict
{
    /// <summary>The verdict shown by an executed cell's outputs.</summary>
    /// <param name="cell">An executed code cell.</param>
    /// <returns>The state; <see cref="CheckState.Missing"/> when no verdict is shown.</returns>
    public static CheckState Read(JsonObject cell) => Read(OutputText(cell));

    /// <summary>The verdict labelled in a text (the most cautious one when several are).</summary>
    /// <param name="text">Output text.</param>
    /// <returns>The state.</returns>
    public static CheckState Read(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var labels = NotebookSite.ExerciseMarkup.VerdictLabels(text);
        return labels.Contains("Not solved yet") ? CheckState.NotSolvedYet
            : labels.Contains("Incorrect") ? CheckState.Incorrect
            : labels.Contains("Solved") ? CheckState.Solved
            : CheckState.Missing;
    }

    /// <summary>All text a cell's outputs show: stream text and every text-like data entry (plain, HTML, markdown).</summary>
    /// <param name="cell">A code cell.</param>
    /// <returns>The text, entries separated by line breaks.</returns>
    public static string OutputText(JsonObject cell)
    {
        ArgumentNullException.ThrowIfNull(cell);
        var parts = new List<string>();
        foreach (var output in NotebookFile.Outputs(cell).OfType<JsonObject>())
        {
            parts.Add(NotebookFile.Text(output["text"]));
            parts.Add(NotebookFile.Text(output["evalue"]));
            if (output["data"] is JsonObject data)
            {
                parts.AddRange(data.Where(d => d.Key.StartsWith("text/", StringComparison.Ordinal)).Select(d => NotebookFile.Text(d.Value)));
            }
        }
        return string.Join("\n", parts.Where(p => p.Length > 0));
    }
}
