using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 2's checks: the teacher's solution and a correct hand answer at the precision each statement asks for are
// Solved, the placeholder NotSolvedYet, each typical mistake (also rounded as asked) Incorrect with its hint, an answer
// rounded too early or one unit off gets the rounding hint, and no message contains the expected value.

public class Exercises02Tests
{
    private static readonly double[] A = [0.5, 0.5], B = [0.9, 0.1];

    [Fact]
    public void Kl_by_hand()
    {
        var expected = Information.KLDivergence(A, B, InformationUnit.Bits);
        Verdict.Solved(Exercises02.KlByHand(0.5 * Math.Log2(0.5 / 0.9) + 0.5 * Math.Log2(0.5 / 0.1)));
        var byHand = Exercises02.KlByHand(0.737);                                  // the statement asks for 3 digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 3 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.Solved(Exercises02.KlByHand(0.7370));
        Verdict.NotSolvedYet(Exercises02.KlByHand(double.NaN));
        Verdict.Incorrect(Exercises02.KlByHand(Information.KLDivergence(B, A, InformationUnit.Bits)), "D_KL(b ‖ a)");
        Verdict.Incorrect(Exercises02.KlByHand(0.531), "D_KL(b ‖ a)");
        Verdict.Incorrect(Exercises02.KlByHand(Information.CrossEntropy(A, B, InformationUnit.Bits)), "cross-entropy H(a, b)");
        Verdict.Incorrect(Exercises02.KlByHand(1.74), "cross-entropy H(a, b)");
        var nats = Exercises02.KlByHand(Information.KLDivergence(A, B));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.Incorrect(Exercises02.KlByHand(0.511), "base of your logarithm");
        Verdict.Incorrect(Exercises02.KlByHand(-expected), "a(i) / b(i)");
        Verdict.Incorrect(Exercises02.KlByHand(0.736), "one unit off");
        var early = Exercises02.KlByHand(0.74);
        Verdict.Incorrect(early, "not to the 3 significant digits");
        Verdict.Incorrect(Exercises02.KlByHand(0.6), "Σ a(i) log₂(a(i) / b(i))");
        Verdict.HidesValues(nats, [expected]);
        Verdict.HidesValues(early, [expected]);
        Verdict.HidesValues(byHand, [expected]);
    }

    [Fact]
    public void Move_mass()
    {
        double[] p = [0.2, 0.3, 0.5], q = [0.21, 0.3, 0.49];
        var bits = InformationUnit.Bits;
        var expected = Information.CrossEntropy(p, q, bits) - Information.Entropy(p, bits);
        Verdict.Solved(Exercises02.MoveMass(expected));
        Verdict.Solved(Exercises02.MoveMass(Math.Round(expected, 6)));             // 3 significant digits
        Verdict.NotSolvedYet(Exercises02.MoveMass(double.NaN));
        Verdict.Incorrect(Exercises02.MoveMass(Information.CrossEntropy(p, q, bits)), "H(p, q) itself");
        Verdict.Incorrect(Exercises02.MoveMass(Information.KLDivergence(q, p, bits)), "D_KL(q ‖ p)");
        Verdict.Incorrect(Exercises02.MoveMass(-expected), "Gibbs");
        Verdict.Incorrect(Exercises02.MoveMass(0.00049), "not to the 3 significant digits");   // cut off at 2 digits
        var nats = Exercises02.MoveMass(Information.KLDivergence(p, q));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.HidesValues(nats, [expected]);
    }

    [Fact]
    public void Same_data_choice() =>
        Verdict.Choice(Exercises02.SameData, 'a', ('b', "floor were 0"), ('c', "same number in both"));

    [Fact]
    public void Infinite_kl_tests_the_property()
    {
        Verdict.Solved(Exercises02.InfiniteKl([0.2, 0.3, 0.5], [0.4, 0.6, 0]));
        Verdict.Solved(Exercises02.InfiniteKl([1.0 / 3, 1.0 / 3, 1.0 / 3], [0, 0.5, 0.5]));
        Verdict.NotSolvedYet(Exercises02.InfiniteKl(null, null));
        Verdict.NotSolvedYet(Exercises02.InfiniteKl([0.2, 0.3, 0.5], null));
        // The pair notebook 2 prints (two outcomes, one certain) is not an answer.
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.5], [1, 0]), "over 3 outcomes");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.5, 0], [1, 0, 0]), "certain");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.4, 0.6, 0], [0.2, 0.3, 0.5]), "other way round");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.5, 0], [0, 0.5, 0.5]), "both directions");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.2, 0.3, 0.5], [0.3, 0.3, 0.4]), "only where q(i) = 0 < p(i)");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.2, 0.3, 0.5], [1, 0]), "same length");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.2, 0.3, 0.6], [0.4, 0.6, 0]), "both be distributions");
    }
}
