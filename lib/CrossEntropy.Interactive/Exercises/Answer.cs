using System.Numerics;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// Comparisons for exercise checks: "not answered" detection and the tolerance each kind of answer deserves
/// (relative for real numbers, bit-exact for floating-point boundaries, element-wise for vectors).
/// </summary>
public static class Answer
{
    /// <summary>True for the placeholder of a real-number answer: NaN.</summary>
    /// <param name="value">The answer.</param>
    /// <returns>Whether it is still the placeholder.</returns>
    public static bool IsMissing(double value) => double.IsNaN(value);

    /// <summary>True for the placeholder of a choice: <c>'?'</c>, <c>'\0'</c> (default) or white space.</summary>
    /// <param name="choice">The answer.</param>
    /// <returns>Whether it is still the placeholder.</returns>
    public static bool IsMissing(char choice) => choice is '?' or '\0' || char.IsWhiteSpace(choice);

    /// <summary>True for the placeholder of a vector answer: null, empty, or every entry NaN.</summary>
    /// <param name="values">The answer.</param>
    /// <returns>Whether it is still the placeholder.</returns>
    public static bool IsMissing(IReadOnlyList<double>? values) =>
        values is null || values.Count == 0 || values.All(double.IsNaN);

    /// <summary>True for the placeholder of any other answer: null or the type's default value.</summary>
    /// <typeparam name="T">The answer's type.</typeparam>
    /// <param name="value">The answer.</param>
    /// <returns>Whether it is still the placeholder.</returns>
    public static bool IsDefault<T>(T value) => EqualityComparer<T>.Default.Equals(value, default!);

    /// <summary>
    /// |actual − expected| ≤ relativeTolerance · |expected|, or both equal (so equal infinities pass).
    /// NaN never passes. With expected = 0 only an exact 0 passes.
    /// </summary>
    /// <param name="actual">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <param name="relativeTolerance">The accepted relative difference, ≥ 0.</param>
    /// <returns>Whether the values agree.</returns>
    public static bool CloseRelative(double actual, double expected, double relativeTolerance)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        return actual == expected || Math.Abs(actual - expected) <= relativeTolerance * Math.Abs(expected);
    }

    /// <summary>
    /// Bit-for-bit equality: the answer to "which float is the boundary" has exactly one right value, and the
    /// neighbouring float is a different, wrong answer however close. +0 and −0 differ; NaN never passes.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="actual">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <returns>Whether the two are the same floating-point number.</returns>
    public static bool SameBits<T>(T actual, T expected) where T : IFloatingPointIeee754<T> =>
        !T.IsNaN(actual) && actual == expected && T.IsNegative(actual) == T.IsNegative(expected);

    /// <summary>
    /// How many representable values of <typeparamref name="T"/> lie between the two (0 for the same number,
    /// 1 for neighbours); <see cref="long.MaxValue"/> when either is NaN.
    /// </summary>
    /// <typeparam name="T">float or double.</typeparam>
    /// <param name="a">One value.</param>
    /// <param name="b">The other.</param>
    /// <returns>The distance in units in the last place.</returns>
    public static long UlpDistance<T>(T a, T b) where T : IFloatingPointIeee754<T>
    {
        if (T.IsNaN(a) || T.IsNaN(b))
        {
            return long.MaxValue;
        }
        long steps = 0;
        // Walk at most a few steps: the question is only ever "is it 0, 1 or a few ulps away".
        for (T x = T.Min(a, b), end = T.Max(a, b); x != end; x = T.BitIncrement(x))
        {
            if (++steps > 16)
            {
                return long.MaxValue;
            }
        }
        return steps;
    }

    /// <summary>
    /// Element-wise closeness of two vectors of the same length: |aᵢ − eᵢ| ≤ absoluteTolerance + relativeTolerance · |eᵢ|
    /// (or aᵢ = eᵢ, so equal infinities pass). Different lengths or any NaN never pass.
    /// </summary>
    /// <param name="actual">The student's values.</param>
    /// <param name="expected">The reference values.</param>
    /// <param name="relativeTolerance">The accepted relative difference per element.</param>
    /// <param name="absoluteTolerance">The accepted absolute difference per element (for entries near 0).</param>
    /// <returns>Whether the vectors agree.</returns>
    public static bool VectorsClose(IReadOnlyList<double> actual, IReadOnlyList<double> expected,
        double relativeTolerance, double absoluteTolerance = 0)
    {
        ArgumentNullException.ThrowIfNull(actual);
        ArgumentNullException.ThrowIfNull(expected);
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(absoluteTolerance);
        if (actual.Count != expected.Count)
        {
            return false;
        }
        for (var i = 0; i < actual.Count; i++)
        {
            var (a, e) = (actual[i], expected[i]);
            if (a != e && !(Math.Abs(a - e) <= absoluteTolerance + relativeTolerance * Math.Abs(e)))
            {
                return false;
            }
        }
        return true;
    }

    /// <summary>
    /// True when the values form a probability vector: every entry in [0, 1] and the sum within
    /// <paramref name="tolerance"/> of 1.
    /// </summary>
    /// <param name="values">The values.</param>
    /// <param name="tolerance">The accepted distance of the sum from 1.</param>
    /// <returns>Whether the values are a distribution.</returns>
    public static bool IsDistribution(IReadOnlyList<double> values, double tolerance = 1e-9)
    {
        ArgumentNullException.ThrowIfNull(values);
        return values.Count > 0 && values.All(v => v is >= 0 and <= 1) && Math.Abs(values.Sum() - 1) <= tolerance;
    }
}
