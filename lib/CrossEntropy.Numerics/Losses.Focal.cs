using System.Numerics;

namespace CrossEntropy.Numerics;

public static partial class Losses
{
    /// <summary>
    /// Sigmoid focal loss (Lin et al. 2017, "Focal Loss for Dense Object Detection"), reduced, with torchvision's
    /// <c>sigmoid_focal_loss</c> semantics: l_i = α_t·(1 − p_t)^γ·CE_i, where p = σ(x_i),
    /// p_t = p·t_i + (1 − p)·(1 − t_i), CE_i = −[t_i·log p + (1 − t_i)·log(1 − p)] (binary cross-entropy from the logit)
    /// and α_t = α·t_i + (1 − α)·(1 − t_i). Mean = Σ l_i / (number of elements), Sum = Σ l_i.
    /// </summary>
    /// <remarks>
    /// <para><b>How it is computed.</b> Nothing is formed as 1 − (something close to 1): CE_i = (1 − t)·softplus(x) +
    /// t·softplus(−x) and 1 − p_t = (1 − t)·σ(x) + t·σ(−x) (for t = 1 that is σ(−x), for t = 0 it is σ(x)) are sums of
    /// non-negative terms, each from the stable <see cref="StableMath.Softplus{T}(T)"/> and
    /// <see cref="StableMath.Sigmoid{T}(T)"/>. Both are evaluated in double whatever T is, and the product is rounded to T
    /// once, so the loss is finite for every finite logit and accurate to one ulp in float and to about (3 + 2γ) ulps in
    /// double (the power multiplies the relative error of 1 − p_t by γ): at t = 1, x = 1e4 it is e^{−1e4·(1+γ)}
    /// (0, the correctly rounded value); at t = 0, x = 1e4 it is (1 − α)·1e4; at t = 1, x = 88 in float the plain
    /// formula would compute 1 − σ(88) = 0 and log σ(88) = 0, and so would lose the loss e^{−88·(1+γ)} where it is
    /// representable. A 1 − p_t that underflows to 0 only does so where CE_i ≈ 1 − p_t underflows too.</para>
    /// <para><b>Edge cases.</b> γ = 0 gives (1 − p_t)^0 = 1 (also where 1 − p_t = 0), so the loss is α_t·BCE: with
    /// α &lt; 0 exactly <see cref="BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Reduction, ReadOnlySpan{T}, ReadOnlySpan{T})"/>
    /// (up to rounding). Any negative α means no α weighting (α_t = 1), as in torchvision; α = 0 removes the positive
    /// term's weight entirely. Soft targets t ∈ [0, 1] are allowed (p_t and α_t are the interpolations above).
    /// The loss is ≥ 0, and for t ∈ {0, 1} it decreases as γ grows (1 − p_t &lt; 1 for every finite logit).</para>
    /// <para><b>Errors.</b> Empty input, lengths that differ, a NaN or ±∞ logit (the message names the index: an infinite
    /// logit means an overflow upstream), a target outside [0, 1] (named with its index and value), γ negative, NaN or
    /// +∞, and α NaN or above 1 throw <see cref="ArgumentException"/> or <see cref="ArgumentOutOfRangeException"/>.</para>
    /// </remarks>
    /// <param name="logits">The logits x (any shape, flattened).</param>
    /// <param name="targets">The targets t ∈ [0, 1], same length.</param>
    /// <param name="alpha">The weight α ∈ [0, 1] of the positive class (1 − α for the negative); negative for none. 0.25 by default.</param>
    /// <param name="gamma">The focusing exponent γ ≥ 0; 2 by default. γ = 0 is α-weighted binary cross-entropy.</param>
    /// <param name="reduction">Mean (default) or Sum; the unreduced overload is PyTorch's reduction = 'none'.</param>
    /// <returns>The reduced loss.</returns>
    public static T SigmoidFocalLoss<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, double alpha = 0.25, double gamma = 2,
        Reduction reduction = Reduction.Mean)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExtendedSum total = Focal(logits, targets, alpha, gamma, Span<T>.Empty);
        return Reduce<T>(total, ExtendedSum.Of(logits.Length), reduction);
    }

    /// <summary>
    /// Sigmoid focal loss, unreduced (torchvision's reduction = 'none'): l_i of every element into
    /// <paramref name="losses"/>; formula, edge cases and errors as in the reduced overload.
    /// </summary>
    /// <param name="logits">The logits x.</param>
    /// <param name="targets">The targets t ∈ [0, 1], same length.</param>
    /// <param name="losses">Receives l_i; same length; may be <paramref name="logits"/> or <paramref name="targets"/> itself.</param>
    /// <param name="alpha">The weight α ∈ [0, 1] of the positive class; negative for none.</param>
    /// <param name="gamma">The focusing exponent γ ≥ 0.</param>
    public static void SigmoidFocalLoss<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> losses, double alpha = 0.25, double gamma = 2)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.DestinationLength(logits, losses, nameof(losses));
        Guard.SameOrNoOverlap(logits, losses, nameof(losses));
        Guard.SameOrNoOverlap(targets, losses, nameof(losses));
        Focal(logits, targets, alpha, gamma, losses);
    }

    private static ExtendedSum Focal<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, double alpha, double gamma, Span<T> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBinaryInputs(logits, targets, nameof(logits));
        for (int i = 0; i < logits.Length; i++)
        {
            if (!T.IsFinite(logits[i]))
            {
                throw new ArgumentException($"logits[{i}] = {Guard.Format(logits[i])} must be finite.", nameof(logits));
            }
        }

        if (!(gamma >= 0) || double.IsPositiveInfinity(gamma))
        {
            throw new ArgumentOutOfRangeException(nameof(gamma), gamma, $"gamma = {Guard.Format(gamma)} must be finite and ≥ 0.");
        }

        if (!(alpha <= 1))
        {
            throw new ArgumentOutOfRangeException(
                nameof(alpha), alpha, $"alpha = {Guard.Format(alpha)} must be in [0, 1], or negative for no weighting.");
        }

        var total = default(ExtendedSum);
        for (int i = 0; i < logits.Length; i++)
        {
            double x = double.CreateChecked(logits[i]);
            double t = double.CreateChecked(targets[i]);
            // Both sums have non-negative terms; a hard target makes one term exactly 0, so nothing cancels.
            double crossEntropy = ((1 - t) * StableMath.Softplus(x)) + (t * StableMath.Softplus(-x));
            double oneMinusPt = ((1 - t) * StableMath.Sigmoid(x)) + (t * StableMath.Sigmoid(-x));
            double modulation = gamma == 0 ? 1 : Math.Pow(oneMinusPt, gamma); // 0^0 = 1: γ = 0 is plain BCE
            double alphaT = alpha < 0 ? 1 : (alpha * t) + ((1 - alpha) * (1 - t));
            var loss = default(ExtendedSum);
            loss.AddProduct(alphaT, crossEntropy, modulation);
            if (!losses.IsEmpty)
            {
                losses[i] = T.CreateChecked(loss.Value);
            }

            total.Add(loss);
        }

        return total;
    }
}
