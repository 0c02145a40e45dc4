using System.Globalization;

namespace CrossEntropy.Interactive.Tests;

/// <summary>Assertions shared by the check tests: the status, the hint, and that no message reveals the answer.</summary>
internal static class Verdict
{
    public static void Solved(ExerciseResult result) =>
        Assert.True(result.IsSolved, $"expected Solved, got: {result}");

    public static void NotSolvedYet(ExerciseResult result) =>
        Assert.True(result.Status == ExerciseStatus.NotSolvedYet, $"expected NotSolvedYet, got: {result}");

    /// <summary>Incorrect, and the message contains <paramref name="hintFragment"/> (a phrase of the intended hint).</summary>
    public static void Incorrect(ExerciseResult result, string hintFragment)
    {
        Assert.True(result.Status == ExerciseStatus.Incorrect, $"expected Incorrect, got: {result}");
        Assert.Contains(hintFragment, result.Message, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>
    /// A self-check: the right letter (either case) is Solved, '?' is NotSolvedYet, each wrong letter is Incorrect
    /// with its own hint.
    /// </summary>
    public static void Choice(Func<char, ExerciseResult> check, char right, params (char Letter, string HintFragment)[] wrong)
    {
        Solved(check(right));
        Solved(check(char.ToUpperInvariant(right)));
        NotSolvedYet(check('?'));
        foreach (var (letter, hint) in wrong)
        {
            Incorrect(check(letter), hint);
        }
    }

    /// <summary>
    /// Neither the text nor the HTML contains the expected value written with 3 to 17 significant digits, in
    /// fixed or scientific notation (values written with fewer than 3 digits, like 1 or 0.5, are skipped:
    /// their digits are everywhere).
    /// </summary>
    public static void HidesValue(ExerciseResult result, double expected)
    {
        foreach (var text in Renderings(expected))
        {
            Assert.DoesNotContain(text, result.ToString(), StringComparison.Ordinal);
            Assert.DoesNotContain(text, result.ToHtml(), StringComparison.Ordinal);
        }
    }

    public static void HidesValues(ExerciseResult result, IEnumerable<double> expected)
    {
        foreach (var value in expected)
        {
            HidesValue(result, value);
        }
    }

    private static IEnumerable<string> Renderings(double value)
    {
        if (!double.IsFinite(value))
        {
            yield break;
        }
        var shortest = Math.Abs(value).ToString("R", CultureInfo.InvariantCulture).TrimStart('0', '.').Replace(".", "", StringComparison.Ordinal);
        if (shortest.Length < 3)
        {
            yield break;
        }
        for (var digits = 3; digits <= 17; digits++)
        {
            var significant = Math.Abs(value).ToString("G" + digits.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture);
            yield return significant;
            yield return Math.Abs(value).ToString("E" + (digits - 1).ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture)[..(digits + 1)];
        }
    }
}
