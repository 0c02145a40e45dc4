using CrossEntropy.Interactive.Exercises;

namespace CrossEntropy.Interactive.Tests;

public class Exercises07FusedTests
{
    private static readonly double[] Row = [.. Exercises07Fused.Blocks.SelectMany(b => b)];
    private static readonly double Z = Exercises07Fused.Blocks[Exercises07Fused.AskedBlock][Exercises07Fused.AskedEntry];

    private static double Lse(double[] x) => Math.Log(x.Sum(Math.Exp));

    [Fact]
    public void Early_block_gradient_accepts_the_softmax_entry_and_hides_it()
    {
        double right = Math.Exp(Z - Lse(Row));
        Verdict.Solved(Exercises07Fused.EarlyBlockGradient(right));
        double byHand = double.Parse(right.ToString("G4", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        Assert.StartsWith("right, to 4 significant digits", Exercises07Fused.EarlyBlockGradient(byHand).Message, StringComparison.Ordinal);
        Verdict.NotSolvedYet(Exercises07Fused.EarlyBlockGradient(double.NaN));
        ExerciseResult wrong = Exercises07Fused.EarlyBlockGradient(right + 0.01);
        Verdict.Incorrect(wrong, "whole row");
        Verdict.HidesValue(wrong, right);
    }

    [Fact]
    public void Early_block_gradient_recognises_the_likely_mistakes()
    {
        double[] firstTwo = [.. Exercises07Fused.Blocks[0], .. Exercises07Fused.Blocks[1]];
        Verdict.Incorrect(Exercises07Fused.EarlyBlockGradient(Math.Exp(Z - Lse(firstTwo))), "reads the logits twice");
        Verdict.Incorrect(Exercises07Fused.EarlyBlockGradient(Math.Exp(Z - Lse([.. Exercises07Fused.Blocks[1]]))), "own block");
        Verdict.Incorrect(Exercises07Fused.EarlyBlockGradient(Math.Exp(Z - Lse(Row)) - 1), "only at the target");
        Verdict.Incorrect(Exercises07Fused.EarlyBlockGradient(Math.Exp(Z - Row.Max())), "divide by the row's sum");
        Verdict.Incorrect(Exercises07Fused.EarlyBlockGradient(-Math.Exp(Z - Lse(Row))), "sign");
    }

    [Fact]
    public void The_asked_entry_is_not_the_target_and_a_later_block_holds_the_maximum()
    {
        // The exercise's point: the entry's own prefix of blocks does not contain the row's maximum.
        Assert.False(Exercises07Fused.AskedBlock == 0 && Exercises07Fused.AskedEntry == Exercises07Fused.Target);
        double prefixMax = Exercises07Fused.Blocks.Take(Exercises07Fused.AskedBlock + 1).SelectMany(b => b).Max();
        Assert.True(Row.Max() > prefixMax);
    }
}
