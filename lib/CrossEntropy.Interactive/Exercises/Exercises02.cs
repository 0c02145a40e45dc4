using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 2 (cross-entropy and KL divergence).</summary>
public static class Exercises02
{
    private const string MoveName = "Exercise 2.2, find the minimiser";
    private const string ComparableName = "Exercise 2.3, comparable or not?";
    private const string InfiniteName = "Exercise 2.4, infinite KL";

    /// <summary>Exercise 2.1: D_KL(a ‖ b) in bits for a = [0.5, 0.5], b = [0.9, 0.1].</summary>
    /// <param name="klBits">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult KlByHand(double klBits)
    {
        double[] a = [0.5, 0.5], b = [0.9, 0.1];
        var bits = InformationUnit.Bits;
        return ExerciseCheck.Real("Exercise 2.1, KL by hand", klBits, Information.KLDivergence(a, b, bits), Precision.SignificantDigits(3),
            "D_KL(a ‖ b) = Σ a(i) log₂(a(i) / b(i)), one term per outcome.",
            Mistake.Produces(Information.KLDivergence(b, a, bits), "that is D_KL(b ‖ a): KL is not symmetric, and a is the distribution that weights the terms."),
            Mistake.Produces(Information.CrossEntropy(a, b, bits), "that is the cross-entropy H(a, b); KL is what is left after subtracting H(a)."),
            Mistake.WrongLogBase(),
            Mistake.Sign("the sign is wrong: the ratio inside the log is a(i) / b(i), not b(i) / a(i)."));
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
            "compute H(p, q) − H(p) in bits, with p the true distribution and q the moved one.",
            Mistake.Produces(Information.CrossEntropy(p, q, bits), "that is H(p, q) itself; the growth is H(p, q) − H(p)."),
            Mistake.Produces(Information.KLDivergence(q, p, bits), "that is D_KL(q ‖ p), the other direction: the data p weights the terms."),
            Mistake.WrongLogBase(),
            Mistake.Sign("the growth is negative: did you compute H(p) − H(p, q)? Gibbs' inequality says H(p, q) ≥ H(p)."));
    }

    /// <summary>Exercise 2.3's self-check: what you need before comparing cross-entropies from different data sets.</summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult Comparable(char choice) => ExerciseCheck.Choice(ComparableName, choice, 'c',
        new Dictionary<char, string>
        {
            ['a'] = "a lower cross-entropy can come from easier data alone: H(p, q) = H(p) + KL, and H(p) differs between data sets.",
            ['b'] = "bits or nats only rescale both numbers by the same factor: the comparison stays just as meaningless.",
        },
        "only KL = H(p, q) − H(p) measures a model's distance from its data, so you need each data set's entropy H(p) (or the models scored on the same data).");

    /// <summary>
    /// Exercise 2.4: distributions p and q (same length) with D_KL(p ‖ q) = +∞ and D_KL(q ‖ p) finite.
    /// Many answers are right; the check tests the property.
    /// </summary>
    /// <param name="p">The student's p; null while unanswered.</param>
    /// <param name="q">The student's q; null while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult InfiniteKl(IReadOnlyList<double>? p, IReadOnlyList<double>? q) => ExerciseCheck.Guarded(InfiniteName, () =>
    {
        if (Answer.IsMissing(p) || Answer.IsMissing(q))
        {
            return ExerciseResult.NotSolvedYet(InfiniteName, "Give both distributions, p and q, and run the cell again.");
        }
        if (p!.Count != q!.Count)
        {
            return ExerciseResult.Incorrect(InfiniteName, "p and q must be distributions over the same outcomes: give them the same length.");
        }
        if (!Answer.IsDistribution(p) || !Answer.IsDistribution(q))
        {
            return ExerciseResult.Incorrect(InfiniteName, "p and q must both be distributions: entries between 0 and 1 that sum to 1.");
        }
        var forward = Information.KLDivergence(p.ToArray(), q.ToArray());
        var backward = Information.KLDivergence(q.ToArray(), p.ToArray());
        return (double.IsPositiveInfinity(forward), double.IsPositiveInfinity(backward)) switch
        {
            (true, false) => ExerciseResult.Solved(InfiniteName,
                "q rules out an outcome that p allows, while everything q allows, p allows too."),
            (false, true) => ExerciseResult.Incorrect(InfiniteName,
                "you have it the other way round: D_KL(q ‖ p) is infinite and D_KL(p ‖ q) finite. Which one needs a zero in q?"),
            (true, true) => ExerciseResult.Incorrect(InfiniteName,
                "both directions are infinite: each distribution rules out an outcome the other allows. Let q's support sit inside p's."),
            _ => ExerciseResult.Incorrect(InfiniteName,
                "D_KL(p ‖ q) is finite: it becomes infinite only where q(i) = 0 < p(i)."),
        };
    });
}
