namespace CrossEntropy.Numerics;

/// <summary>How a batch of per-row losses becomes one number (PyTorch's reduction = 'mean' or 'sum').</summary>
/// <remarks>
/// Reduction 'none' is the overloads that write one loss per row into a destination span. What "mean" divides by
/// differs per loss and is stated on each: the weighted mean Σ l_n / Σ w[y_n] for class-index targets, Σ l_n / N for
/// probability targets, Σ l_i / (number of elements) for the binary losses.
/// </remarks>
public enum Reduction
{
    /// <summary>The (weighted) mean of the per-row losses.</summary>
    Mean,

    /// <summary>The sum of the per-row losses.</summary>
    Sum,
}

/// <summary>Reductions of <see cref="Losses.KLDivergenceLoss{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, int, KLDivergenceReduction, bool)"/>, as PyTorch's kl_div.</summary>
public enum KLDivergenceReduction
{
    /// <summary>Sum over all elements divided by the batch size N: the mathematically correct mean KL per row.</summary>
    BatchMean,

    /// <summary>Sum over all elements.</summary>
    Sum,

    /// <summary>Sum divided by the number of elements N·C — PyTorch's default, which is not the mean KL divergence (it is C times too small).</summary>
    Mean,
}
