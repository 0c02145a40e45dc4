using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// The precision an exercise asks for, as its statement says it ("to 4 significant digits", "to 3 decimal places"),
/// so that a correct answer computed by hand is accepted as readily as one computed in a cell. A value is correct to
/// n significant digits when it differs from the exact value by at most half a unit in its n-th significant digit:
/// |answer − expected| ≤ ½·10^(⌊log₁₀|expected|⌋ − n + 1). Answers computed by code in a cell can instead be held
/// to a relative tolerance (<see cref="Relative"/>).
/// </summary>
public sealed class Precision
{
    // Two values this close (relative) are the same number written by different code: the "full precision" the
    // solved message reports, and the floor below which a mistake's value is recognised however many digits are asked.
    private const double Agreement = 1e-9;
    private const double Recognition = 1e-6;

    private readonly Func<double, double> halfUnit;
    private readonly Func<string> describe;

    // The description is a function so that it reads in the course language at the time it is shown.
    private Precision(Func<string> describe, Func<double, double> halfUnit, bool countsDigits = false)
    {
        this.describe = describe;
        this.halfUnit = halfUnit;
        CountsDigits = countsDigits;
    }

    /// <summary>Whether the precision is a number of digits (significant or decimal), which a hand computation rounds to.</summary>
    public bool CountsDigits { get; }

    /// <summary>What the precision is, in the words a statement uses ("4 significant digits"), in the course language.</summary>
    public string Description => describe();

    /// <summary>Correct to <paramref name="digits"/> significant digits: half a unit in the last one.</summary>
    /// <param name="digits">How many significant digits, 1 to 15.</param>
    /// <returns>The precision.</returns>
    public static Precision SignificantDigits(int digits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(digits, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(digits, 15);
        return new(() => digits == 1 ? Tr($"{digits} significant digit") : Tr($"{digits} significant digits"),
            expected => expected == 0 || !double.IsFinite(expected)
                ? 0
                : 0.5 * Math.Pow(10, DecimalExponent(expected) - digits + 1),
            countsDigits: true);
    }

    /// <summary>Correct to <paramref name="places"/> decimal places: |answer − expected| ≤ ½·10^(−places).</summary>
    /// <param name="places">How many digits after the decimal point, 0 to 15.</param>
    /// <returns>The precision.</returns>
    public static Precision DecimalPlaces(int places)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(places);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(places, 15);
        return new(() => places == 1 ? Tr($"{places} decimal place") : Tr($"{places} decimal places"), expected => double.IsFinite(expected) ? 0.5 * Math.Pow(10, -places) : 0,
            countsDigits: true);
    }

    /// <summary>Only the exact value: for counts, sizes in bytes and other integers.</summary>
    public static Precision Exact { get; } = new(() => Tr("the exact value"), _ => 0);

    /// <summary>
    /// For answers a cell computes: |answer − expected| ≤ <paramref name="relativeTolerance"/>·|expected| +
    /// <paramref name="absoluteTolerance"/>.
    /// </summary>
    /// <param name="relativeTolerance">The accepted relative difference, ≥ 0.</param>
    /// <param name="absoluteTolerance">The accepted absolute difference (for values near 0), ≥ 0.</param>
    /// <returns>The precision.</returns>
    public static Precision Relative(double relativeTolerance, double absoluteTolerance = 0)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(relativeTolerance);
        ArgumentOutOfRangeException.ThrowIfNegative(absoluteTolerance);
        return new(() => Tr($"a relative tolerance of {relativeTolerance:0.#e0}"), expected => double.IsFinite(expected)
            ? relativeTolerance * Math.Abs(expected) + absoluteTolerance
            : 0);
    }

    /// <summary>
    /// Whether the answer is right to this precision. Equal values always are (so equal infinities pass); NaN never is.
    /// </summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <returns>Whether the answer is accepted.</returns>
    public bool Accepts(double answer, double expected) =>
        answer == expected || Math.Abs(answer - expected) <= halfUnit(expected);

    /// <summary>
    /// Whether the answer is right to more digits than any statement asks for (relative 1e−9): the student computed it
    /// in full rather than rounding it.
    /// </summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <returns>Whether the answer has full precision.</returns>
    public static bool IsFull(double answer, double expected) =>
        answer == expected || Math.Abs(answer - expected) <= Agreement * Math.Abs(expected);

    /// <summary>
    /// Whether the answer misses by one unit in the last digit asked for, not more: rounded the wrong way, cut off
    /// instead of rounded, or an intermediate step carried too few digits. Never for a tolerance that counts no digits.
    /// </summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="expected">The reference value.</param>
    /// <returns>Whether the answer is a near miss.</returns>
    public bool IsNearMiss(double answer, double expected) =>
        CountsDigits && !Accepts(answer, expected) && Math.Abs(answer - expected) <= 2 * halfUnit(expected);

    /// <summary>
    /// Whether the answer is the value a mistake produces, to this precision (or to a relative 1e−6, whichever is
    /// looser): a student who makes the mistake and rounds as asked is still recognised.
    /// </summary>
    /// <param name="answer">The student's value.</param>
    /// <param name="mistakeValue">What the mistake produces.</param>
    /// <returns>Whether the answer is that value.</returns>
    public bool Recognises(double answer, double mistakeValue) =>
        answer == mistakeValue ||
        Math.Abs(answer - mistakeValue) <= Math.Max(halfUnit(mistakeValue), Recognition * Math.Abs(mistakeValue));

    /// <summary>The recognition used where no precision is given: a relative 1e−6.</summary>
    public static Precision Default { get; } = Relative(Recognition);

    /// <inheritdoc />
    public override string ToString() => Description;

    // ⌊log₁₀|x|⌋, exact at powers of ten (Math.Log10 may land a hair below an integer).
    private static int DecimalExponent(double x)
    {
        var magnitude = Math.Abs(x);
        var exponent = (int)Math.Floor(Math.Log10(magnitude));
        if (Math.Pow(10, exponent + 1) <= magnitude)
        {
            exponent++;
        }
        else if (Math.Pow(10, exponent) > magnitude)
        {
            exponent--;
        }
        return exponent;
    }
}
