using CrossEntropy.Numerics;

using static CrossEntropy.Interactive.Localization.Messages;

namespace CrossEntropy.Interactive.Exercises;

/// <summary>
/// Checks of notebook 7 (large vocabularies): merging two blocks' log-sum-exps, the size of one N × C matrix, and the
/// loss of a confident prediction, which only the fused form (M − x_y) + log1p(rest) keeps. Expected values are computed here
/// from the exercise's own inputs, never typed.
/// </summary>
public static class Exercises07
{
    /// <summary>Exercise 7.1's first block of logits.</summary>
    public static IReadOnlyList<double> BlockA { get; } = [3.0, 1.5, -2.0];

    /// <summary>Exercise 7.1's second block of logits.</summary>
    public static IReadOnlyList<double> BlockB { get; } = [7.25, 6.0];

    /// <summary>Exercise 7.2's batch: 16 sequences of 1,024 token positions.</summary>
    public const int Rows = 16 * 1_024;

    /// <summary>Exercise 7.2's vocabulary size.</summary>
    public const int Classes = 256_000;

    /// <summary>Exercise 7.2's entry size: bfloat16, 2 bytes.</summary>
    public const int BytesPerEntry = 2;

    /// <summary>Exercise 7.3's logits: a confident, correct prediction (the target's logit far above the others).</summary>
    public static IReadOnlyList<double> ConfidentRow { get; } = [36.0, 1.0, 0.0];

    /// <summary>Exercise 7.3's target class.</summary>
    public const int ConfidentTarget = 0;

    /// <summary>
    /// Exercise 7.1: log Σ e^x over both blocks, from each block's (m, s) = (max, Σ e^{x − max}). Accepted to 4 significant digits.
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
        return ExerciseCheck.Real(Tr("Exercise 7.1, merging two blocks"), mergedLogSumExp, expected, Precision.SignificantDigits(4),
            Tr("write the merged sum against the larger maximum m = max(m_A, m_B): s = s_A·e^(m_A − m) + s_B·e^(m_B − m), then LSE = m + log s."),
            Mistake.Produces(Math.Max(mA, mB) + Math.Log(sA + sB),
                Tr("the two sums were taken against different maxima: rescale each one to the larger maximum before adding them.")),
            Mistake.Produces(StableMath.LogSumExp<double>(a) + StableMath.LogSumExp<double>(b),
                Tr("adding two log-sum-exps multiplies the sums; the blocks' sums must be added, so combine them inside the logarithm.")),
            Mistake.Produces(Math.Max(StableMath.LogSumExp<double>(a), StableMath.LogSumExp<double>(b)),
                Tr("the larger block's log-sum-exp alone leaves out the other block's terms: they add a little, never nothing.")),
            Mistake.Produces(Math.Log(sA * Math.Exp(mA - Math.Max(mA, mB)) + sB * Math.Exp(mB - Math.Max(mA, mB))),
                Tr("that is log s without the maximum: add m back (LSE = m + log s).")));
    }

    /// <summary>
    /// Exercise 7.2: bytes of one N × C bfloat16 matrix (entries only, no object headers): what the fused loss saves in
    /// the forward pass, and what fusing the output layer saves again. An integer, so only the exact value is accepted.
    /// </summary>
    /// <param name="bytes">The student's number of bytes; NaN when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult MatrixBytes(double bytes)
    {
        double entries = (double)Rows * Classes;
        double expected = entries * BytesPerEntry;
        return ExerciseCheck.Real(Tr("Exercise 7.2, one N × C matrix"), bytes, expected, Precision.Exact,
            Tr("count the entries of the matrix (one per row and class), then the bytes of one bfloat16 entry."),
            Mistake.Produces(entries * sizeof(float), Tr("that is the size in float32 (4 bytes per entry): the exercise's matrix is bfloat16.")),
            Mistake.Produces(entries * sizeof(double), Tr("that is the size in double precision: the exercise's matrix is bfloat16.")),
            Mistake.Produces(entries, Tr("that is the number of entries; the exercise asks for bytes.")),
            Mistake.Produces(expected * 8, Tr("that is in bits; the exercise asks for bytes (8 bits each).")),
            Mistake.Produces((double)Classes * BytesPerEntry, Tr("that is one row; the matrix has a row for every token position.")),
            Mistake.Produces(expected / 1e6, Tr("that is in megabytes; the exercise asks for bytes.")),
            Mistake.Produces(expected / (1 << 20), Tr("that is in mebibytes; the exercise asks for bytes.")),
            Mistake.Produces(expected / 1e9, Tr("that is in gigabytes; the exercise asks for bytes.")),
            Mistake.Produces(expected / (1 << 30), Tr("that is in gibibytes; the exercise asks for bytes.")));
    }

    /// <summary>
    /// Exercise 7.3: the loss of a confident, correct prediction, which LSE − x_y loses to cancellation. The reference
    /// is the library's fused loss, (M − x_y) + log1p(rest); accepted to 3 significant digits.
    /// </summary>
    /// <param name="loss">The student's loss; NaN when not answered.</param>
    /// <returns>The verdict.</returns>
    public static ExerciseResult TinyLoss(double loss)
    {
        double[] row = [.. ConfidentRow];
        double expected = Losses.CrossEntropy<double>(row, row.Length, [ConfidentTarget]);
        double max = row.Max();
        double[] others = row.Where((_, i) => i != ConfidentTarget).Select(x => Math.Exp(x - max)).ToArray();
        double rest = others.Sum();
        return ExerciseCheck.Real(Tr("Exercise 7.3, a tiny loss"), loss, expected, Precision.SignificantDigits(3),
            Tr("write the loss as (M − x_y) + log1p(rest), with rest the sum of e^(x_i − M) over the other logits, and take log1p from StableMath."),
            Mistake.Produces(StableMath.LogSumExp<double>(row) - row[ConfidentTarget],
                Tr("LSE − x_y subtracts two nearly equal numbers: only the rounding of LSE is left. Keep the small terms apart from the maximum.")),
            Mistake.Produces(Math.Log(1 + rest),
                Tr("log(1 + rest) rounds 1 + rest to the nearest double first, which keeps only a few of rest's digits: use an accurate log1p.")),
            Mistake.Produces(others.Max(),
                Tr("rest has a term for every logit other than the maximum: you kept only the largest one.")),
            Mistake.Produces(others.Min(),
                Tr("rest has a term for every logit other than the maximum: you kept only the smallest one.")),
            Mistake.Sign(Tr("a loss −log q_y is never negative: check the sign.")));
    }

    private static (double Max, double Sum) Partial(double[] block)
    {
        double max = block.Max();
        return (max, block.Sum(x => Math.Exp(x - max)));
    }
}
