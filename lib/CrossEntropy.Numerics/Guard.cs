using System.Globalization;
using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>
/// Argument checks shared by every public entry point, so each bad input gets the same kind of message:
/// the argument's name, the offending index and the offending value.
/// </summary>
internal static class Guard
{
    /// <summary>Absolute tolerance on |Σp − 1| accepted for a probability vector (see <see cref="Information.SumTolerance"/>).</summary>
    public const double ProbabilitySumTolerance = 1e-6;

    public static void NotEmpty<T>(ReadOnlySpan<T> x, string name)
    {
        if (x.IsEmpty)
        {
            throw new ArgumentException($"{name} must not be empty.", name);
        }
    }

    public static void SameLength<TA, TB>(ReadOnlySpan<TA> a, string aName, ReadOnlySpan<TB> b, string bName)
    {
        if (a.Length != b.Length)
        {
            throw new ArgumentException(
                $"{bName} has length {b.Length} but {aName} has length {a.Length}; they must be equal.", bName);
        }
    }

    public static void DestinationLength<TA, TB>(ReadOnlySpan<TA> source, Span<TB> destination, string destinationName)
    {
        if (destination.Length != source.Length)
        {
            throw new ArgumentException(
                $"{destinationName} has length {destination.Length} but the input has length {source.Length}; they must be equal.",
                destinationName);
        }
    }

    /// <summary>
    /// Rejects a destination that overlaps <paramref name="input"/> unless it is exactly the same span (same start, same
    /// length), the one aliasing an element-by-element computation can honour; as TensorPrimitives does.
    /// </summary>
    public static void SameOrNoOverlap<T>(ReadOnlySpan<T> input, Span<T> destination, string destinationName)
    {
        if (input.Overlaps(destination, out int offset) && (offset != 0 || input.Length != destination.Length))
        {
            throw new ArgumentException(
                $"{destinationName} overlaps an input at element offset {offset} without being the same span; " +
                "pass the input itself (in place) or a separate buffer.",
                destinationName);
        }
    }

    /// <summary>Rejects a destination that shares any element with <paramref name="input"/>.</summary>
    public static void NoOverlap<T>(ReadOnlySpan<T> input, Span<T> destination, string destinationName)
    {
        if (input.Overlaps(destination, out int offset))
        {
            throw new ArgumentException(
                $"{destinationName} overlaps an input at element offset {offset}; it must be a separate buffer.",
                destinationName);
        }
    }

    /// <summary>Checks that a flat row-major buffer holds whole rows of <paramref name="classCount"/> entries; returns the row count.</summary>
    public static int Rows<T>(ReadOnlySpan<T> x, int classCount, string name)
    {
        if (classCount <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(classCount), classCount, "classCount must be positive.");
        }

        NotEmpty(x, name);
        if (x.Length % classCount != 0)
        {
            throw new ArgumentException(
                $"{name} has length {x.Length}, which is not a multiple of classCount = {classCount} (expected N×C, row-major).",
                name);
        }

        return x.Length / classCount;
    }

    /// <summary>Throws if any entry is NaN; names the first offending index.</summary>
    public static void NoNaN<T>(ReadOnlySpan<T> x, string name)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (T.IsNaN(x[i]))
            {
                throw new ArgumentException($"{name}[{i}] is NaN.", name);
            }
        }
    }

    /// <summary>
    /// Throws for a row known to hold a NaN or a +∞: names the first NaN if there is one, else the first +∞, so the
    /// message does not depend on the order in which a kernel happened to meet them.
    /// </summary>
    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    public static void ThrowInvalidLogit<T>(ReadOnlySpan<T> row, string name, int offset, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < row.Length; i++)
        {
            if (T.IsNaN(row[i]))
            {
                throw new ArgumentException($"{name}{Position(offset + i, classCount)} is NaN.", name);
            }
        }

        int j = row.IndexOf(T.PositiveInfinity);
        throw new ArgumentException(
            $"{name}{Position(offset + j, classCount)} is +∞; a logit must be finite or −∞ (masked). " +
            "An infinite score usually means an overflow upstream.",
            name);
    }

    /// <summary>"[i]" for a vector, "[i] (row r, class c)" for a row-major batch.</summary>
    public static string Position(int index, int classCount) =>
        classCount > 0 ? $"[{index}] (row {index / classCount}, class {index % classCount})" : $"[{index}]";

    /// <summary>Checks one probability vector: entries finite and in [0, 1], summing to 1 within <see cref="ProbabilitySumTolerance"/>.</summary>
    public static void Probabilities(ReadOnlySpan<double> p, string name)
    {
        NotEmpty(p, name);
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            double v = p[i];
            if (!(v >= 0 && v <= 1))
            {
                throw new ArgumentOutOfRangeException(
                    name, v, $"{name}[{i}] = {Format(v)} is not a probability (must be in [0, 1]).");
            }

            sum += v;
        }

        if (Math.Abs(sum - 1) > ProbabilitySumTolerance)
        {
            throw new ArgumentException(
                $"{name} sums to {Format(sum)}, not 1 (tolerance {Format(ProbabilitySumTolerance)}).", name);
        }
    }

    /// <summary>Checks that every entry is finite and non-negative (soft targets, weights, KL targets).</summary>
    public static void NonNegativeFinite<T>(ReadOnlySpan<T> x, string name)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!(x[i] >= T.Zero) || T.IsPositiveInfinity(x[i]))
            {
                throw new ArgumentOutOfRangeException(
                    name, x[i], $"{name}[{i}] = {Format(x[i])} must be finite and non-negative.");
            }
        }
    }

    public static void Temperature(double temperature)
    {
        if (!(temperature > 0) || double.IsPositiveInfinity(temperature))
        {
            throw new ArgumentOutOfRangeException(
                nameof(temperature), temperature, "temperature must be finite and greater than 0.");
        }
    }

    public static void LabelSmoothing(double labelSmoothing, string optionsName)
    {
        if (!(labelSmoothing >= 0 && labelSmoothing <= 1))
        {
            throw new ArgumentOutOfRangeException(
                optionsName, labelSmoothing, $"LabelSmoothing = {Format(labelSmoothing)} must be in [0, 1].");
        }
    }

    public static string Format<T>(T value)
        where T : IFormattable => value.ToString(null, CultureInfo.InvariantCulture); // shortest round-trip form
}
