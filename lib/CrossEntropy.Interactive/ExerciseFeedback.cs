using System.Text;

namespace CrossEntropy.Interactive;

/// <summary>The verdict on a "try it yourself" exercise: shown as a green (pass) or red (fail) box.</summary>
/// <param name="Name">The exercise's short name.</param>
/// <param name="Passed">Whether the answer was accepted.</param>
/// <param name="Message">What was compared, and on failure what to look at.</param>
public sealed record ExerciseFeedback(string Name, bool Passed, string Message)
{
    /// <summary>One line: <c>PASS name: message</c> or <c>FAIL name: message</c>.</summary>
    /// <returns>The text.</returns>
    public override string ToString() => $"{(Passed ? "PASS" : "FAIL")} {Name}: {Message}";

    /// <summary>Renders the verdict as a coloured box (inline styles, no ids, no scripts).</summary>
    /// <returns>The HTML fragment.</returns>
    public string ToHtml()
    {
        var (border, background, mark) = Passed ? ("#2e7d32", "#e8f5e9", "✔") : ("#c62828", "#ffebee", "✘");
        return new StringBuilder()
            .Append("<div style=\"border:1px solid ").Append(border).Append(";background:").Append(background)
            .Append(";color:#222;border-radius:4px;padding:6px 10px;font-family:sans-serif;font-size:13px\">")
            .Append("<strong style=\"color:").Append(border).Append("\">").Append(mark).Append(' ')
            .Append(Passed ? "PASS" : "FAIL").Append(' ').Append(ValueText.Html(Name)).Append("</strong>: ")
            .Append(ValueText.Html(Message)).Append("</div>")
            .ToString();
    }
}

/// <summary>Checks exercise answers against expected values and returns displayable feedback.</summary>
public static class Exercise
{
    /// <summary>
    /// Accepts <paramref name="actual"/> when |actual − expected| ≤ <paramref name="tolerance"/>
    /// (equal infinities pass; NaN never passes).
    /// </summary>
    /// <param name="name">The exercise's short name.</param>
    /// <param name="actual">The learner's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <param name="tolerance">The largest accepted absolute difference.</param>
    /// <param name="hint">Shown on failure: what to check.</param>
    /// <returns>The feedback to display.</returns>
    public static ExerciseFeedback Check(string name, double actual, double expected, double tolerance = 1e-6, string? hint = null)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        var ok = Close(actual, expected, tolerance);
        var message = ok
            ? $"{ValueText.Significant(actual)} matches {ValueText.Significant(expected)} (tolerance {ValueText.Significant(tolerance)})."
            : $"got {ValueText.Significant(actual)}, expected {ValueText.Significant(expected)} " +
              $"(|difference| = {ValueText.Significant(Math.Abs(actual - expected))} > tolerance {ValueText.Significant(tolerance)}).";
        return new ExerciseFeedback(name, ok, ok || hint is null ? message : message + " Hint: " + hint);
    }

    /// <summary>Element-wise version of <see cref="Check(string, double, double, double, string?)"/> for vectors.</summary>
    /// <param name="name">The exercise's short name.</param>
    /// <param name="actual">The learner's values.</param>
    /// <param name="expected">The reference values.</param>
    /// <param name="tolerance">The largest accepted absolute difference per element.</param>
    /// <param name="hint">Shown on failure: what to check.</param>
    /// <returns>The feedback to display; on failure it names the first element that differs.</returns>
    public static ExerciseFeedback Check(string name, IReadOnlyList<double> actual, IReadOnlyList<double> expected,
        double tolerance = 1e-6, string? hint = null)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentOutOfRangeException.ThrowIfNegative(tolerance);
        string? problem = null;
        if (actual.Count != expected.Count)
        {
            problem = $"got {actual.Count} values, expected {expected.Count}.";
        }
        else
        {
            for (var i = 0; i < actual.Count && problem is null; i++)
            {
                if (!Close(actual[i], expected[i], tolerance))
                {
                    problem = $"element {i}: got {ValueText.Significant(actual[i])}, expected {ValueText.Significant(expected[i])} " +
                              $"(tolerance {ValueText.Significant(tolerance)}).";
                }
            }
        }
        var message = problem is null
            ? $"all {actual.Count} values match (tolerance {ValueText.Significant(tolerance)})."
            : hint is null ? problem : problem + " Hint: " + hint;
        return new ExerciseFeedback(name, problem is null, message);
    }

    // Exact equality first so that equal infinities pass; NaN fails every comparison.
    private static bool Close(double actual, double expected, double tolerance) =>
        actual.Equals(expected) && !double.IsNaN(actual) || Math.Abs(actual - expected) <= tolerance;
}
