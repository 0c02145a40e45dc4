namespace CrossEntropy.Numerics.Tests;

/// <summary>kl_div with PyTorch's argument order (input = log q, target = p) and its three reductions.</summary>
public class KLDivergenceLossTests
{
    private static readonly double[] P = [0.5, 0.5, 0.1, 0.9];            // 2 rows × 2 classes
    private static readonly double[] Q = [0.598687660112452, 0.401312339887548, 0.25, 0.75];

    private static double[] LogQ => Q.Select(v => Math.Log(v)).ToArray();

    /// <summary>Σ p (ln p − ln q) element by element, 0 where p = 0: PyTorch's pointwise formula, by hand.</summary>
    private static double[] Pointwise(double[] p, double[] logQ) =>
        p.Select((pi, i) => pi == 0 ? 0 : pi * (Math.Log(pi) - logQ[i])).ToArray();

    // 'batchmean' = sum / N is the mean KL per row; 'mean' = sum / (N·C) is C times smaller; 'sum' is the total.
    [Fact]
    public void Reductions_divide_by_N_by_NC_or_not_at_all()
    {
        double total = Pointwise(P, LogQ).Sum();
        Tolerance.Close(total / 2, Losses.KLDivergenceLoss<double>(LogQ, P, 2), 0, 1e-14, "batchmean");
        Tolerance.Close(total, Losses.KLDivergenceLoss<double>(LogQ, P, 2, KLDivergenceReduction.Sum), 0, 1e-14, "sum");
        Tolerance.Close(total / 4, Losses.KLDivergenceLoss<double>(LogQ, P, 2, KLDivergenceReduction.Mean), 0, 1e-14, "mean");
    }

    // batchmean is the mean of Information.KLDivergence over rows; row 0 is the blog example, KL = 0.0198680718 nats.
    [Fact]
    public void Batchmean_is_mean_row_KL_and_blog_row_matches_published_value()
    {
        double row0 = Information.KLDivergence(P.AsSpan(0, 2), Q.AsSpan(0, 2));
        double row1 = Information.KLDivergence(P.AsSpan(2, 2), Q.AsSpan(2, 2));
        Tolerance.Published(0.0198680718, row0, 10, "blog KL"); // Source: the blog example (NOTES.md)
        Tolerance.Close((row0 + row1) / 2, Losses.KLDivergenceLoss<double>(LogQ, P, 2), 0, 1e-13);

        double[] losses = new double[4];
        Losses.KLDivergenceLoss<double>(LogQ, P, losses);
        Tolerance.Published(0.0198680718, losses[0] + losses[1], 10, "pointwise sum of row 0");
    }

    [Fact]
    public void Log_target_gives_the_same_loss()
    {
        double[] logP = P.Select(v => Math.Log(v)).ToArray();
        foreach (KLDivergenceReduction r in Enum.GetValues<KLDivergenceReduction>())
        {
            Tolerance.Close(
                Losses.KLDivergenceLoss<double>(LogQ, P, 2, r),
                Losses.KLDivergenceLoss<double>(LogQ, logP, 2, r, logTarget: true), 0, 1e-14, r.ToString());
        }
    }

    [Fact]
    public void Zero_target_contributes_zero_even_against_minus_infinity()
    {
        double[] input = [Math.Log(0.5), Math.Log(0.5), double.NegativeInfinity];
        double[] target = [0.5, 0.5, 0.0];
        double[] losses = new double[3];
        Losses.KLDivergenceLoss<double>(input, target, losses);
        Assert.Equal([0.0, 0.0, 0.0], losses);
        double[] logTarget = [Math.Log(0.5), Math.Log(0.5), double.NegativeInfinity];
        Losses.KLDivergenceLoss<double>(input, logTarget, losses, logTarget: true);
        Assert.Equal([0.0, 0.0, 0.0], losses);
    }

    [Fact]
    public void Minus_infinity_input_where_target_is_positive_gives_infinity()
    {
        double[] input = [0.0, double.NegativeInfinity];
        double[] target = [0.5, 0.5];
        Assert.Equal(double.PositiveInfinity, Losses.KLDivergenceLoss<double>(input, target, 2));
    }

    [Fact]
    public void Identical_distributions_give_zero()
    {
        double[] p = [0.2, 0.3, 0.5];
        Assert.Equal(0.0, Losses.KLDivergenceLoss<double>(p.Select(v => Math.Log(v)).ToArray(), p, 3, KLDivergenceReduction.Sum), 15);
    }

    [Fact]
    public void Float_agrees_with_double()
    {
        float[] logQ = LogQ.Select(v => (float)v).ToArray();
        float[] p = P.Select(v => (float)v).ToArray();
        double d = Losses.KLDivergenceLoss<double>(logQ.Select(v => (double)v).ToArray(), p.Select(v => (double)v).ToArray(), 2);
        Tolerance.Close(d, Losses.KLDivergenceLoss<float>(logQ, p, 2), 1e-6, 1e-5);
    }
}
