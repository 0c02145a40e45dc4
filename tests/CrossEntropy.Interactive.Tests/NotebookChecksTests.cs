using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// For every exercise: the reference solution (as in the teacher notebook) is Solved, the placeholder is NotSolvedYet,
// each typical mistake is Incorrect with its intended hint, and no message contains the expected value.

public class Exercises01Tests
{
    private static readonly double[] Die = Enumerable.Repeat(1.0 / 6, 6).ToArray();

    [Fact]
    public void Fair_die()
    {
        double[] d20 = Enumerable.Repeat(1.0 / 20, 20).ToArray();
        var expected = Math.Log2(20);
        Verdict.Solved(Exercises01.FairDie(Information.Entropy(d20, InformationUnit.Bits)));
        Verdict.Solved(Exercises01.FairDie(expected));
        Verdict.NotSolvedYet(Exercises01.FairDie(double.NaN));
        var nats = Exercises01.FairDie(Information.Entropy(d20));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.Incorrect(Exercises01.FairDie(Math.Log2(6)), "six-sided die");
        Verdict.Incorrect(Exercises01.FairDie(20 * Math.Log2(20)), "without weighting");
        Verdict.Incorrect(Exercises01.FairDie(-expected), "never negative");
        Verdict.Incorrect(Exercises01.FairDie(4.3), "H = −Σ p log₂ p");
        Verdict.HidesValue(nats, expected);
    }

    [Fact]
    public void Surprisal_units()
    {
        Verdict.Solved(Exercises01.SurprisalUnits(Math.Pow(2, -3), 3 * Math.Log(2)));
        Verdict.NotSolvedYet(Exercises01.SurprisalUnits(double.NaN, double.NaN));
        Verdict.NotSolvedYet(Exercises01.SurprisalUnits(0.125, double.NaN));
        Verdict.Incorrect(Exercises01.SurprisalUnits(8, 3 * Math.Log(2)), "above 1");
        Verdict.Incorrect(Exercises01.SurprisalUnits(Math.Exp(-3), 3), "not a natural one");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 3 / Math.Log(2)), "you divided");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 3), "a nat is not a bit");
        var hartleys = Exercises01.SurprisalUnits(0.125, 3 * Math.Log10(2));
        Verdict.Incorrect(hartleys, "natural logarithm");
        Verdict.HidesValues(hartleys, [3 * Math.Log(2)]);
    }

    [Fact]
    public void Entropy_one_bit_accepts_any_right_answer()
    {
        Verdict.Solved(Exercises01.EntropyOneBit([0.5, 0.5, 0, 0, 0, 0]));
        Verdict.Solved(Exercises01.EntropyOneBit([0, 0, 0.5, 0, 0, 0.5]));
        Verdict.NotSolvedYet(Exercises01.EntropyOneBit(null));
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.5, 0.5]), "has 2");
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.5, 0.6, 0, 0, 0, 0]), "not a probability distribution");
        Verdict.Incorrect(Exercises01.EntropyOneBit(Die), "above 1 bit");
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.9, 0.1, 0, 0, 0, 0]), "below 1 bit");
        // 1 nat: a coin with H = 1 nat does not exist (ln 2 < 1), so use three outcomes found by bisection.
        double lo = 0, hi = 0.5;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Information.Entropy([1 - 2 * mid, mid, mid, 0, 0, 0]) < 1) { lo = mid; } else { hi = mid; }
        }
        Verdict.Incorrect(Exercises01.EntropyOneBit([1 - 2 * lo, lo, lo, 0, 0, 0]), "1 nat");
    }

    [Fact]
    public void Perplexity_choice() =>
        Verdict.Choice(Exercises01.Perplexity, 'a', ('b', "biased coin"), ('c', "different bases"));
}

public class Exercises02Tests
{
    private static readonly double[] A = [0.5, 0.5], B = [0.9, 0.1];

    [Fact]
    public void Kl_by_hand()
    {
        var expected = Information.KLDivergence(A, B, InformationUnit.Bits);
        Verdict.Solved(Exercises02.KlByHand(0.5 * Math.Log2(0.5 / 0.9) + 0.5 * Math.Log2(0.5 / 0.1)));
        Verdict.NotSolvedYet(Exercises02.KlByHand(double.NaN));
        Verdict.Incorrect(Exercises02.KlByHand(Information.KLDivergence(B, A, InformationUnit.Bits)), "D_KL(b ‖ a)");
        Verdict.Incorrect(Exercises02.KlByHand(Information.CrossEntropy(A, B, InformationUnit.Bits)), "cross-entropy H(a, b)");
        var nats = Exercises02.KlByHand(Information.KLDivergence(A, B));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.Incorrect(Exercises02.KlByHand(-expected), "a(i) / b(i)");
        Verdict.HidesValue(nats, expected);
    }

    [Fact]
    public void Move_mass()
    {
        double[] p = [0.2, 0.3, 0.5], q = [0.21, 0.3, 0.49];
        var bits = InformationUnit.Bits;
        var expected = Information.CrossEntropy(p, q, bits) - Information.Entropy(p, bits);
        Verdict.Solved(Exercises02.MoveMass(expected));
        Verdict.NotSolvedYet(Exercises02.MoveMass(double.NaN));
        Verdict.Incorrect(Exercises02.MoveMass(Information.CrossEntropy(p, q, bits)), "H(p, q) itself");
        Verdict.Incorrect(Exercises02.MoveMass(Information.KLDivergence(q, p, bits)), "D_KL(q ‖ p)");
        Verdict.Incorrect(Exercises02.MoveMass(-expected), "Gibbs");
        var nats = Exercises02.MoveMass(Information.KLDivergence(p, q));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.HidesValue(nats, expected);
    }

    [Fact]
    public void Comparable_choice() =>
        Verdict.Choice(Exercises02.Comparable, 'c', ('a', "easier data"), ('b', "rescale"));

    [Fact]
    public void Infinite_kl_tests_the_property()
    {
        Verdict.Solved(Exercises02.InfiniteKl([0.5, 0.5], [1, 0]));
        Verdict.NotSolvedYet(Exercises02.InfiniteKl(null, null));
        Verdict.NotSolvedYet(Exercises02.InfiniteKl([0.5, 0.5], null));
        Verdict.Incorrect(Exercises02.InfiniteKl([1, 0], [0.5, 0.5]), "other way round");
        Verdict.Incorrect(Exercises02.InfiniteKl([1, 0], [0, 1]), "both directions");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.5], [0.9, 0.1]), "only where q(i) = 0 < p(i)");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.5], [1, 0, 0]), "same length");
        Verdict.Incorrect(Exercises02.InfiniteKl([0.5, 0.6], [1, 0]), "both be distributions");
    }
}
