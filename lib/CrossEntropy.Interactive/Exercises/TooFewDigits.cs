using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// The mistake of an answer that is right to its first digits but not to the significant digits the statement asks
/// for (rounded too early, or copied with too few digits). Without it such an answer would get a hint saying the
/// method is wrong. List it last: a specific mistake explains an answer better.
/// </summary>
public static class TooFewDigits
{
    /// <summary>
    /// Recognises an answer right to one or two significant digits fewer than <paramref name="askedDigits"/>
    /// (and at least to one).
    /// </summary>
    /// <param name="askedDigits">The significant digits the statement asks for, 2 to 15.</param>
    /// <returns>The mistake.</returns>
    public static Mistake Mistake(int askedDigits)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(askedDigits, 2);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(askedDigits, 15);
        var coarse = Precision.SignificantDigits(Math.Max(1, askedDigits - 2));
        return new Exercises.Mistake(
            Tr($"your value agrees with the answer in its first digits, but not to the {askedDigits} significant digits asked for: carry every digit through the intermediate steps and round once, at the end."),
            (answer, expected) => coarse.Accepts(answer, expected));
    }
}
