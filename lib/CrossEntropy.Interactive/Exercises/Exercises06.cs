using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>The checks of notebook 6 (cross-entropy in practice).</summary>
public static class Exercises06
{
    /// <summary>
    /// Exercise 6.1: in the training text "abracadabra", with the symbols {a, b, c, d, r} (V = 5) and add-one smoothing,
    /// the bigram probability q(a | r) = (count(ra) + 1) / (count(r·) + V), where count(r·) counts the r's that have a
    /// next character.
    /// </summary>
    /// <param name="probability">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult AddOneBigram(double probability)
    {
        const string text = "abracadabra";
        const int symbols = 5;
        var pairs = Count(text, i => text[i] == 'r' && text[i + 1] == 'a');
        var contexts = Count(text, i => text[i] == 'r');
        var unsmoothed = (double)pairs / contexts;
        return ExerciseCheck.Real(Tr("Exercise 6.1, add-k by hand"), probability, (pairs + 1.0) / (contexts + symbols), Precision.SignificantDigits(4),
            Tr("q(a | r) = (count of \"ra\" + k) / (count of r followed by a character + k·V), with k = 1 and V = 5."),
            Mistake.Produces(unsmoothed, Tr("that is the unsmoothed estimate: add k = 1 to the pair's count and k·V to the context's count.")),
            Mistake.Produces((pairs + 1.0) / (contexts + 1), Tr("the denominator gets k·V = 5, not k: every one of the V symbols received its +1.")),
            Mistake.Produces((pairs + 1.0) / (contexts + 26), Tr("V is the number of symbols in this alphabet, {a, b, c, d, r}, not 26.")),
            Mistake.Produces((Count(text, i => text[i] == 'a' && text[i + 1] == 'r') + 1.0) / (Count(text, i => text[i] == 'a') + symbols),
                Tr("that is q(r | a): the context is the character before, here r, and the predicted character is a.")),
            Mistake.When(p => p is < 0 or > 1, Tr("a probability lies between 0 and 1.")),
            TooFewDigits.Mistake(4));
    }

    /// <summary>
    /// Exercise 6.2: the mean binary cross-entropy in nats of logits x = [−3, −0.5, 1.2, 2.5], labels t = [0, 1, 0, 1]
    /// and pos_weight 4: −¼ Σ [4·t·log σ(x) + (1 − t)·log(1 − σ(x))].
    /// </summary>
    /// <param name="meanLossNats">The student's value; NaN while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult WeightedBinaryCrossEntropy(double meanLossNats)
    {
        double[] logits = [-3, -0.5, 1.2, 2.5], targets = [0, 1, 0, 1];
        double[] posWeight = [4];
        var expected = Losses.BinaryCrossEntropyWithLogits<double>(logits, targets, posWeight: posWeight);
        var unweighted = Losses.BinaryCrossEntropyWithLogits<double>(logits, targets);
        var sum = Losses.BinaryCrossEntropyWithLogits<double>(logits, targets, Reduction.Sum, posWeight);
        double[] weights = [1, 4, 1, 4];
        var byWeightSum = sum / weights.Sum();
        double[] negativesWeighted = [4, 1, 4, 1];
        var swapped = Losses.BinaryCrossEntropyWithLogits<double>(logits, targets, weight: negativesWeighted);
        return ExerciseCheck.Real(Tr("Exercise 6.2, BCE with pos_weight"), meanLossNats, expected, Precision.SignificantDigits(4),
            Tr("one term per impression: 4·t·log σ(x) + (1 − t)·log(1 − σ(x)), negated, then the mean over the 4 impressions."),
            Mistake.Produces(unweighted, Tr("that is the loss without pos_weight: multiply the positive term (t = 1) by 4.")),
            Mistake.Produces(swapped, Tr("the weight went to the negatives: pos_weight multiplies the term of the impressions with t = 1.")),
            Mistake.Produces(sum, Tr("that is the sum; the exercise asks for the mean over the 4 impressions.")),
            Mistake.Produces(byWeightSum, Tr("the mean divides by the number of impressions, 4, not by the sum of the weights (PyTorch's convention for BCE).")),
            Mistake.Produces(expected / Math.Log(2), Tr("that is in bits: the exercise asks for nats (natural logarithm).")),
            Mistake.Sign(Tr("a cross-entropy is never negative: the formula has a minus sign in front of the sum of logs.")),
            TooFewDigits.Mistake(4));
    }

    /// <summary>Exercise 6.3's self-check: why the order-6 model is worse on held-out text.</summary>
    /// <param name="choice">The student's letter; <c>'?'</c> while unanswered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult HeldOutReason(char choice) => ExerciseCheck.Choice(Tr("Exercise 6.3, why order 6 loses"), choice, 'b',
        new Dictionary<char, string>
        {
            ['a'] = Tr("unseen characters map to the one unknown symbol at every order, and the order-1 model meets them too: their share does not grow with the order. What does grow? (The last line of section 1.)"),
            ['c'] = Tr("cross-entropy per character is an average, not a total: a longer or shorter text does not raise it by itself."),
        },
        Tr("long contexts are sparse: on new text many are unseen (add-k then predicts uniformly over all V symbols), and those seen once in training are trusted far too much."));

    private static int Count(string text, Func<int, bool> at) => Enumerable.Range(0, text.Length - 1).Count(at);
}
