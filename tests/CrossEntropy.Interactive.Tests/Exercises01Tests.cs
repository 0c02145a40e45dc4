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
        Verdict.Choice(Exercises01.Perplexity, 'a', ('b', "biased coin"), ('c', "e^(ln k) is k too"));
}
