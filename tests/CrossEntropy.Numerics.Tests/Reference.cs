namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Straightforward re-statements of the documented PyTorch formulas (NOTES.md, "PyTorch semantics worth matching
/// exactly"), written independently of the library for moderate inputs: plain loops, Math.Exp/Math.Log, no compensated
/// sums, no TensorPrimitives. Tests compare the library against these.
/// </summary>
internal static class Reference
{
    /// <summary>log softmax of one row, as x_c − m − ln Σ exp(x_j − m).</summary>
    public static double[] LogSoftmax(ReadOnlySpan<double> row)
    {
        double m = double.NegativeInfinity;
        foreach (double v in row)
        {
            m = Math.Max(m, v);
        }

        double s = 0;
        foreach (double v in row)
        {
            s += Math.Exp(v - m);
        }

        double log = Math.Log(s);
        var result = new double[row.Length];
        for (int c = 0; c < row.Length; c++)
        {
            result[c] = row[c] - m - log;
        }

        return result;
    }

    /// <summary>
    /// PyTorch cross_entropy with class indices: per row (1−ε)·w[y]·(−log p_y) + ε/C·Σ_c w_c·(−log p_c); ignored rows 0;
    /// mean divides by Σ w[y_n] over non-ignored rows. Returns (per-row losses, sum, mean).
    /// </summary>
    public static (double[] PerRow, double Sum, double Mean) CrossEntropy(
        double[] logits, int c, int[] targets, double[]? weight = null, int ignoreIndex = -100, double smoothing = 0)
    {
        int n = targets.Length;
        var perRow = new double[n];
        double sum = 0, denominator = 0;
        for (int r = 0; r < n; r++)
        {
            if (targets[r] == ignoreIndex)
            {
                continue;
            }

            double[] logP = LogSoftmax(logits.AsSpan(r * c, c));
            int y = targets[r];
            double wy = weight?[y] ?? 1;
            double nll = -wy * logP[y];
            double smooth = 0;
            for (int k = 0; k < c; k++)
            {
                smooth += -(weight?[k] ?? 1) * logP[k];
            }

            perRow[r] = ((1 - smoothing) * nll) + (smoothing / c * smooth);
            sum += perRow[r];
            denominator += wy;
        }

        return (perRow, sum, sum / denominator);
    }

    /// <summary>PyTorch cross_entropy with probability targets: l_n = −Σ_c w_c·t_nc·log p_nc, t = (1−ε)·y + ε/C; mean = Σ/N.</summary>
    public static (double[] PerRow, double Sum, double Mean) SoftCrossEntropy(
        double[] logits, int c, double[] targets, double[]? weight = null, double smoothing = 0)
    {
        int n = logits.Length / c;
        var perRow = new double[n];
        double sum = 0;
        for (int r = 0; r < n; r++)
        {
            double[] logP = LogSoftmax(logits.AsSpan(r * c, c));
            double l = 0;
            for (int k = 0; k < c; k++)
            {
                double t = ((1 - smoothing) * targets[(r * c) + k]) + (smoothing / c);
                l += -(weight?[k] ?? 1) * t * logP[k];
            }

            perRow[r] = l;
            sum += l;
        }

        return (perRow, sum, sum / n);
    }

    /// <summary>
    /// PyTorch binary_cross_entropy_with_logits, w·[(1 − t)·x − lw·log σ(x)] with lw = (pos_weight − 1)·t + 1, in its
    /// equivalent form without cancellation: w·[(1 − t)·softplus(x) + pos_weight·t·softplus(−x)] (softplus(x) = x +
    /// softplus(−x) turns one into the other). PyTorch's own form loses the digits of a small loss: at x = −18.6, t = 0
    /// it computes −18.6 + 18.600000008… and keeps only 8 correct digits of 8.36e−9.
    /// </summary>
    public static double BceWithLogits(double x, double t, double posWeight = 1, double weight = 1) =>
        weight * (((1 - t) * Softplus(x)) + (posWeight * t * Softplus(-x)));

    /// <summary>
    /// softplus(x) = ln(1 + e^x) = max(x, 0) + ln(1 + u), u = e^{−|x|} ≤ 1. For u &lt; 1e−4 ln(1 + u) is its series
    /// u − u²/2 + u³/3, whose first omitted term u⁴/4 is below 2.5e−17·u, i.e. under half an ulp of the result.
    /// </summary>
    public static double Softplus(double x)
    {
        double u = Math.Exp(-Math.Abs(x));
        double log1p = u < 1e-4 ? u - (u * u / 2) + (u * u * u / 3) : Math.Log(1 + u);
        return Math.Max(x, 0) + log1p;
    }
}
