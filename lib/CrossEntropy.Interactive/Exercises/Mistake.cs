using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// A typical mistake, recognised from the student's value alone, and the hint that points at it. A check lists the
/// mistakes likely for its exercise; <see cref="Choose"/> returns the hint of the first one that explains the answer.
/// A hint names the mistake, never the expected value.
/// </summary>
public sealed class Mistake
{
    private readonly Func<double, double, Precision, bool> recognises;

    /// <summary>Creates a mistake from a predicate on (answer, expected) and its hint.</summary>
    /// <param name="hint">What the student should look at.</param>
    /// <param name="recognises">True when the answer is what this mistake produces, given the expected value.</param>
    public Mistake(string hint, Func<double, double, bool> recognises)
        : this(hint, WithoutPrecision(recognises))
    {
    }

    // A mistake whose value is compared at the precision the exercise asks for: a student who makes the mistake and
    // rounds as the statement says is still recognised.
    private Mistake(string hint, Func<double, double, Precision, bool> recognises)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        ArgumentNullException.ThrowIfNull(recognises);
        Hint = hint;
        this.recognises = recognises;
    }

    /// <summary>The hint shown when this mistake is recognised.</summary>
    public string Hint { get; }

    /// <summary>Whether <paramref name="answer"/> is what this mistake would produce.</summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <param name="precision">The precision the exercise asks for; <see cref="Precision.Default"/> when null.</param>
    /// <returns>True when the mistake explains the answer.</returns>
    public bool Recognises(double answer, double expected, Precision? precision = null) =>
        recognises(answer, expected, precision ?? Precision.Default);

    /// <summary>
    /// The answer equals the expected value expressed in another unit of information: a factor ln 2, ln 10 or
    /// log₂ 10 (or its inverse) away, which is what the wrong log base produces.
    /// </summary>
    /// <param name="hint">The hint; by default a generic one about bases and units.</param>
    /// <returns>The mistake.</returns>
    public static Mistake WrongLogBase(string? hint = null) =>
        new(hint ?? Tr("your value is the right quantity in another unit: check the base of your logarithm (ln gives nats, log2 bits, log10 hartleys) and which unit the exercise asks for."),
            (answer, expected, precision) => expected != 0 && UnitFactors.Any(f => precision.Recognises(answer, expected * f)));

    /// <summary>The answer is the expected value with the wrong sign (a missing minus, or log(q/p) for log(p/q)).</summary>
    /// <param name="hint">The hint; by default a generic one about signs.</param>
    /// <returns>The mistake.</returns>
    public static Mistake Sign(string? hint = null) =>
        new(hint ?? Tr("the size looks right but the sign is wrong: check the minus sign in front of the sum, or the order inside the logarithm."),
            (answer, expected, precision) => expected != 0 && precision.Recognises(answer, -expected));

    /// <summary>The answer is the reciprocal of the expected value (e.g. 2³ for 2⁻³).</summary>
    /// <param name="hint">The hint.</param>
    /// <returns>The mistake.</returns>
    public static Mistake Reciprocal(string? hint = null) =>
        new(hint ?? Tr("your value is upside down: check whether you need x or 1 / x."),
            (answer, expected, precision) => expected != 0 && answer != 0 && precision.Recognises(answer, 1 / expected));

    /// <summary>
    /// The answer is one representable float (or double, with <paramref name="inDouble"/>) away from the expected
    /// boundary: right idea, last step wrong.
    /// </summary>
    /// <param name="inDouble">Count the step in double instead of float.</param>
    /// <param name="hint">The hint.</param>
    /// <returns>The mistake.</returns>
    public static Mistake OneFloatStep(bool inDouble = false, string? hint = null) =>
        new(hint ?? Tr("you are exactly one floating-point step away from the boundary: check which side of it your value is on (compute the function at your value and at the next one)."),
            (answer, expected) => inDouble
            ? Answer.UlpDistance(answer, expected) == 1
            : Answer.UlpDistance((float)answer, (float)expected) == 1);

    /// <summary>
    /// The answer is the value a specific mistake produces, which the check computes (for example the entropy of the
    /// wrong distribution, or the KL divergence in the other direction).
    /// </summary>
    /// <param name="wrongValue">What the mistake produces.</param>
    /// <param name="hint">What to look at.</param>
    /// <returns>The mistake.</returns>
    public static Mistake Produces(double wrongValue, string hint) =>
        new(hint, (answer, _, precision) => !double.IsNaN(wrongValue) && precision.Recognises(answer, wrongValue));

    /// <summary>The answer has a property no right answer has (e.g. a negative entropy).</summary>
    /// <param name="predicate">True for answers with that property.</param>
    /// <param name="hint">What to look at.</param>
    /// <returns>The mistake.</returns>
    public static Mistake When(Func<double, bool> predicate, string hint)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(hint, (answer, _) => predicate(answer));
    }

    /// <summary>
    /// The hint chooser: the hint of the first mistake that explains <paramref name="answer"/>, or
    /// <paramref name="fallback"/> when none does. Mistakes are tried in the order given, so list the most
    /// specific first.
    /// </summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value (never shown).</param>
    /// <param name="fallback">The hint for a wrong answer no listed mistake explains.</param>
    /// <param name="mistakes">The mistakes likely for this exercise.</param>
    /// <param name="precision">The precision the exercise asks for; <see cref="Precision.Default"/> when null.</param>
    /// <returns>The hint.</returns>
    public static string Choose(double answer, double expected, string fallback, IEnumerable<Mistake> mistakes,
        Precision? precision = null)
    {
        ArgumentNullException.ThrowIfNull(mistakes);
        return mistakes.FirstOrDefault(m => m.Recognises(answer, expected, precision))?.Hint ?? fallback;
    }

    // Factors between units of information: nats ↔ bits (ln 2), nats ↔ hartleys (ln 10), bits ↔ hartleys (log2 10).
    private static readonly double[] UnitFactors =
        [Math.Log(2), 1 / Math.Log(2), Math.Log(10), 1 / Math.Log(10), Math.Log2(10), Math.Log10(2)];

    private static Func<double, double, Precision, bool> WithoutPrecision(Func<double, double, bool> recognises)
    {
        ArgumentNullException.ThrowIfNull(recognises);
        return (answer, expected, _) => recognises(answer, expected);
    }
}

/// <summary>
/// A typical mistake in a vector answer (probabilities passed where logits were expected, a flipped sign, the
/// vector a specific slip produces), with its hint. The vector counterpart of <see cref="Mistake"/>.
/// </summary>
public sealed class VectorMistake
{
    // How far from summing to 1 a vector may be and still be read as probabilities.
    private const double DistributionTolerance = 1e-6;

    private readonly Func<IReadOnlyList<double>, IReadOnlyList<double>, Precision, bool> recognises;

    /// <summary>Creates a mistake from a predicate on (answer, expected) and its hint.</summary>
    /// <param name="hint">What the student should look at.</param>
    /// <param name="recognises">True when the answer is what this mistake produces.</param>
    public VectorMistake(string hint, Func<IReadOnlyList<double>, IReadOnlyList<double>, bool> recognises)
        : this(hint, WithoutPrecision(recognises))
    {
    }

    private VectorMistake(string hint, Func<IReadOnlyList<double>, IReadOnlyList<double>, Precision, bool> recognises)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(hint);
        ArgumentNullException.ThrowIfNull(recognises);
        Hint = hint;
        this.recognises = recognises;
    }

    /// <summary>The hint shown when this mistake is recognised.</summary>
    public string Hint { get; }

    /// <summary>Whether <paramref name="answer"/> is what this mistake would produce.</summary>
    /// <param name="answer">The student's values (same length as expected).</param>
    /// <param name="expected">The reference values.</param>
    /// <param name="precision">The precision the exercise asks for; <see cref="Precision.Default"/> when null.</param>
    /// <returns>True when the mistake explains the answer.</returns>
    public bool Recognises(IReadOnlyList<double> answer, IReadOnlyList<double> expected, Precision? precision = null) =>
        recognises(answer, expected, precision ?? Precision.Default);

    /// <summary>
    /// Logits were expected and the answer is a probability vector: softmax was applied (answer = softmax(expected)),
    /// or at least the answer sums to 1 while the expected logits do not.
    /// </summary>
    /// <param name="hint">The hint.</param>
    /// <returns>The mistake.</returns>
    public static VectorMistake ProbabilitiesForLogits(string? hint = null) =>
        new(hint ?? Tr("your values look like probabilities (they sum to 1), but logits were asked for: logits are the raw scores before softmax."),
            (answer, expected, precision) =>
            Answer.IsDistribution(answer, DistributionTolerance) &&
            (Near(answer, StableMath.Softmax(expected.ToArray()), precision) || !Answer.IsDistribution(expected, DistributionTolerance)));

    /// <summary>Probabilities were expected and the answer is the logits they come from (softmax(answer) = expected).</summary>
    /// <param name="hint">The hint.</param>
    /// <returns>The mistake.</returns>
    public static VectorMistake LogitsForProbabilities(string? hint = null) =>
        new(hint ?? Tr("your values look like logits: probabilities are what softmax makes of them (non-negative, summing to 1)."),
            (answer, expected, precision) =>
            !Answer.IsDistribution(answer, DistributionTolerance) && answer.All(double.IsFinite) &&
            Near(StableMath.Softmax(answer.ToArray()), expected, precision));

    /// <summary>The answer is the expected vector with every sign flipped (e.g. p − q for q − p).</summary>
    /// <param name="hint">The hint.</param>
    /// <returns>The mistake.</returns>
    public static VectorMistake Sign(string? hint = null) =>
        new(hint ?? Tr("every entry has the wrong sign: check the order of the subtraction."),
            (answer, expected, precision) => expected.Any(e => e != 0) && Near(answer, expected.Select(e => -e).ToArray(), precision));

    /// <summary>The answer is the vector a specific mistake produces, computed by the check.</summary>
    /// <param name="wrongValues">What the mistake produces.</param>
    /// <param name="hint">What to look at.</param>
    /// <returns>The mistake.</returns>
    public static VectorMistake Produces(IReadOnlyList<double> wrongValues, string hint)
    {
        ArgumentNullException.ThrowIfNull(wrongValues);
        return new(hint, (answer, _, precision) => Near(answer, wrongValues, precision));
    }

    /// <summary>The answer has a property no right answer has.</summary>
    /// <param name="predicate">True for answers with that property.</param>
    /// <param name="hint">What to look at.</param>
    /// <returns>The mistake.</returns>
    public static VectorMistake When(Func<IReadOnlyList<double>, bool> predicate, string hint)
    {
        ArgumentNullException.ThrowIfNull(predicate);
        return new(hint, (answer, _) => predicate(answer));
    }

    /// <summary>The hint of the first mistake that explains the answer, or <paramref name="fallback"/>.</summary>
    /// <param name="answer">The student's values.</param>
    /// <param name="expected">The reference values (never shown).</param>
    /// <param name="fallback">The hint when no listed mistake explains the answer.</param>
    /// <param name="mistakes">The mistakes likely for this exercise, most specific first.</param>
    /// <param name="precision">The precision the exercise asks for; <see cref="Precision.Default"/> when null.</param>
    /// <returns>The hint.</returns>
    public static string Choose(IReadOnlyList<double> answer, IReadOnlyList<double> expected, string fallback,
        IEnumerable<VectorMistake> mistakes, Precision? precision = null)
    {
        ArgumentNullException.ThrowIfNull(mistakes);
        return mistakes.FirstOrDefault(m => m.Recognises(answer, expected, precision))?.Hint ?? fallback;
    }

    private static bool Near(IReadOnlyList<double> answer, IReadOnlyList<double> wrong, Precision precision) =>
        answer.Count == wrong.Count && Enumerable.Range(0, answer.Count).All(i => precision.Recognises(answer[i], wrong[i]));

    private static Func<IReadOnlyList<double>, IReadOnlyList<double>, Precision, bool> WithoutPrecision(
        Func<IReadOnlyList<double>, IReadOnlyList<double>, bool> recognises)
    {
        ArgumentNullException.ThrowIfNull(recognises);
        return (answer, expected, _) => recognises(answer, expected);
    }
}
