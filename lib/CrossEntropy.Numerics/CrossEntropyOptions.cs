namespace CrossEntropy.Numerics;

/// <summary>Options of <see cref="Losses.CrossEntropy{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Reduction, CrossEntropyOptions?)"/> and its relatives, named as in PyTorch.</summary>
public sealed record CrossEntropyOptions
{
    /// <summary>PyTorch's default ignore index.</summary>
    public const int DefaultIgnoreIndex = -100;

    /// <summary>The defaults: no weights, ignore index −100, no label smoothing.</summary>
    public static CrossEntropyOptions Default { get; } = new();

    /// <summary>
    /// Per-class weights w_c (length C, finite, ≥ 0), or null for all 1. A row with target y counts w_y times; in mean
    /// mode with class indices the sum is divided by Σ w[y_n], not by N.
    /// </summary>
    public IReadOnlyList<double>? Weight { get; init; }

    /// <summary>
    /// A target value whose rows contribute 0 to the loss and to the mean's denominator (class-index targets only;
    /// setting it with probability targets throws, as PyTorch does not support it there). −100 by default.
    /// </summary>
    public int IgnoreIndex { get; init; } = DefaultIgnoreIndex;

    /// <summary>Label smoothing ε ∈ [0, 1]: targets become (1 − ε)·y + ε / C.</summary>
    public double LabelSmoothing { get; init; }

    /// <summary>
    /// How many threads may compute rows of a class-index cross-entropy or its gradient from logits at once: 1 (the
    /// default) runs on the calling thread; n &gt; 1 uses up to n; −1 uses every core. Parallel work starts only for
    /// batches of at least 2 rows and 32,768 logits, and gives the same bits as the serial path (each row is computed
    /// alone, then the row losses are summed in row order). The parallel path allocates (tasks, a buffer of N losses).
    /// </summary>
    public int MaxDegreeOfParallelism { get; init; } = 1;
}
