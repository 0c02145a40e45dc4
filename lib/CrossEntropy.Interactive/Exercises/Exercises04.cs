using System.Globalization;
using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 4 (stability pitfalls). Boundaries are checked bit for bit.</summary>
public static class Exercises04
{
    private static string ThresholdName => Tr("Exercise 4.1, the float threshold");
    private static string SoftmaxName => Tr("Exercise 4.2, your own stable softmax");
    private static string SigmoidName => Tr("Exercise 4.3, the other side of the sigmoid");
    private static string ClippingName => Tr("Exercise 4.4, clipping in float");

    /// <summary>
    /// Exercise 4.1: how many floats x ≥ 88 have a finite <c>MathF.Exp(x)</c>, from 88 (section 1's largest integer) up to
    /// the threshold, found by stepping float by float. A count, checked exactly. (The threshold itself is printed to
    /// 4 digits by the notebook, so it cannot be the answer.)
    /// </summary>
    /// <param name="finiteFloats">The student's count; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult FloatThreshold(double finiteFloats)
    {
        var largest = 88f;
        var count = 1;
        while (float.IsFinite(MathF.Exp(MathF.BitIncrement(largest))))
        {
            largest = MathF.BitIncrement(largest);
            count++;
        }
        var floatsFrom88To89 = BitConverter.SingleToInt32Bits(89f) - BitConverter.SingleToInt32Bits(88f);
        return ExerciseCheck.Real(ThresholdName, finiteFloats, count, Precision.Exact,
            Tr("start at x = 88f, step with MathF.BitIncrement while MathF.Exp of the next float is still finite, and count the floats, 88 included."),
            Mistake.Produces(count - 1, Tr("you counted the steps; the exercise counts the floats, and 88 itself is one of them.")),
            Mistake.Produces(count + 1, Tr("one float too many: the last one you counted has an infinite MathF.Exp (it is ln(float.MaxValue) rounded to float).")),
            Mistake.Produces(floatsFrom88To89, Tr("that is every float from 88 up to 89: stop at the first float whose MathF.Exp is ∞.")),
            Mistake.When(n => n > floatsFrom88To89, Tr("MathF.Exp, in float: Math.Exp in double stays finite far beyond 89.")),
            Mistake.When(n => n < 1 || n != Math.Floor(n), Tr("a count of floats is a whole number, at least 1 (88 itself).")));
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
                return ExerciseResult.Incorrect(SoftmaxName, Tr($"your function returned null for x = {shown}."));
            }
            if (result.Any(float.IsNaN))
            {
                return ExerciseResult.Incorrect(SoftmaxName,
                    Tr($"NaN for x = {shown}: the exponentials overflow to ∞ (∞ / ∞) or underflow to 0 (0 / 0). Subtract the maximum before TensorPrimitives.Exp."));
            }
            var expected = StableMath.Softmax<float>(x).Select(v => (double)v).ToArray();
            double[] shiftedExps = x.Select(v => Math.Exp(v - x.Max())).ToArray();
            var verdict = ExerciseCheck.Vector(SoftmaxName, result.Select(v => (double)v).ToArray(), expected, Precision.Relative(4 * 1.2e-7, 1e-30),
                Tr($"for x = {shown} your probabilities differ from the stable softmax: max-shift, exponentiate, sum, divide."),
                VectorMistake.Produces(shiftedExps, Tr($"for x = {shown} you return the shifted exponentials: divide them by their sum.")),
                VectorMistake.When(r => Math.Abs(r.Sum() - 1) > 1e-6, Tr($"for x = {shown} your values do not sum to 1: divide by the sum of the exponentials.")));
            if (!verdict.IsSolved)
            {
                return verdict;
            }
        }
        return ExerciseResult.Solved(SoftmaxName, Tr("same result as StableMath.Softmax on all three inputs, with no NaN."));
    });

    /// <summary>
    /// Exercise 4.3: how many of the integers x = −1000, …, 0 make <c>Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0)</c>
    /// +∞ in double (where e^−x overflows, σ(x) = 1 / ∞ = 0). A count, checked exactly.
    /// </summary>
    /// <param name="infiniteCount">The student's count; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult SigmoidInfinity(double infiniteCount)
    {
        int[] xs = Enumerable.Range(-1000, 1001).ToArray();
        var infinite = xs.Count(x => double.IsPositiveInfinity(Textbook.BinaryCrossEntropyOfSigmoid((double)x, 1.0)));
        var expUnderflows = xs.Count(x => Math.Exp(x) == 0);
        return ExerciseCheck.Real(SigmoidName, infiniteCount, infinite, Precision.Exact,
            Tr("evaluate Textbook.BinaryCrossEntropyOfSigmoid(x, 1.0) at every integer from −1000 to 0 and count the infinite results."),
            Mistake.Produces(expUnderflows, Tr("that counts where e^x itself underflows to 0; the textbook formula fails earlier, when e^−x in the denominator 1 + e^−x overflows.")),
            Mistake.Produces(infinite - 1, Tr("one short: count both ends, the boundary and −1000.")),
            Mistake.Produces(infinite + 1, Tr("one too many: at the integer just above the boundary the loss is still finite (σ is a tiny subnormal, not 0).")),
            Mistake.Produces(xs.Length - infinite, Tr("that is how many are finite: count the infinite ones.")),
            Mistake.When(n => n < 0 || n > xs.Length || n != Math.Floor(n), Tr("a count of integers from −1000 to 0 is a whole number between 0 and 1001.")));
    }

    /// <summary>Exercise 4.4: the clipped cross-entropy of a perfect prediction in float (ε = 1e−7), checked exactly.</summary>
    /// <param name="loss">The student's float; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult ClippingInFloat(float loss)
    {
        var expected = Textbook.ClippedCrossEntropy<float>([1f, 0f], [1f, 0f]);
        return ExerciseCheck.Boundary(ClippingName, loss, expected,
            Tr("compute Textbook.ClippedCrossEntropy<float>([1, 0], [1, 0]), or by hand −ln(1 − 1e-7) with every step in float."),
            Mistake.Produces(Textbook.ClippedCrossEntropy<double>([1.0, 0.0], [1.0, 0.0]),
                Tr("that is the double result; in float, 1 − 1e-7 rounds to a neighbouring float first, and the loss is its −ln.")),
            Mistake.Produces(0, Tr("a perfect prediction is still charged: the 1 is clipped to 1 − ε before the log.")),
            Mistake.OneFloatStep(hint: Tr("one float away: compute it in float from start to end (MathF.Log of a float).")));
    }
}
