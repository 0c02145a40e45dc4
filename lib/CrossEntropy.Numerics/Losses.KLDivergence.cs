using System.Numerics;

namespace CrossEntropy.Numerics;

public static partial class Losses
{
    /// <summary>
    /// KL divergence loss with PyTorch's kl_div argument order: <paramref name="input"/> holds log q (log-probabilities of
    /// the model), <paramref name="target"/> holds p. Pointwise l_i = p_i·(log p_i − input_i), 0 where p_i = 0; with
    /// <paramref name="logTarget"/> the target holds log p and l_i = e^{target_i}·(target_i − input_i).
    /// </summary>
    /// <remarks>
    /// BatchMean = Σ l_i / N — the mean of D_KL(p_n ‖ q_n) over the N = length / C rows, the one to use. Sum = Σ l_i.
    /// Mean = Σ l_i / (N·C), PyTorch's default, C times smaller than the mean KL. Sums are accumulated in extended range,
    /// so a finite mean never overflows through its sum; Sum is +∞ when the true sum exceeds MaxValue. An input of −∞ where p_i &gt; 0 gives +∞.
    /// Input must not be NaN or +∞; target must be finite and non-negative (log target: not NaN or +∞). Each l_i is
    /// formed in double whatever T is: when p ≈ q, log p − input is a small difference of near-equal numbers, and a
    /// float loss keeps float's precision of that difference (float arithmetic would give 0 for a true 1.6e−8).
    /// </remarks>
    /// <param name="input">log q, N × C row-major.</param>
    /// <param name="target">p (or log p), same shape.</param>
    /// <param name="classCount">C, used to find N for BatchMean.</param>
    /// <param name="reduction">BatchMean by default.</param>
    /// <param name="logTarget">Whether <paramref name="target"/> holds log p.</param>
    public static T KLDivergenceLoss<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, int classCount,
        KLDivergenceReduction reduction = KLDivergenceReduction.BatchMean, bool logTarget = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = Guard.Rows(input, classCount, nameof(input));
        ExtendedSum total = KLPointwise(input, target, logTarget, Span<T>.Empty);
        return reduction switch
        {
            KLDivergenceReduction.BatchMean => T.CreateChecked(ExtendedSum.Ratio(total, ExtendedSum.Of(rows))),
            KLDivergenceReduction.Sum => T.CreateChecked(total.Value),
            KLDivergenceReduction.Mean => T.CreateChecked(ExtendedSum.Ratio(total, ExtendedSum.Of(input.Length))),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
    }

    /// <summary>KL divergence loss, unreduced: the pointwise l_i into <paramref name="losses"/> (same length as input).</summary>
    public static void KLDivergenceLoss<T>(
        ReadOnlySpan<T> input, ReadOnlySpan<T> target, Span<T> losses, bool logTarget = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.NotEmpty(input, nameof(input));
        Guard.DestinationLength(input, losses, nameof(losses));
        Guard.SameOrNoOverlap(input, losses, nameof(losses));
        Guard.SameOrNoOverlap(target, losses, nameof(losses));
        KLPointwise(input, target, logTarget, losses);
    }

    private static ExtendedSum KLPointwise<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, bool logTarget, Span<T> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.SameLength(input, nameof(input), target, nameof(target));
        CheckLogProbabilities(input, nameof(input));
        if (logTarget)
        {
            CheckLogProbabilities(target, nameof(target));
        }
        else
        {
            Guard.NonNegativeFinite(target, nameof(target));
        }

        var total = default(ExtendedSum);
        for (int i = 0; i < input.Length; i++)
        {
            double t = double.CreateChecked(target[i]), logQ = double.CreateChecked(input[i]);
            // p·(log p − input), with 0·∞ = 0 where p = 0 (the product is formed in extended range). In double whatever
            // T is: when p ≈ q, log p − input is a small difference of near-equal numbers, which float would lose.
            var loss = default(ExtendedSum);
            loss.AddProduct(logTarget ? Math.Exp(t) : t, logTarget ? t - logQ : Math.Log(t) - logQ);
            if (!losses.IsEmpty)
            {
                losses[i] = T.CreateChecked(loss.Value);
            }

            total.Add(loss);
        }

        return total;
    }

    /// <summary>
    /// Log-probabilities may be −∞ (probability 0) but never NaN or +∞: log p = +∞ would be p = +∞, no probability,
    /// and its loss −∞ would silently swamp every other row. (Finite positive values are accepted unchecked, as in
    /// PyTorch: the input is not renormalised.)
    /// </summary>
    private static void CheckLogProbabilities<T>(ReadOnlySpan<T> x, string name)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (T.IsNaN(x[i]) || T.IsPositiveInfinity(x[i]))
            {
                throw new ArgumentException($"{name}[{i}] = {Guard.Format(x[i])} is not a log-probability.", name);
            }
        }
    }
}
