using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 6's checks: the teacher's solution is Solved, the placeholder NotSolvedYet, each typical mistake Incorrect
// with its hint, and no message contains the expected value.

public class Exercises06Tests
{
    [Fact]
    public void Add_one_bigram()
    {
        const string text = "abracadabra";
        int pairs = Enumerable.Range(0, text.Length - 1).Count(i => text[i] == 'r' && text[i + 1] == 'a');
        int contexts = Enumerable.Range(0, text.Length - 1).Count(i => text[i] == 'r');
        var solution = (pairs + 1.0) / (contexts + 1.0 * 5);                    // as in the teacher notebook
        Verdict.Solved(Exercises06.AddOneBigram(solution));
        Verdict.Solved(Exercises06.AddOneBigram(3.0 / 7));                       // by hand: (2 + 1) / (2 + 5)
        var byHand = Exercises06.AddOneBigram(0.4286);                           // the statement asks for 4 digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.Incorrect(Exercises06.AddOneBigram(0.4285), "one unit off");     // cut off instead of rounded
        var early = Exercises06.AddOneBigram(0.43);
        Verdict.Incorrect(early, "not to the 4 significant digits");
        Verdict.Incorrect(Exercises06.AddOneBigram(0.1071), "not 26");           // 3/28, rounded as asked
        Verdict.HidesValues(early, [solution]);
        Verdict.HidesValues(byHand, [solution]);
        Verdict.NotSolvedYet(Exercises06.AddOneBigram(double.NaN));
        Verdict.Incorrect(Exercises06.AddOneBigram(1.0), "unsmoothed");
        Verdict.Incorrect(Exercises06.AddOneBigram(3.0 / 28), "not 26");
        Verdict.Incorrect(Exercises06.AddOneBigram(1.0 / 9), "q(r | a)");
        Verdict.Incorrect(Exercises06.AddOneBigram(-0.4), "between 0 and 1");
        var wrong = Exercises06.AddOneBigram(0.5);
        Verdict.Incorrect(wrong, "k·V");
        Verdict.HidesValue(wrong, solution);
    }

    [Fact]
    public void Weighted_binary_cross_entropy()
    {
        double[] x = [-3, -0.5, 1.2, 2.5], t = [0, 1, 0, 1];
        double Mean(double positive, double negative) =>
            -Enumerable.Range(0, 4).Average(i => positive * t[i] * StableMath.LogSigmoid(x[i]) + negative * (1 - t[i]) * StableMath.LogSigmoid(-x[i]));
        var solution = Mean(4, 1);
        Verdict.Solved(Exercises06.WeightedBinaryCrossEntropy(solution));
        var byHand = Exercises06.WeightedBinaryCrossEntropy(Math.Round(solution, 3));   // 4 significant digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        var early = Exercises06.WeightedBinaryCrossEntropy(Math.Round(solution, 1));
        Verdict.Incorrect(early, "not to the 4 significant digits");
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(Math.Round(solution / Math.Log(2), 3)), "in bits");
        Verdict.HidesValues(early, [solution]);
        Verdict.HidesValues(byHand, [solution]);
        Verdict.NotSolvedYet(Exercises06.WeightedBinaryCrossEntropy(double.NaN));
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(Mean(1, 1)), "without pos_weight");
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(Mean(1, 4)), "went to the negatives");
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(4 * solution), "that is the sum");
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(4 * solution / 10), "sum of the weights");
        var bits = Exercises06.WeightedBinaryCrossEntropy(solution / Math.Log(2));
        Verdict.Incorrect(bits, "in bits");
        Verdict.Incorrect(Exercises06.WeightedBinaryCrossEntropy(-solution), "never negative");
        Verdict.HidesValue(bits, solution);
    }

    [Fact]
    public void Held_out_reason()
    {
        Verdict.Choice(Exercises06.HeldOutReason, 'b',
            ('a', "unknown symbol at every order"), ('c', "average"), ('z', "not one of the choices"));
    }
}
