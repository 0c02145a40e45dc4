using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The solved message of an exercise with two answers, each checked at the precision its statement asks for.</summary>
internal static class TwoParts
{
    /// <summary>
    /// "in full" when both answers match the reference to more digits than asked, else "right, to n digits"; then the
    /// exercise's remark.
    /// </summary>
    /// <param name="full">Whether both answers match in full (<see cref="Precision.IsFull"/>).</param>
    /// <param name="precision">The precision the statement asks for.</param>
    /// <param name="remark">The sentence worth reading after solving it, in the course language.</param>
    /// <returns>The message.</returns>
    public static string Solved(bool full, Precision precision, string remark) => JoinSentences(full
        ? Tr("both parts match the reference in full.")
        : Tr($"both parts are right, to {precision}, the precision asked for."), remark);
}
