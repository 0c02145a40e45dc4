using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Valid inputs whose true result is representable must give it to a few ulps, whatever the magnitude of the pieces:
/// tiny binary losses (no cancellation), weights of any size (a pure scale), and means whose sum would overflow.
/// </summary>
public class LossRangeTests
{
    // ---- Tiny binary losses ----

    /// <summary>
    /// softplus(x) for x ≪ 0: ln(1 + u) with u = e^x lies between u − u²/2 and u, so u·(1 − u/2) is within u²/3 of
    /// it — a relative error below u/3, far below one ulp for the u used here. Math.Exp is accurate to an ulp.
    /// </summary>
    private static double SoftplusOfVeryNegative(double x)
    {
        double u = Math.Exp(x);
        Assert.True(u < 1e-7, "the closed form is only used where u/3 is far below double's ulp of u·1e-9");
        return u * (1 - (u / 2));
    }

    // PyTorch's form (1 − t)·x − log σ(x) = −115 + 115.000…: every digit of 1.14e−50 cancels.
    [Theory]
    [InlineData(-115.0)]
    [InlineData(-40.0)]
    [InlineData(-700.0)]
    public void Tiny_loss_at_a_confident_negative_has_full_precision_in_double(double x)
    {
        double expected = SoftplusOfVeryNegative(x);
        Tolerance.Ulps(expected, Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0]), 4, "t = 0");
        // The mirror image through the positive term: x → −x, t = 1 (and pos_weight 2 doubles it exactly).
        Tolerance.Ulps(expected, Losses.BinaryCrossEntropyWithLogits<double>([-x], [1.0]), 4, "t = 1");
        Tolerance.Ulps(2 * expected, Losses.BinaryCrossEntropyWithLogits<double>([-x], [1.0], posWeight: [2.0]), 4, "pos_weight 2");
        double[] losses = new double[1];
        Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0], losses);
        Tolerance.Ulps(expected, losses[0], 4, "unreduced");
    }

    [Fact]
    public void Tiny_loss_at_a_confident_negative_has_full_precision_in_float()
    {
        const float x = -18.4f; // PyTorch's form gives 0 in float here
        double expected = SoftplusOfVeryNegative(x); // 1.02e−8, from the exact float value of x
        Assert.InRange(expected, 1.01e-8, 1.03e-8);
        float actual = Losses.BinaryCrossEntropyWithLogits<float>([x], [0f]);
        Assert.True(Math.Abs(actual - expected) <= 4 * Tolerance.Ulp((float)expected), $"{Tolerance.F(actual)} vs {Tolerance.F(expected)}");
    }

    // BCE on probabilities: −ln(1 − p) = p + p²/2 + …, and p²/2 is far below an ulp of p here; computing
    // log(1 − p) directly rounds 1 − p to 1 and returns 0.
    [Fact]
    public void Tiny_probability_keeps_its_loss()
    {
        Tolerance.Ulps(1e-20, Losses.BinaryCrossEntropy<double>([1e-20], [0.0]), 2, "double");
        const float p = 1e-8f;
        double expected = p + ((double)p * p / 2);
        float actual = Losses.BinaryCrossEntropy<float>([p], [0f]);
        Assert.True(Math.Abs(actual - expected) <= 2 * Tolerance.Ulp((float)expected), $"float: {Tolerance.F(actual)} vs {Tolerance.F(expected)}");
    }

    // ---- Weights are a scale ----

    public static TheoryData<double> UniformWeights => new() { 5e-324, 1e-300, 1e-50, 1e-3, 1, 7, 1e39, 1e200, 1e308, double.MaxValue };

    // With every class weighted w, Σ w·l_n / Σ w = the unweighted mean, for any w > 0.
    [Theory]
    [MemberData(nameof(UniformWeights))]
    public void Uniform_weights_give_the_unweighted_mean_with_class_indices(double w)
    {
        double[] x = [0.7, 0.3, -1, 2, 0.7, 0.3];
        int[] y = [0, 1, 0];
        var options = new CrossEntropyOptions { Weight = [w, w] };
        Tolerance.Ulps(Losses.CrossEntropy<double>(x, 2, y), Losses.CrossEntropy<double>(x, 2, y, options: options), 4, "double CE");
        float[] xf = [.. x.Select(v => (float)v)];
        Tolerance.Close(Losses.CrossEntropy<float>(xf, 2, y), Losses.CrossEntropy<float>(xf, 2, y, options: options), 0, 4 * Tolerance.EpsF, "float CE");
        double[] logP = new double[x.Length];
        StableMath.LogSoftmaxRows<double>(x, 2, logP);
        Tolerance.Ulps(Losses.NllLoss<double>(logP, 2, y), Losses.NllLoss<double>(logP, 2, y, options: options), 4, "NLL");
        var smoothed = options with { LabelSmoothing = 0.2 };
        Tolerance.Ulps(
            Losses.CrossEntropy<double>(x, 2, y, options: new CrossEntropyOptions { LabelSmoothing = 0.2 }),
            Losses.CrossEntropy<double>(x, 2, y, options: smoothed), 4, "smoothed");
    }

    // The issue's cases: float with 1e−50 or 1e39 gave NaN; double with 5e−324 gave 1, with 1e308 over two rows 0.
    [Fact]
    public void Issue_examples_of_uniform_weights()
    {
        const double single = 0.513015252399952637034757945126; // −log softmax([0.7, 0.3])_0, mpmath
        Tolerance.Close(single, Losses.CrossEntropy<float>([0.7f, 0.3f], 2, [0], options: new() { Weight = [1e-50, 1e-50] }), 0, 2 * Tolerance.EpsF);
        Tolerance.Close(single, Losses.CrossEntropy<float>([0.7f, 0.3f], 2, [0], options: new() { Weight = [1e39, 1e39] }), 0, 2 * Tolerance.EpsF);
        Tolerance.Ulps(single, Losses.CrossEntropy<double>([0.7, 0.3], 2, [0], options: new() { Weight = [5e-324, 5e-324] }), 2);
        double twoRows = Losses.CrossEntropy<double>([0.7, 0.3, 0.7, 0.3], 2, [0, 1]); // 0.7130, unweighted
        Tolerance.Ulps(0.7130152524, Math.Round(twoRows, 10), 1);
        Tolerance.Ulps(twoRows, Losses.CrossEntropy<double>([0.7, 0.3, 0.7, 0.3], 2, [0, 1], options: new() { Weight = [1e308, 1e308] }), 4);
    }

    // Probability targets divide by N, not by Σ w, so uniform weights scale the mean by w: exactly the product,
    // rounded once (0 or ∞ only where w·mean itself is out of range).
    [Theory]
    [MemberData(nameof(UniformWeights))]
    public void Uniform_weights_scale_the_probability_target_mean(double w)
    {
        double[] x = [0.7, 0.3, -1, 2];
        double[] t = [0.5, 0.5, 0.9, 0.1];
        double unweighted = Losses.CrossEntropy<double>(x, 2, t);
        double weighted = Losses.CrossEntropy<double>(x, 2, t, options: new() { Weight = [w, w] });
        ExpectProduct(w, unweighted, weighted, "double");
        float[] xf = [.. x.Select(v => (float)v)], tf = [.. t.Select(v => (float)v)];
        float unweightedF = Losses.CrossEntropy<float>(xf, 2, tf);
        float weightedF = Losses.CrossEntropy<float>(xf, 2, tf, options: new() { Weight = [w, w] });
        ExpectProduct(w, unweightedF, weightedF, "float");
    }

    private static void ExpectProduct(double w, double unweighted, double actual, string what)
    {
        // w·m computed exactly in decimal-free form: scale w into [1, 2) first so the product cannot overflow.
        int e = Math.ILogB(w);
        double expected = Math.ScaleB(Math.ScaleB(w, -e) * unweighted, e);
        Tolerance.Close(expected, actual, 0, 8 * Tolerance.EpsD, what);
    }

    private static void ExpectProduct(double w, float unweighted, float actual, string what)
    {
        int e = Math.ILogB(w);
        float expected = (float)Math.ScaleB(Math.ScaleB(w, -e) * unweighted, e);
        if (float.IsInfinity(expected) || expected == 0 || !float.IsNormal(expected))
        {
            Assert.True(expected == actual || Math.Abs(expected - actual) <= float.Epsilon * 2, $"{what}: {actual} vs {expected}");
            return;
        }

        Tolerance.Close(expected, actual, 0, 4 * Tolerance.EpsF, what);
    }

    // The gradient of the mean: w̄/D with D = Σ w[y]; uniform weights cancel exactly.
    [Theory]
    [MemberData(nameof(UniformWeights))]
    public void Uniform_weights_give_the_unweighted_gradient(double w)
    {
        double[] x = [0.7, 0.3, -1, 2, 0.7, 0.3];
        int[] y = [0, 1, 0];
        double[] plain = new double[6], weighted = new double[6];
        Losses.CrossEntropyGradient<double>(x, 2, y, plain);
        Losses.CrossEntropyGradient<double>(x, 2, y, weighted, options: new() { Weight = [w, w] });
        Tolerance.AllClose(plain, weighted, 1e-300, 4 * Tolerance.EpsD, "double");
        float[] xf = [.. x.Select(v => (float)v)];
        float[] plainF = new float[6], weightedF = new float[6];
        Losses.CrossEntropyGradient<float>(xf, 2, y, plainF);
        Losses.CrossEntropyGradient<float>(xf, 2, y, weightedF, options: new() { Weight = [w, w], LabelSmoothing = 0 });
        Tolerance.AllClose([.. plainF.Select(v => (double)v)], [.. weightedF.Select(v => (double)v)], 1e-30, 4 * Tolerance.EpsF, "float");
    }

    // In sum mode the gradient scales by w; a float row with w = 1e39 must not turn 0·∞ into NaN.
    [Fact]
    public void Sum_mode_gradient_scales_by_a_weight_beyond_float_range()
    {
        float[] g = new float[2];
        Losses.CrossEntropyGradient<float>([0f, -1000f], 2, [0], g, Reduction.Sum, new() { Weight = [1e39, 1e39] });
        // (q − onehot)·w = [(1 − 1)·w, (e^−1000 − 0)·w]: q_1 underflows in float, so both are exactly 0 — not NaN.
        Assert.Equal([0f, 0f], g);
        Losses.CrossEntropyGradient<float>([0f, 0f], 2, [0], g, Reduction.Sum, new() { Weight = [1e-40, 1e-40] });
        Assert.Equal([-0.5e-40f, 0.5e-40f], g);
    }

    // Weights are a scale: multiplying all of them by any positive factor (10^−300 … 10^300, so the scaled weights
    // stay finite and non-zero) leaves the class-index mean and its gradient unchanged, to a few ulps (each scaled
    // weight is rounded once).
    [Fact]
    public void Scaling_all_weights_leaves_the_mean_unchanged() =>
        Gen.Int[1, 5].SelectMany(c => Gen.Select(
            Generators.ModerateDouble.Array[3 * c],
            Gen.Int[0, c - 1].Array[3],
            Gen.Double[0.1, 10].Array[c],
            Gen.Double[-300, 300],
            Gen.Double[0, 1],
            (x, y, w, log10Factor, eps) => (x, c, y, w, Math.Pow(10, log10Factor), eps))).Sample((x, c, y, w, factor, eps) =>
        {
            var options = new CrossEntropyOptions { Weight = w, LabelSmoothing = eps };
            var scaled = options with { Weight = [.. w.Select(v => v * factor)] };
            Tolerance.Close(Losses.CrossEntropy<double>(x, c, y, options: options), Losses.CrossEntropy<double>(x, c, y, options: scaled), 0, 16 * Tolerance.EpsD, "CE");
            double[] logP = new double[x.Length];
            StableMath.LogSoftmaxRows<double>(x, c, logP);
            Tolerance.Close(Losses.NllLoss<double>(logP, c, y, options: options with { LabelSmoothing = 0 }),
                Losses.NllLoss<double>(logP, c, y, options: scaled with { LabelSmoothing = 0 }), 0, 16 * Tolerance.EpsD, "NLL");
            double[] g = new double[x.Length], gScaled = new double[x.Length];
            Losses.CrossEntropyGradient<double>(x, c, y, g, options: options);
            Losses.CrossEntropyGradient<double>(x, c, y, gScaled, options: scaled);
            Tolerance.AllClose(g, gScaled, 1e-15, 16 * Tolerance.EpsD, "gradient");
            float[] xf = [.. x.Select(v => (float)v)];
            Tolerance.Close(Losses.CrossEntropy<float>(xf, c, y, options: options), Losses.CrossEntropy<float>(xf, c, y, options: scaled), 0, 4 * Tolerance.EpsF, "float CE");
        }, iter: Generators.Iterations);

    // ---- The gradient of a confident, correct prediction ----

    // q_y − 1 rounds to 0 once q_y rounds to 1; the gradient is −Σ_{j≠y} q_j = −e^{−40} / (1 + e^{−40}).
    [Fact]
    public void Gradient_of_a_confident_correct_prediction_keeps_its_digits()
    {
        double expected = -Math.Exp(-40) / (1 + Math.Exp(-40));
        double[] g = new double[2];
        Losses.CrossEntropyGradient<double>([40.0, 0], 2, [0], g);
        Tolerance.Ulps(expected, g[0], 2, "class index");
        Assert.Equal(-g[0], g[1]);
        Losses.CrossEntropyGradient<double>([40.0, 0], 2, (ReadOnlySpan<double>)[1.0, 0], g);
        Tolerance.Ulps(expected, g[0], 2, "one-hot probabilities");
        Losses.CrossEntropyGradient<double>([40.0, 0], 2, [0], g, options: new() { Weight = [1e-300, 1] });
        Tolerance.Ulps(expected, g[0], 2, "weighted");
        float[] gf = new float[2];
        Losses.CrossEntropyGradient<float>([20f, 0f], 2, [0], gf);
        double expectedF = -Math.Exp(-20) / (1 + Math.Exp(-20));
        Assert.True(Math.Abs(gf[0] - expectedF) <= 2 * Tolerance.Ulp((float)expectedF), $"{gf[0]} vs {expectedF}");
        // With smoothing ε = 0.1 the target is [0.95, 0.05]: g_0 = 0.05 − q_1, no cancellation either way.
        Losses.CrossEntropyGradient<double>([40.0, 0], 2, [0], g, options: new() { LabelSmoothing = 0.1 });
        Tolerance.Ulps(0.05 + expected, g[0], 2, "smoothed");
    }

    // Unreduced losses: an ignored row's entry is written as 0, whatever the buffer held (NLL and cross-entropy).
    [Fact]
    public void Ignored_rows_are_zeroed_in_unreduced_losses()
    {
        double[] losses = [double.NaN, double.NaN];
        Losses.NllLoss<double>([-0.5, -1.0, -0.2, -2.0], 2, [CrossEntropyOptions.DefaultIgnoreIndex, 1], losses);
        Assert.Equal([0.0, 2.0], losses);
        losses = [double.NaN, double.NaN];
        Losses.CrossEntropy<double>([0.5, 1.0, 0.0, 0.0], 2, [0, CrossEntropyOptions.DefaultIgnoreIndex], losses);
        Assert.Equal(0.0, losses[1]);
        Assert.True(losses[0] > 0);
    }

    // ---- A finite mean must not overflow through its sum ----

    [Fact]
    public void NLL_mean_of_huge_losses_is_finite_and_sum_overflows()
    {
        Assert.Equal(1e308, Losses.NllLoss<double>([-1e308, -1e308], 1, [0, 0]));
        Assert.Equal(double.PositiveInfinity, Losses.NllLoss<double>([-1e308, -1e308], 1, [0, 0], Reduction.Sum));
    }

    [Fact]
    public void BCE_mean_of_huge_losses_is_finite()
    {
        Assert.Equal(1e308, Losses.BinaryCrossEntropyWithLogits<double>([1e308, 1e308, 1e308], [0.0, 0, 0]));
        Assert.Equal(double.PositiveInfinity, Losses.BinaryCrossEntropyWithLogits<double>([1e308, 1e308], [0.0, 0], Reduction.Sum));
        Assert.Equal(3e38f, Losses.BinaryCrossEntropyWithLogits<float>([3e38f, 3e38f], [0f, 0f]));
        // On probabilities the per-element loss is at most 100·w, so only the weight can make it large.
        Tolerance.Ulps(100 * 1e307, Losses.BinaryCrossEntropy<double>([0.0, 0], [1.0, 1], weight: [1e307]), 2);
    }

    [Fact]
    public void Cross_entropy_mean_of_huge_float_losses_is_finite()
    {
        // Each row's loss is x_0 − x_1 = 2e38 (target class 1, whose logit is 2e38 below the other).
        float[] x = [0f, -2e38f, 0f, -2e38f];
        Assert.Equal(2e38f, Losses.CrossEntropy<float>(x, 2, [1, 1]));
        Assert.Equal(float.PositiveInfinity, Losses.CrossEntropy<float>(x, 2, [1, 1], Reduction.Sum));
        float[] t = [0f, 1f, 0f, 1f];
        Assert.Equal(2e38f, Losses.CrossEntropy<float>(x, 2, t));
    }

    [Fact]
    public void KL_mean_of_huge_terms_is_finite()
    {
        // p·(log p − input) with p = 1, input = −1e308: each term is 1e308.
        Assert.Equal(1e308, Losses.KLDivergenceLoss<double>([-1e308, -1e308], [1.0, 1], 1));
        Assert.Equal(1e308, Losses.KLDivergenceLoss<double>([-1e308, -1e308], [1.0, 1], 2, KLDivergenceReduction.Mean));
        Assert.Equal(double.PositiveInfinity, Losses.KLDivergenceLoss<double>([-1e308, -1e308], [1.0, 1], 2)); // one row: 2e308
        Assert.Equal(double.PositiveInfinity, Losses.KLDivergenceLoss<double>([-1e308, -1e308], [1.0, 1], 1, KLDivergenceReduction.Sum));
    }
}
