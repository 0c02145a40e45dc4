using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 1 (entropy). Each computes its reference value itself and never shows it.</summary>
public static class Exercises01
{
    private static string FairDieName => Tr("Exercise 1.1, a fair twenty-sided die");
    private static string SurprisalName => Tr("Exercise 1.2, surprisal units");
    private static string OneBitName => Tr("Exercise 1.3, a die with 1 bit of entropy");
    private static string PerplexityName => Tr("Exercise 1.4, perplexity");

    /// <summary>
    /// Exercise 1.1: the entropy of a fair twenty-sided die, in bits (H = log₂ 20). Not the six-sided die: notebook 1
    /// prints log₂ 6 in its maximum-entropy histogram, so that value would be no exercise.
    /// </summary>
    /// <param name="entropyBits">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult FairDie(double entropyBits)
    {
        const int faces = 20;
        double[] die = Enumerable.Repeat(1.0 / faces, faces).ToArray();
        double[] sixSided = Enumerable.Repeat(1.0 / 6, 6).ToArray();
        return ExerciseCheck.Real(FairDieName, entropyBits, Information.Entropy(die, InformationUnit.Bits), Precision.SignificantDigits(4),
            Tr("H = −Σ p log₂ p over the twenty faces, each with p = 1/20."),
            Mistake.Produces(Information.Entropy(sixSided, InformationUnit.Bits),
                Tr("that is the six-sided die of the histogram above; this die has twenty faces.")),
            Mistake.WrongLogBase(),
            Mistake.Produces(faces * Information.Surprisal(1.0 / faces, InformationUnit.Bits),
                Tr("you added the twenty surprisals without weighting each by its probability 1/20.")),
            Mistake.When(h => h < 0, Tr("an entropy is never negative: check the minus sign in −Σ p log p.")),
            Mistake.Sign(),
            TooFewDigits.Mistake(4));
    }

    /// <summary>
    /// Exercise 1.2: an outcome has surprisal 3 bits; its probability (2⁻³) and its surprisal in nats (3 ln 2).
    /// </summary>
    /// <param name="probability">The student's probability; NaN while unanswered.</param>
    /// <param name="nats">The student's surprisal in nats; NaN while unanswered.</param>
    /// <returns>The verdict on both numbers: the first wrong one gets the hint.</returns>
    public static ExerciseResult SurprisalUnits(double probability, double nats)
    {
        const double bits = 3;
        if (Answer.IsMissing(probability) || Answer.IsMissing(nats))
        {
            return ExerciseResult.NotSolvedYet(SurprisalName,
                Tr("Answer both parts, the probability and the surprisal in nats, and run the cell again."));
        }
        var expectedProbability = Math.Pow(2, -bits);
        var probabilityVerdict = ExerciseCheck.Real(SurprisalName, probability, expectedProbability, Precision.SignificantDigits(3),
            Tr("surprisal is I = −log₂ p; solve it for p."),
            Mistake.Reciprocal(Tr("surprisal is −log₂ p, so p = 2 to the power of minus the surprisal: your value is above 1, which no probability is.")),
            Mistake.Produces(Math.Exp(-bits), Tr("the surprisal is given in bits, so undo a base-2 logarithm, not a natural one.")),
            Mistake.Produces(Math.Pow(10, -bits), Tr("the surprisal is given in bits, so undo a base-2 logarithm, not a base-10 one.")),
            TooFewDigits.Mistake(3));
        if (!probabilityVerdict.IsSolved)
        {
            return probabilityVerdict;
        }
        return ExerciseCheck.Real(SurprisalName, nats, Information.Surprisal(expectedProbability, InformationUnit.Nats), Precision.SignificantDigits(4),
            Tr("the probability is right; now compute −ln p, or convert: one bit is ln 2 nats."),
            Mistake.Produces(bits / Math.Log(2), Tr("the probability is right; but bits to nats multiplies by ln 2 (one bit is ln 2 nats, less than one nat), you divided.")),
            Mistake.Produces(bits, Tr("the probability is right; but a nat is not a bit: the same surprisal is a different number in another unit.")),
            Mistake.WrongLogBase(Tr("the probability is right; but the second number is in another unit than nats: nats use the natural logarithm.")),
            Mistake.Sign(Tr("the probability is right; but a surprisal is never negative: −ln p with p ≤ 1.")),
            TooFewDigits.Mistake(4));
    }

    /// <summary>
    /// Exercise 1.3: a distribution over 6 outcomes, every one possible (all probabilities above 0), whose entropy is
    /// 1 bit to 6 significant digits. Many answers are right, so the check tests the property, not a value. (With
    /// zeros allowed, the coin [0.5, 0.5, 0] that notebook 1 prints would answer it.)
    /// </summary>
    /// <param name="distribution">The student's six probabilities; null while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult EntropyOneBit(IReadOnlyList<double>? distribution) => ExerciseCheck.Guarded(OneBitName, () =>
    {
        const int faces = 6;
        var precision = Precision.SignificantDigits(6);
        if (Answer.IsMissing(distribution))
        {
            return ExerciseResult.NotSolvedYet(OneBitName);
        }
        if (distribution!.Count != faces)
        {
            return ExerciseResult.Incorrect(OneBitName,
                Tr($"a die has {faces} outcomes; your distribution has {distribution.Count}. Give all six probabilities."));
        }
        if (!Answer.IsDistribution(distribution, 1e-9))
        {
            return ExerciseResult.Incorrect(OneBitName,
                Tr("that is not a probability distribution: every entry must be between 0 and 1 and they must sum to 1."));
        }
        if (distribution.Any(p => p <= 0))
        {
            return ExerciseResult.Incorrect(OneBitName,
                Tr("every face must be possible: give all six probabilities a value above 0 (the exercise rules out the easy answer with zeros)."));
        }
        var bits = Information.Entropy(distribution.ToArray(), InformationUnit.Bits);
        if (precision.Accepts(bits, 1))
        {
            return ExerciseResult.Solved(OneBitName,
                Tr($"1 bit, to {precision}. One likely face and five rare ones hold as much uncertainty as a fair coin."));
        }
        if (precision.Accepts(bits * Math.Log(2), 1))
        {
            return ExerciseResult.Incorrect(OneBitName, Tr("your distribution has 1 nat of entropy, not 1 bit: measure with log₂."));
        }
        if (Precision.SignificantDigits(2).Accepts(bits, 1))
        {
            return ExerciseResult.Incorrect(OneBitName,
                Tr($"close, but not 1 bit to the {precision} asked for: continue the search (more bisection steps) until the entropy agrees that far."));
        }
        return ExerciseResult.Incorrect(OneBitName, bits > 1
            ? Tr("its entropy is above 1 bit: the mass is spread too widely. Make the large probability larger.")
            : Tr("its entropy is below 1 bit: the mass is too concentrated. Make the small probabilities larger."));
    });

    /// <summary>Exercise 1.4's self-check: why the perplexity of a uniform distribution over k outcomes is k.</summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Perplexity(char choice) => ExerciseCheck.Choice(PerplexityName, choice, 'a',
        new Dictionary<char, string>
        {
            ['b'] = Tr("counting outcomes works only for the uniform case: a biased coin has two possible outcomes but a perplexity below 2. Compute Information.Perplexity([0.9, 0.1])."),
            ['c'] = Tr("compute both for the uniform distribution: in nats H = ln k, and e^(ln k) is k too. H in bits = H in nats / ln 2, so the two powers are the same number exactly."),
        },
        Tr("H(uniform over k) = log_b k in every base b, and b raised to log_b k is k: the base cancels, which is also why e^H(nats) = 2^H(bits)."));
}
