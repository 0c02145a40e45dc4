using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 2 (cross-entropy and KL divergence).</summary>
public static class Exercises02
{
    private static string MoveName => Tr("Exercise 2.2, find the minimiser");
    private static string SameDataName => Tr("Exercise 2.3, two models, one data set");
    private static string InfiniteName => Tr("Exercise 2.4, infinite KL");

    /// <summary>
    /// Exercise 2.1: D_KL(a ‖ b) in bits for a = [0.5, 0.5], b = [0.9, 0.1], to the 3 significant digits the statement
    /// asks for (notebook 2 prints its asymmetry example with another pair, so this value is nowhere on the page).
    /// </summary>
    /// <param name="klBits">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult KlByHand(double klBits)
    {
        double[] a = [0.5, 0.5], b = [0.9, 0.1];
        var bits = InformationUnit.Bits;
        return ExerciseCheck.Real(Tr("Exercise 2.1, KL by hand"), klBits, Information.KLDivergence(a, b, bits), Precision.SignificantDigits(3),
            Tr("D_KL(a ‖ b) = Σ a(i) log₂(a(i) / b(i)), one term per outcome."),
            Mistake.Produces(Information.KLDivergence(b, a, bits), Tr("that is D_KL(b ‖ a): KL is not symmetric, and a is the distribution that weights the terms.")),
            Mistake.Produces(Information.CrossEntropy(a, b, bits), Tr("that is the cross-entropy H(a, b); KL is what is left after subtracting H(a).")),
            Mistake.WrongLogBase(),
            Mistake.Sign(Tr("the sign is wrong: the ratio inside the log is a(i) / b(i), not b(i) / a(i).")),
            TooFewDigits.Mistake(3));
    }

    /// <summary>
    /// Exercise 2.2: for p = [0.2, 0.3, 0.5] and q = [0.21, 0.3, 0.49], how many bits the cross-entropy grew over H(p)
    /// (which is D_KL(p ‖ q)).
    /// </summary>
    /// <param name="growthBits">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult MoveMass(double growthBits)
    {
        double[] p = [0.2, 0.3, 0.5], q = [0.21, 0.3, 0.49];
        var bits = InformationUnit.Bits;
        return ExerciseCheck.Real(MoveName, growthBits, Information.KLDivergence(p, q, bits), Precision.SignificantDigits(3),
            Tr("compute H(p, q) − H(p) in bits, with p the true distribution and q the moved one."),
            Mistake.Produces(Information.CrossEntropy(p, q, bits), Tr("that is H(p, q) itself; the growth is H(p, q) − H(p).")),
            Mistake.Produces(Information.KLDivergence(q, p, bits), Tr("that is D_KL(q ‖ p), the other direction: the data p weights the terms.")),
            Mistake.WrongLogBase(),
            Mistake.Sign(Tr("the growth is negative: did you compute H(p) − H(p, q)? Gibbs' inequality says H(p, q) ≥ H(p).")),
            TooFewDigits.Mistake(3));
    }

    /// <summary>
    /// Exercise 2.3's self-check: two models scored on the same data (0.35 and 0.60 nats), H(p) unknown: what follows
    /// for their KL divergences.
    /// </summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult SameData(char choice) => ExerciseCheck.Choice(SameDataName, choice, 'a',
        new Dictionary<char, string>
        {
            ['b'] = Tr("that reads each cross-entropy as a KL divergence, as if the floor were 0: H(p, q) = H(p) + KL, and H(p) is not 0 unless every label is certain."),
            ['c'] = Tr("H(p) is unknown, but it is the same number in both cross-entropies, since the data are the same: what happens to it when you subtract one from the other?"),
        },
        Tr("on one data set H(p) is common to both cross-entropies, so their difference, 0.25 nats, is exactly the difference of the KL divergences; each KL alone stays unknown."));

    /// <summary>
    /// Exercise 2.4: distributions p and q over three outcomes, neither certain (each has at least two non-zero
    /// entries, so the two-outcome pair notebook 2 prints is not an answer), with D_KL(p ‖ q) = +∞ and D_KL(q ‖ p)
    /// finite. Many answers are right; the check tests the property.
    /// </summary>
    /// <param name="p">The student's p; null while unanswered.</param>
    /// <param name="q">The student's q; null while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult InfiniteKl(IReadOnlyList<double>? p, IReadOnlyList<double>? q) => ExerciseCheck.Guarded(InfiniteName, () =>
    {
        const int outcomes = 3;
        if (Answer.IsMissing(p) || Answer.IsMissing(q))
        {
            return ExerciseResult.NotSolvedYet(InfiniteName, Tr("Give both distributions, p and q, and run the cell again."));
        }
        if (p!.Count != q!.Count)
        {
            return ExerciseResult.Incorrect(InfiniteName, Tr("p and q must be distributions over the same outcomes: give them the same length."));
        }
        if (p.Count != outcomes)
        {
            return ExerciseResult.Incorrect(InfiniteName, Tr($"the exercise asks for distributions over {outcomes} outcomes; yours have {p.Count}."));
        }
        if (!Answer.IsDistribution(p) || !Answer.IsDistribution(q))
        {
            return ExerciseResult.Incorrect(InfiniteName, Tr("p and q must both be distributions: entries between 0 and 1 that sum to 1."));
        }
        if (p.Count(x => x > 0) < 2 || q.Count(x => x > 0) < 2)
        {
            return ExerciseResult.Incorrect(InfiniteName,
                Tr("one of your distributions is certain (a single outcome has probability 1): give each at least two outcomes with a non-zero probability."));
        }
        var forward = Information.KLDivergence(p.ToArray(), q.ToArray());
        var backward = Information.KLDivergence(q.ToArray(), p.ToArray());
        return (double.IsPositiveInfinity(forward), double.IsPositiveInfinity(backward)) switch
        {
            (true, false) => ExerciseResult.Solved(InfiniteName,
                Tr("q rules out an outcome that p allows, while everything q allows, p allows too.")),
            (false, true) => ExerciseResult.Incorrect(InfiniteName,
                Tr("you have it the other way round: D_KL(q ‖ p) is infinite and D_KL(p ‖ q) finite. Which one needs a zero in q?")),
            (true, true) => ExerciseResult.Incorrect(InfiniteName,
                Tr("both directions are infinite: each distribution rules out an outcome the other allows. Let q's support sit inside p's.")),
            _ => ExerciseResult.Incorrect(InfiniteName,
                Tr("D_KL(p ‖ q) is finite: it becomes infinite only where q(i) = 0 < p(i).")),
        };
    });
}
