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

    /// <summary>PyTorch binary_cross_entropy_with_logits: w·[(1 − t)·x − lw·log σ(x)], lw = (pos_weight − 1)·t + 1, log σ(x) = −ln(1 + e^{−x}).</summary>
    public static double BceWithLogits(double x, double t, double posWeight = 1, double weight = 1)
    {
        double logSigmoid = -Math.Log(1 + Math.Exp(-x));
        double lw = ((posWeight - 1) * t) + 1;
        return weight * (((1 - t) * x) - (lw * logSigmoid));
    }
}
