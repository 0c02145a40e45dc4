using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The three verdicts an exercise check can give.</summary>
public enum ExerciseStatus
{
    /// <summary>The answer is still the placeholder (NaN, null, default, <c>'?'</c>): nothing to judge yet.</summary>
    NotSolvedYet,

    /// <summary>An answer was given and it is wrong; the message carries a hint, never the expected value.</summary>
    Incorrect,

    /// <summary>The answer is accepted.</summary>
    Solved,
}

/// <summary>
/// The verdict on one exercise, shown in a notebook as a coloured box (HTML) and in CI diffs as one line of text.
/// Create it with <see cref="Solved"/>, <see cref="NotSolvedYet"/> or <see cref="Incorrect"/>; the checks in
/// <see cref="ExerciseCheck"/> do that for you.
/// </summary>
/// <param name="Exercise">The exercise's number and short name, e.g. <c>"Exercise 1.1, a fair die"</c>.</param>
/// <param name="Status">The verdict.</param>
/// <param name="Message">Why: what was accepted, what to do next, or a hint aimed at the likely mistake.</param>
public sealed record ExerciseResult(string Exercise, ExerciseStatus Status, string Message)
{
    /// <summary>The text a student reads when nothing has been answered yet, in English (its translations are in the catalog).</summary>
    public const string PlaceholderMessage =
        "Replace the placeholder with your computation (where the cell says \"your code here\") and run the cell again.";

    /// <summary>Whether the answer was accepted.</summary>
    public bool IsSolved => Status == ExerciseStatus.Solved;

    /// <summary>An accepted answer.</summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="message">What was checked, or a remark worth reading after solving it.</param>
    /// <returns>The result.</returns>
    public static ExerciseResult Solved(string exercise, string message) => new(exercise, ExerciseStatus.Solved, message);

    /// <summary>A placeholder answer: the student has not answered yet.</summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="message">What to do; by default <see cref="PlaceholderMessage"/> in the course language.</param>
    /// <returns>The result.</returns>
    public static ExerciseResult NotSolvedYet(string exercise, string? message = null) =>
        new(exercise, ExerciseStatus.NotSolvedYet, message ?? Tr(PlaceholderMessage));

    /// <summary>A wrong answer, with a hint that must not contain the expected value.</summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="hint">What to look at.</param>
    /// <returns>The result.</returns>
    public static ExerciseResult Incorrect(string exercise, string hint) =>
        new(exercise, ExerciseStatus.Incorrect, Tr($"Not yet right. Hint: {hint}"));

    /// <summary>The verdict's label: <c>Solved</c>, <c>Not solved yet</c> or <c>Incorrect</c>, in the course language.</summary>
    public string Label => Status switch
    {
        ExerciseStatus.Solved => Tr("Solved"),
        ExerciseStatus.Incorrect => Tr("Incorrect"),
        _ => Tr("Not solved yet"),
    };

    /// <summary>
    /// The verdict's machine-readable name in <see cref="ToJson"/>: <c>solved</c>, <c>incorrect</c> or
    /// <c>not-solved-yet</c>. Unlike <see cref="Label"/> it never changes with the course's language.
    /// </summary>
    public string VerdictName => Status switch
    {
        ExerciseStatus.Solved => "solved",
        ExerciseStatus.Incorrect => "incorrect",
        _ => "not-solved-yet",
    };

    /// <summary>
    /// The verdict as data, shown beside the HTML box and the text line as the cell's <c>application/json</c> output:
    /// <c>{"check": exercise, "verdict": "solved" | "incorrect" | "not-solved-yet"}</c>. The runner, the student
    /// edition and the site read this (NotebookModel's <c>CheckVerdict</c>), never the label in the text.
    /// </summary>
    /// <returns>The JSON object text.</returns>
    public string ToJson()
    {
        using var stream = new MemoryStream();
        using (var writer = new Utf8JsonWriter(stream, new JsonWriterOptions { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping }))
        {
            writer.WriteStartObject();
            writer.WriteString("check", Exercise);
            writer.WriteString("verdict", VerdictName);
            writer.WriteEndObject();
        }
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    /// <summary>One line: <c>Label: exercise — message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{Label}: {Exercise} — {Message}";

    /// <summary>Renders the verdict as a coloured box (inline styles, no ids, no scripts).</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        // Colour is never the only cue: the mark and the label say the same thing in text.
        var (border, background, mark) = Status switch
        {
            ExerciseStatus.Solved => ("#2e7d32", "#e8f5e9", "✔"),
            ExerciseStatus.Incorrect => ("#c62828", "#ffebee", "✘"),
            _ => ("#546e7a", "#eceff1", "…"),
        };
        return new StringBuilder()
            .Append("<div style=\"border:1px solid ").Append(border).Append(";background:").Append(background)
            .Append(";color:#222;border-radius:4px;padding:6px 10px;font-family:sans-serif;font-size:13px\">")
            .Append("<strong style=\"color:").Append(border).Append("\">").Append(mark).Append(' ')
            .Append(Label).Append("</strong> · ").Append(ValueText.Html(Exercise)).Append(": ")
            .Append(ValueText.Html(Message)).Append("</div>")
            .ToString();
    }
}
