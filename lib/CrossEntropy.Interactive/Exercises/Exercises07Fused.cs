using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// Check of notebook 7's fused linear cross-entropy exercise: the gradient of an entry of an early block of logits,
/// which needs the whole row's log-sum-exp (the reason the fused loss makes a second pass). Expected values are
/// computed here from the exercise's own inputs, never typed.
/// </summary>
public static class Exercises07Fused
{
    /// <summary>Exercise 7.4's row of logits, as the three blocks a fused loss reads one after the other.</summary>
    public static IReadOnlyList<IReadOnlyList<double>> Blocks { get; } = [[2.0, 0.5, -1.0], [4.0, 3.5], [1.0, 5.5, 0.0]];

    /// <summary>The target class: entry 0 of the first block.</summary>
    public const int Target = 0;

    /// <summary>The entry asked about: entry 1 of the second block (logit 3.5), not the target.</summary>
    public const int AskedBlock = 1;

    /// <summary>Position of the asked entry within its block.</summary>
    public const int AskedEntry = 1;

    /// <summary>
    /// Exercise 7.4: ∂L/∂z of the asked entry for L = −log softmax(z)_target (one row, sum reduction, no weights or
    /// smoothing): softmax(z)_v = e^{z_v − LSE(z)} over the whole row, to 4 significant digits as the statement asks.
    /// </summary>
    /// <param name="gradient">The student's ∂L/∂z; NaN when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult EarlyBlockGradient(double gradient)
    {
        double[] row = [.. Blocks.SelectMany(b => b)];
        double z = Blocks[AskedBlock][AskedEntry];
        double expected = Math.Exp(z - Lse(row));
        double[] seenSoFar = [.. Blocks.Take(AskedBlock + 1).SelectMany(b => b)];
        return ExerciseCheck.Real(Tr("Exercise 7.4, a gradient from an early block"), gradient, expected, Precision.SignificantDigits(4),
            Tr("the entry is not the target, so ∂L/∂z_v = softmax(z)_v = e^(z_v − LSE), with LSE over the whole row: all three blocks."),
            Mistake.Produces(Math.Exp(z - Lse(seenSoFar)),
                Tr("that LSE covers only the blocks read up to this entry: a later block holds a larger logit, so the first pass must finish before any gradient can be written. That is why the fused loss reads the logits twice.")),
            Mistake.Produces(Math.Exp(z - Lse([.. Blocks[AskedBlock]])),
                Tr("that LSE covers only the entry's own block; softmax normalises over the whole row.")),
            Mistake.Produces(Math.Exp(z - Lse(row)) - 1,
                Tr("subtract 1 only at the target class; this entry is another class.")),
            Mistake.Produces(Math.Exp(z - row.Max()),
                Tr("that is e^(z − M) before the division by S = Σ e^(z_c − M): divide by the row's sum (or subtract LSE instead of M).")),
            Mistake.Produces(-Math.Exp(z - Lse(row)),
                Tr("the sign: raising a wrong class's logit raises the loss, so its gradient is positive.")));
    }

    private static double Lse(double[] x)
    {
        double max = x.Max();
        return max + Math.Log(x.Sum(v => Math.Exp(v - max)));
    }
}
