using CrossEntropy.Numerics;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// Checks of notebook 7 (large vocabularies): merging two blocks' log-sum-exps, the size of the probability matrix the
/// naive pipeline builds, and why the fused kernel keeps (M − x_y) + log1p(rest). Expected values are computed here
/// from the exercise's own inputs, never typed.
/// </summary>
public static class Exercises07
{
    /// <summary>Exercise 7.1's first block of logits.</summary>
    public static IReadOnlyList<double> BlockA { get; } = [3.0, 1.5, -2.0];

    /// <summary>Exercise 7.1's second block of logits.</summary>
    public static IReadOnlyList<double> BlockB { get; } = [7.25, 6.0];

    /// <summary>Exercise 7.2's batch: rows.</summary>
    public const int Rows = 4_096;

    /// <summary>Exercise 7.2's batch: classes (a Llama-3-sized vocabulary).</summary>
    public const int Classes = 128_000;

    /// <summary>
    /// Exercise 7.1: log Σ e^x over both blocks, from each block's (m, s) = (max, Σ e^{x − max}). Accepted within 1e−12.
    /// </summary>
    /// <param name="mergedLogSumExp">The student's merged log-sum-exp; NaN when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult MergeBlocks(double mergedLogSumExp)
    {
        double[] a = [.. BlockA];
        double[] b = [.. BlockB];
        double expected = StableMath.LogSumExp<double>([.. a, .. b]);
        (double mA, double sA) = Partial(a);
        (double mB, double sB) = Partial(b);
        return ExerciseCheck.Real("Exercise 7.1, merging two blocks", mergedLogSumExp, expected, Precision.SignificantDigits(4),
            "write the merged sum against the larger maximum m = max(m_A, m_B): s = s_A·e^(m_A − m) + s_B·e^(m_B − m), then LSE = m + log s.",
            Mistake.Produces(Math.Max(mA, mB) + Math.Log(sA + sB),
                "the two sums were taken against different maxima: rescale each one to the larger maximum before adding them."),
            Mistake.Produces(StableMath.LogSumExp<double>(a) + StableMath.LogSumExp<double>(b),
                "adding two log-sum-exps multiplies the sums; the blocks' sums must be added, so combine them inside the logarithm."),
            Mistake.Produces(Math.Max(StableMath.LogSumExp<double>(a), StableMath.LogSumExp<double>(b)),
                "the larger block's log-sum-exp alone leaves out the other block's terms: they add a little, never nothing."),
            Mistake.Produces(Math.Log(sA * Math.Exp(mA - Math.Max(mA, mB)) + sB * Math.Exp(mB - Math.Max(mA, mB))),
                "that is log s without the maximum: add m back (LSE = m + log s)."));
    }

    /// <summary>
    /// Exercise 7.2: bytes of the N × C float32 probability matrix a naive pipeline materialises (entries only, no
    /// object headers). Accepted within 1e−9.
    /// </summary>
    /// <param name="bytes">The student's number of bytes; NaN when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult ProbabilityMatrixBytes(double bytes)
    {
        double entries = (double)Rows * Classes;
        double expected = entries * sizeof(float);
        return ExerciseCheck.Real("Exercise 7.2, the probability matrix", bytes, expected, Precision.Exact,
            "count the entries of the matrix (one per row and class), then the bytes of one float32 entry.",
            Mistake.Produces(entries * sizeof(double), "that is the size in double precision: the exercise's logits are float32."),
            Mistake.Produces(entries, "that is the number of entries; the exercise asks for bytes."),
            Mistake.Produces((double)Classes * sizeof(float), "that is one row; the pipeline keeps every row's probabilities."),
            Mistake.Produces(expected / 1e6, "that is in megabytes; the exercise asks for bytes."),
            Mistake.Produces(expected / (1 << 20), "that is in mebibytes; the exercise asks for bytes."),
            Mistake.Produces(expected / 1e9, "that is in gigabytes; the exercise asks for bytes."),
            Mistake.Produces(expected / (1 << 30), "that is in gibibytes; the exercise asks for bytes."));
    }

    /// <summary>Exercise 7.3: why the kernel computes −log q_y as (M − x_y) + log1p(rest) rather than LSE − x_y.</summary>
    /// <param name="choice">The student's letter; '?' when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult SmallLossForm(char choice) =>
        ExerciseCheck.Choice("Exercise 7.3, the small-loss form", choice, 'b',
            new Dictionary<char, string>
            {
                ['a'] = "no exponential overflows in either form: both subtract the maximum first. Think about a loss near 0.",
                ['c'] = "both forms need the same single pass for LSE; speed is not what separates them. Think about a loss near 0.",
                ['d'] = "a −∞ logit gives +∞ or 0 in both forms alike. Think about what subtracting two nearly equal numbers does.",
            },
            "LSE ≈ x_y for a confident, correct prediction, so LSE − x_y subtracts two nearly equal numbers and keeps only "
            + "the rounding error of LSE; (M − x_y) + log1p(rest) adds two non-negative terms, so nothing cancels.");

    private static (double Max, double Sum) Partial(double[] block)
    {
        double max = block.Max();
        return (max, block.Sum(x => Math.Exp(x - max)));
    }
}
