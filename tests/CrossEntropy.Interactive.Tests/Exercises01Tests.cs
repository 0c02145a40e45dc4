using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Tests;

// Notebook 1's checks: the teacher's solution and a correct hand answer at the precision each statement asks for are
// Solved, the placeholder NotSolvedYet, each typical mistake (also rounded as asked) Incorrect with its hint, an answer
// rounded too early or one unit off gets the rounding hint, and no message contains the expected value.

public class Exercises01Tests
{
    private static readonly double[] Die = Enumerable.Repeat(1.0 / 6, 6).ToArray();

    [Fact]
    public void Fair_die()
    {
        double[] d20 = Enumerable.Repeat(1.0 / 20, 20).ToArray();
        var expected = Math.Log2(20);
        Verdict.Solved(Exercises01.FairDie(Information.Entropy(d20, InformationUnit.Bits)));
        var byHand = Exercises01.FairDie(4.3219);                                  // the statement asks for 4 digits
        Verdict.Solved(byHand);
        Assert.Contains("right, to 4 significant digits", byHand.Message, StringComparison.Ordinal);
        Verdict.Solved(Exercises01.FairDie(4.322));
        Verdict.NotSolvedYet(Exercises01.FairDie(double.NaN));
        var nats = Exercises01.FairDie(Information.Entropy(d20));
        Verdict.Incorrect(nats, "base of your logarithm");
        Verdict.Incorrect(Exercises01.FairDie(2.9957), "base of your logarithm");   // ln 20, rounded as asked
        Verdict.Incorrect(Exercises01.FairDie(Math.Log2(6)), "six-sided die");
        Verdict.Incorrect(Exercises01.FairDie(2.585), "six-sided die");
        Verdict.Incorrect(Exercises01.FairDie(20 * Math.Log2(20)), "without weighting");
        Verdict.Incorrect(Exercises01.FairDie(-expected), "never negative");
        var early = Exercises01.FairDie(4.32);
        Verdict.Incorrect(early, "not to the 4 significant digits");
        Verdict.Incorrect(Exercises01.FairDie(4.321), "one unit off");
        Verdict.Incorrect(Exercises01.FairDie(3.9), "H = −Σ p log₂ p");
        Verdict.HidesValues(nats, [expected]);
        Verdict.HidesValues(early, [expected]);
        Verdict.HidesValues(byHand, [expected]);
    }

    [Fact]
    public void Surprisal_units()
    {
        var nats = 3 * Math.Log(2);
        Verdict.Solved(Exercises01.SurprisalUnits(Math.Pow(2, -3), nats));
        Verdict.Solved(Exercises01.SurprisalUnits(0.125, 2.0794));                  // 4 digits, as asked
        Verdict.Solved(Exercises01.SurprisalUnits(0.125, 2.079));
        Verdict.NotSolvedYet(Exercises01.SurprisalUnits(double.NaN, double.NaN));
        Verdict.NotSolvedYet(Exercises01.SurprisalUnits(0.125, double.NaN));
        Verdict.Incorrect(Exercises01.SurprisalUnits(8, nats), "above 1");
        Verdict.Incorrect(Exercises01.SurprisalUnits(Math.Exp(-3), 3), "not a natural one");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.0498, 3), "not a natural one");  // e^−3 rounded to 3 digits
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.001, 3), "not a base-10 one");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.13, nats), "not to the 3 significant digits");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 3 / Math.Log(2)), "you divided");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 4.328), "you divided");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 3), "a nat is not a bit");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, -nats), "never negative");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 2.08), "one unit off");
        Verdict.Incorrect(Exercises01.SurprisalUnits(0.125, 2.1), "not to the 4 significant digits");
        var hartleys = Exercises01.SurprisalUnits(0.125, 3 * Math.Log10(2));
        Verdict.Incorrect(hartleys, "natural logarithm");
        Verdict.HidesValues(hartleys, [nats]);
    }

    // The six-face distribution [1 − 5e, e, e, e, e, e] with the given entropy (bits or nats), found by bisection.
    private static double[] OneLargeFiveSmall(double entropy, InformationUnit unit)
    {
        double lo = 0, hi = 1.0 / 6;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Information.Entropy([1 - 5 * mid, mid, mid, mid, mid, mid], unit) < entropy) { lo = mid; } else { hi = mid; }
        }
        return [1 - 5 * lo, lo, lo, lo, lo, lo];
    }

    [Fact]
    public void Entropy_one_bit_accepts_any_right_answer()
    {
        var solution = OneLargeFiveSmall(1, InformationUnit.Bits);
        Verdict.Solved(Exercises01.EntropyOneBit(solution));
        // Another shape, [1 − 15e, e, 2e, 3e, 4e, 5e]: its entropy is concave in e, 0 at e = 0 and above 1 bit at e = 1/21.
        double lo = 0, hi = 1.0 / 21;
        for (var i = 0; i < 200; i++)
        {
            var mid = (lo + hi) / 2;
            if (Information.Entropy([1 - 15 * mid, mid, 2 * mid, 3 * mid, 4 * mid, 5 * mid], InformationUnit.Bits) < 1) { lo = mid; } else { hi = mid; }
        }
        Verdict.Solved(Exercises01.EntropyOneBit([1 - 15 * lo, lo, 2 * lo, 3 * lo, 4 * lo, 5 * lo]));
        // A hand answer with the small probability rounded to 6 significant digits still has 1 bit to 6 digits.
        var rounded = Math.Round(solution[1], 7);
        Verdict.Solved(Exercises01.EntropyOneBit([1 - 5 * rounded, rounded, rounded, rounded, rounded, rounded]));
        Verdict.NotSolvedYet(Exercises01.EntropyOneBit(null));
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.5, 0.5, 0, 0, 0, 0]), "above 0");   // the coin the page prints, padded
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.5, 0.5]), "has 2");
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.5, 0.6, 0, 0, 0, 0]), "not a probability distribution");
        Verdict.Incorrect(Exercises01.EntropyOneBit(Die), "above 1 bit");
        Verdict.Incorrect(Exercises01.EntropyOneBit([0.95, 0.01, 0.01, 0.01, 0.01, 0.01]), "below 1 bit");
        Verdict.Incorrect(Exercises01.EntropyOneBit(OneLargeFiveSmall(1, InformationUnit.Nats)), "1 nat");
        var early = Math.Round(solution[1], 3);                                         // stopped the search too soon
        Verdict.Incorrect(Exercises01.EntropyOneBit([1 - 5 * early, early, early, early, early, early]), "continue the search");
    }

    [Fact]
    public void Perplexity_choice() =>
        Verdict.Choice(Exercises01.Perplexity, 'a', ('b', "biased coin"), ('c', "e^(ln k) is k too"));
}
