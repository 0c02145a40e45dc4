namespace CrossEntropy.Interactive.Exercises;

/// <summary>The solved message of an exercise with two answers, each checked at the precision its statement asks for.</summary>
internal static class TwoParts
{
    /// <summary>"in full" when both answers match the reference to more digits than asked, else "right, to n digits".</summary>
    /// <param name="full">Whether both answers match in full (<see cref="Precision.IsFull"/>).</param>
    /// <param name="precision">The precision the statement asks for.</param>
    /// <returns>The first sentence of the message.</returns>
    public static string Solved(bool full, Precision precision) => full
        ? "both parts match the reference in full."
        : $"both parts are right, to {precision}, the precision asked for.";
}
