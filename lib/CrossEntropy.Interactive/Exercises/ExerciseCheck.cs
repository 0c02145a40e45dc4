using System.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// The building blocks of every exercise check: each compares a student's answer with a value the check computed
/// (never a typed constant), returns <see cref="ExerciseStatus.NotSolvedYet"/> for a placeholder, and on a wrong
/// answer the hint of the first recognised <see cref="Mistake"/>. No message ever contains the expected value.
/// </summary>
public static class ExerciseCheck
{
    /// <summary>
    /// A real-number answer, accepted at the precision the statement asks for (see <see cref="Precision"/>): a value
    /// right to that precision is solved, and the verdict says whether it was right in full or "right, to n digits".
    /// NaN is the placeholder. A value one unit off in the last digit asked for gets the rounding hint before any
    /// listed mistake.
    /// </summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value, computed by the caller.</param>
    /// <param name="precision">The precision the statement asks for.</param>
    /// <param name="fallbackHint">The hint when no listed mistake explains a wrong answer.</param>
    /// <param name="mistakes">Likely mistakes, most specific first, recognised at the same precision.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Real(string exercise, double answer, double expected, Precision precision,
        string fallbackHint, params Mistake[] mistakes)
    {
        ArgumentNullException.ThrowIfNull(precision);
        if (Answer.IsMissing(answer))
        {
            return ExerciseResult.NotSolvedYet(exercise);
        }
        if (precision.Accepts(answer, expected))
        {
            return ExerciseResult.Solved(exercise, Precision.IsFull(answer, expected)
                ? Tr($"your value matches the reference in full (asked for: {precision}).")
                : Tr($"right, to {precision}, the precision asked for."));
        }
        return ExerciseResult.Incorrect(exercise, precision.IsNearMiss(answer, expected)
            ? NearMissHint(precision)
            : Mistake.Choose(answer, expected, fallbackHint, mistakes, precision));
    }

    /// <summary>
    /// A floating-point boundary (the largest x with a finite exp, the first x where a formula fails): exactly one
    /// value is right, so only the same bits are accepted (see <see cref="Answer.SameBits{T}"/>). NaN is the placeholder.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value, computed by the caller.</param>
    /// <param name="fallbackHint">The hint when no listed mistake explains a wrong answer.</param>
    /// <param name="mistakes">Likely mistakes, most specific first.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Boundary<T>(string exercise, T answer, T expected, string fallbackHint,
        params Mistake[] mistakes) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(answer))
        {
            return ExerciseResult.NotSolvedYet(exercise);
        }
        return Answer.SameBits(answer, expected)
            ? ExerciseResult.Solved(exercise, Tr($"your value is exactly the right {FormatName<T>()}, to the last bit."))
            : ExerciseResult.Incorrect(exercise,
                Mistake.Choose(double.CreateChecked(answer), double.CreateChecked(expected), fallbackHint, mistakes));
    }

    /// <summary>
    /// A vector answer, every entry accepted at the precision the statement asks for (see <see cref="Precision"/>).
    /// Null, empty or all-NaN is the placeholder; a wrong length or a NaN entry gets its own hint.
    /// </summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="answer">The student's values.</param>
    /// <param name="expected">The reference values, computed by the caller.</param>
    /// <param name="precision">The precision the statement asks for, per entry.</param>
    /// <param name="fallbackHint">The hint when no listed mistake explains a wrong answer.</param>
    /// <param name="mistakes">Likely mistakes, most specific first, recognised at the same precision.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Vector(string exercise, IReadOnlyList<double>? answer, IReadOnlyList<double> expected,
        Precision precision, string fallbackHint, params VectorMistake[] mistakes)
    {
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentNullException.ThrowIfNull(precision);
        if (Answer.IsMissing(answer))
        {
            return ExerciseResult.NotSolvedYet(exercise);
        }
        if (answer!.Count != expected.Count)
        {
            return ExerciseResult.Incorrect(exercise,
                Tr($"your answer has {Count(answer.Count)}; the exercise needs {Count(expected.Count)}."));
        }
        if (answer.Any(double.IsNaN))
        {
            return ExerciseResult.Incorrect(exercise,
                Tr("some entries are NaN: did you fill in every entry, and does your formula divide 0 by 0 or multiply 0 by infinity?"));
        }
        var accepted = Enumerable.Range(0, answer.Count).All(i => precision.Accepts(answer[i], expected[i]));
        if (accepted)
        {
            return ExerciseResult.Solved(exercise,
                Enumerable.Range(0, answer.Count).All(i => Precision.IsFull(answer[i], expected[i]))
                    ? Tr($"every entry matches the reference in full (asked for: {precision}).")
                    : Tr($"every entry is right, to {precision}, the precision asked for."));
        }
        var nearMiss = Enumerable.Range(0, answer.Count)
            .All(i => precision.Accepts(answer[i], expected[i]) || precision.IsNearMiss(answer[i], expected[i]));
        return ExerciseResult.Incorrect(exercise, nearMiss
            ? NearMissHint(precision)
            : VectorMistake.Choose(answer, expected, fallbackHint, mistakes, precision));
    }

    /// <summary>
    /// A multiple-choice self-check. <c>'?'</c> is the placeholder; letters are compared case-insensitively.
    /// </summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="choice">The student's letter.</param>
    /// <param name="correct">The right letter.</param>
    /// <param name="whyWrong">For each wrong letter, what is wrong with it (a hint, not the right letter).</param>
    /// <param name="whyRight">Shown once solved: the one-sentence reason.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Choice(string exercise, char choice, char correct,
        IReadOnlyDictionary<char, string> whyWrong, string whyRight)
    {
        ArgumentNullException.ThrowIfNull(whyWrong);
        if (Answer.IsMissing(choice))
        {
            return ExerciseResult.NotSolvedYet(exercise, Tr("Set choice to one letter, e.g. choice = 'a', and run the cell again."));
        }
        var letter = char.ToLowerInvariant(choice);
        if (letter == char.ToLowerInvariant(correct))
        {
            return ExerciseResult.Solved(exercise, whyRight);
        }
        return whyWrong.TryGetValue(letter, out var hint)
            ? ExerciseResult.Incorrect(exercise, hint)
            : ExerciseResult.Incorrect(exercise,
                Tr($"'{choice}' is not one of the choices: pick one of {string.Join(", ", whyWrong.Keys.Append(correct).Order().Select(c => $"'{c}'"))}."));
    }

    /// <summary>
    /// Runs a check and turns any exception it throws (a student's typo leading to a wrong shape, a null, an index
    /// out of range, an exception from the student's own function) into a readable <see cref="ExerciseStatus.Incorrect"/>
    /// message: never a stack trace.
    /// </summary>
    /// <param name="exercise">The exercise's number and short name.</param>
    /// <param name="check">The check.</param>
    /// <returns>The check's verdict, or the readable failure.</returns>
    public static ExerciseResult Guarded(string exercise, Func<ExerciseResult> check)
    {
        ArgumentNullException.ThrowIfNull(check);
        try
        {
            return check();
        }
#pragma warning disable CA1031 // Any exception from student code must become a message, not a stack trace.
        catch (Exception e)
#pragma warning restore CA1031
        {
            return ExerciseResult.Incorrect(exercise, Tr($"your answer could not be checked: {Explain(e)}"));
        }
    }

    /// <summary>A one-sentence explanation of an exception raised while checking a student's answer.</summary>
    /// <param name="exception">The exception.</param>
    /// <returns>The explanation, without a stack trace.</returns>
    public static string Explain(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        var inner = exception is System.Reflection.TargetInvocationException or AggregateException && exception.InnerException is not null
            ? exception.InnerException
            : exception;
        return inner switch
        {
            NullReferenceException or ArgumentNullException =>
                Tr("something in it is null. Did you leave an array or a function unassigned?"),
            IndexOutOfRangeException or ArgumentOutOfRangeException { ParamName: "index" } =>
                Tr("an index was outside an array. Check the length of your arrays."),
            DivideByZeroException => Tr("it divides an integer by zero. Use double arithmetic (1.0 / n, not 1 / n)."),
            _ => Tr($"{inner.Message.TrimEnd('.')} ({inner.GetType().Name})."),
        };
    }

    private static string FormatName<T>() =>
        typeof(T) == typeof(float) ? "float" : typeof(T) == typeof(Half) ? "Half" : "double";

    private static string NearMissHint(Precision precision) =>
        Tr($"almost: your value is one unit off in the last of the {precision} asked for. Round that digit (do not cut the rest off), and carry more digits through the intermediate steps.");

    private static string Count(int n) => n == 1 ? Tr("1 value") : Tr($"{n} values");
}
