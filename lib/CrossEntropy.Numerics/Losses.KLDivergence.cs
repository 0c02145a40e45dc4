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
    /// Mean = Σ l_i / (N·C), PyTorch's default, C times smaller than the mean KL. An input of −∞ where p_i &gt; 0 gives +∞.
    /// Input must not be NaN or +∞; target must be finite and non-negative (log target: not NaN or +∞).
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
        T total = KLPointwise(input, target, logTarget, []);
        return reduction switch
        {
            KLDivergenceReduction.BatchMean => total / T.CreateChecked(rows),
            KLDivergenceReduction.Sum => total,
            KLDivergenceReduction.Mean => total / T.CreateChecked(input.Length),
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
        KLPointwise(input, target, logTarget, losses);
    }

    private static T KLPointwise<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> target, bool logTarget, Span<T> losses)
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

        T total = T.Zero;
        for (int i = 0; i < input.Length; i++)
        {
            T t = target[i];
            T loss = logTarget
                ? Weighted(T.Exp(t), t - input[i])
                : Weighted(t, T.Log(t) - input[i]);
            if (!losses.IsEmpty)
            {
                losses[i] = loss;
            }

            total += loss;
        }

        return total;
    }

    /// <summary>Log-probabilities may be −∞ (probability 0) but never NaN or +∞.</summary>
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
