using System.Globalization;
using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 4 (stability pitfalls). Boundaries are checked bit for bit.</summary>
public static class Exercises04
{
    private const string ThresholdName = "Exercise 4.1, the float threshold";
    private const string SoftmaxName = "Exercise 4.2, your own stable softmax";
    private const string SigmoidName = "Exercise 4.3, the other side of the sigmoid";
    private const string ClippingName = "Exercise 4.4, clipping in float";

    /// <summary>
    /// Exercise 4.1: the largest float x with a finite <c>MathF.Exp(x)</c>. Exactly one float is right, so the check
    /// is bit-exact: a tolerance would accept ln(float.MaxValue) rounded to float, whose exponential is ∞.
    /// </summary>
    /// <param name="largest">The student's float; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult FloatThreshold(float largest)
    {
        var lnMax = MathF.Log(float.MaxValue);
        var boundary = lnMax;
        while (!float.IsFinite(MathF.Exp(boundary)))
        {
            boundary = MathF.BitDecrement(boundary);
        }
        while (float.IsFinite(MathF.Exp(MathF.BitIncrement(boundary))))
        {
            boundary = MathF.BitIncrement(boundary);
        }
        return ExerciseCheck.Boundary(ThresholdName, largest, boundary,
            "step float by float with MathF.BitIncrement while the exponential of the next float is still finite.",
            Mistake.When(x => x > 700, "that is the double threshold; the exercise asks about float (MathF.Exp)."),
            Mistake.When(x => float.IsPositiveInfinity(MathF.Exp((float)x)),
                "MathF.Exp of your value is ∞, so it is past the threshold (ln(float.MaxValue) rounded to float is one such value): step down."),
            Mistake.Produces(88, "88 is the largest integer with a finite exponential (section 1); the threshold lies between 88 and 89: step up float by float."),
            Mistake.OneFloatStep(hint: "one float too low: MathF.Exp of the next float up is still finite."));
    }

    /// <summary>
    /// Exercise 4.2: the student's float softmax must match <see cref="StableMath.Softmax{T}(ReadOnlySpan{T}, double)"/>
    /// on [89, 88], [1000, 0] and [−1000, −1001], to 4 float ulps relative (1e−30 absolute for entries that are 0).
    /// </summary>
    /// <param name="softmax">The student's function; null while unanswered.</param>
    /// <returns>The verdict, naming the first input where the function goes wrong.</returns>
    public static ExerciseResult StableSoftmax(Func<float[], float[]>? softmax) => ExerciseCheck.Guarded(SoftmaxName, () =>
    {
        if (softmax is null)
        {
            return ExerciseResult.NotSolvedYet(SoftmaxName);
        }
        float[][] inputs = [[89, 88], [1000, 0], [-1000, -1001]];
        foreach (var x in inputs)
        {
            var shown = "[" + string.Join(", ", x.Select(v => v.ToString(CultureInfo.InvariantCulture))) + "]";
            var result = softmax((float[])x.Clone());
            if (result is null)
            {
                return ExerciseResult.Incorrect(SoftmaxName, $"your function returned null for x = {shown}.");
            }
            if (result.Any(float.IsNaN))
            {
                return ExerciseResult.Incorrect(SoftmaxName,
                    $"NaN for x = {shown}: the exponentials overflow to ∞ (∞ / ∞) or underflow to 0 (0 / 0). Subtract the maximum before TensorPrimitives.Exp.");
            }
            var expected = StableMath.Softmax<float>(x).Select(v => (double)v).ToArray();
            double[] shiftedExps = x.Select(v => Math.Exp(v - x.Max())).ToArray();
            var verdict = ExerciseCheck.Vector(SoftmaxName, result.Select(v => (double)v).ToArray(), expected, Precision.Relative(4 * 1.2e-7, 1e-30),
                $"for x = {shown} your probabilities differ from the stable softmax: max-shift, exponentiate, sum, divide.",
                VectorMistake.Produces(shiftedExps, $"for x = {shown} you return the shifted exponentials: divide them by their sum."),
                VectorMistake.When(r => Math.Abs(r.Sum() - 1) > 1e-6, $"for x = {shown} your values do not sum to 1: divide by the sum of the exponentials."));
            if (!verdict.IsSolved)
            {
                return verdict;
            }
        }
        return ExerciseResult.Solved(SoftmaxName, "same result as StableMath.Softmax on all three inputs, with no NaN.");
    });

    /// <summary>
    /// Exercise 4.3: the largest integer x at which <c>Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0)</c> is +∞ in
    /// double (there e^−x overflows, so σ(x) = 1 / ∞ = 0). Checked exactly.
    /// </summary>
    /// <param name="x">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult SigmoidInfinity(double x)
    {
        var boundary = 0.0;
        while (double.IsFinite(Textbook.BinaryCrossEntropyOfSigmoid(boundary, 1.0)))
        {
            boundary--;
        }
        return ExerciseCheck.Boundary(SigmoidName, x, boundary,
            "walk x down one integer at a time and evaluate Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0) until it is ∞.",
            Mistake.When(v => v >= 0, "for target 1 the loss grows as the logit becomes very negative: look below 0."),
            Mistake.Produces(boundary + 1, "at your x the loss is still finite (the sigmoid is a tiny subnormal, not 0): one more step down."),
            Mistake.When(v => v < boundary - 20,
                "that is where e^x itself would underflow; the loss fails earlier, when e^−x in the denominator 1 + e^−x overflows."),
            Mistake.When(v => v < boundary, "the loss is already ∞ at larger x than yours: find the largest such integer."));
    }

    /// <summary>Exercise 4.4: the clipped cross-entropy of a perfect prediction in float (ε = 1e−7), checked exactly.</summary>
    /// <param name="loss">The student's float; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult ClippingInFloat(float loss)
    {
        var expected = Textbook.ClippedCrossEntropy<float>([1f, 0f], [1f, 0f]);
        return ExerciseCheck.Boundary(ClippingName, loss, expected,
            "compute Textbook.ClippedCrossEntropy<float>([1, 0], [1, 0]), or by hand −ln(1 − 1e-7) with every step in float.",
            Mistake.Produces(Textbook.ClippedCrossEntropy<double>([1.0, 0.0], [1.0, 0.0]),
                "that is the double result; in float, 1 − 1e-7 rounds to a neighbouring float first, and the loss is its −ln."),
            Mistake.Produces(0, "a perfect prediction is still charged: the 1 is clipped to 1 − ε before the log."),
            Mistake.OneFloatStep(hint: "one float away: compute it in float from start to end (MathF.Log of a float)."));
    }
}
