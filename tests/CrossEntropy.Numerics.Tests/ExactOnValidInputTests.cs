namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The wrong results on valid input found by the issue-19 sweep (every public method against 130-digit references),
/// one test per defect with the sweep's own reproduction; each failed before its fix. The classes of defect they stand
/// for are tested on generated input in <see cref="ExactOnValidInputProperties"/>.
/// </summary>
public class ExactOnValidInputTests
{
    private static readonly double NegInf = double.NegativeInfinity;

    // 1. A term −log q_c beyond T's range, brought back by label smoothing, a weight or a soft target.
    [Fact]
    public void Item1_a_term_that_overflows_before_smoothing_is_kept()
    {
        var smoothing = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        // (0.1 / 3)·(0 + 2e308 + 1e308) = 1e307.
        Tolerance.Ulps(1e307, Losses.CrossEntropy<double>([1e308, -1e308, 0], 3, [0], Reduction.Sum, smoothing), 4);
        // float: (0.1 / 3)·(6e38 + 3e38) = 3e37, from the float logits' exact values.
        Tolerance.UlpsOf(0.1 / 3 * ((2.0 * 3e38f) + 3e38f), Losses.CrossEntropy<float>([3e38f, -3e38f, 0], 3, [0], Reduction.Sum, smoothing), 2);
        // Half: (0.1 / 3)·(1.2e5 + 6e4) = 6000 (Half's largest finite value is 65504).
        Tolerance.UlpsOf(0.1 / 3 * ((2.0 * (double)(Half)60000) + (double)(Half)60000),
            Losses.CrossEntropy<Half>([(Half)60000, (Half)(-60000), Half.Zero], 3, [0], Reduction.Sum, smoothing), 2);
    }

    [Fact]
    public void Item1_a_term_that_overflows_before_its_weight_is_kept() =>
        // w_0·(1e308 − (−1e308)) = 1e−30·2e308 = 2e278.
        Tolerance.Ulps(2e278, Losses.CrossEntropy<double>(
            [-1e308, 0, 1e308], 3, [0], Reduction.Sum, new CrossEntropyOptions { Weight = [1e-30, 1, 1] }), 4);

    [Fact]
    public void Item1_a_term_that_overflows_before_its_soft_target_is_kept() =>
        // 0.15·2e308 + 0.15·1e308 = 4.5e307.
        Tolerance.Ulps(4.5e307, Losses.CrossEntropy<double>([1e308, -1e308, 0], 3, [0.7, 0.15, 0.15], Reduction.Sum), 4);

    // 2. softplus(−115) = 1.1e−50 is below float's range; its weight 1e30 brings the loss back to 1.14e−20.
    [Fact]
    public void Item2_binary_cross_entropy_with_logits_keeps_a_term_that_underflows_before_its_weight()
    {
        double exact = Math.Exp(-115) * (double)1e30f; // softplus(−115) = e^−115 to double precision
        Tolerance.UlpsOf(exact, Losses.BinaryCrossEntropyWithLogits<float>([-115f], [0f], Reduction.Sum, default, [1e30f]), 2);

        // double: e^−800·1e300 = 2.7e−48, with e^−800 itself below double's range; e^−800 = (e^−400)².
        double e400 = Math.Exp(-400);
        Tolerance.Ulps(e400 * (e400 * 1e300), Losses.BinaryCrossEntropyWithLogits<double>([-800.0], [0.0], Reduction.Sum, default, [1e300]), 8);
        // the same through posWeight (the t·softplus(−x) term)
        Tolerance.Ulps(e400 * (e400 * 1e300), Losses.BinaryCrossEntropyWithLogits<double>([800.0], [1.0], Reduction.Sum, [1e300]), 8);
    }

    // 3. In place, the second pass used to re-read logits it had overwritten and threw "logits[0] is NaN".
    [Fact]
    public void Item3_in_place_gradient_with_a_row_of_only_minus_infinity_equals_the_separate_buffer()
    {
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        double[] logits = [NegInf, NegInf, 0, 1];
        var separate = new double[4];
        Losses.CrossEntropyGradient<double>(logits, 2, [0, 1], separate, Reduction.Mean, options);
        double[] x = [.. logits];
        Losses.CrossEntropyGradient<double>(x, 2, [0, 1], x, Reduction.Mean, options);
        Assert.Equal(separate, x);

        // Row 1: (q − t) / 2 with q = softmax([0, 1]) and t = 0.9·onehot(1) + 0.05.
        double q0 = 1 / (1 + Math.E);
        Assert.True(double.IsNaN(x[0]) && double.IsNaN(x[1]));
        Tolerance.Ulps((q0 - 0.05) / 2, x[2], 4);
        Tolerance.Ulps(-(q0 - 0.05) / 2, x[3], 4);

        double[] soft = [0.5, 0.5, 0.3, 0.7];
        var softSeparate = new double[4];
        Losses.CrossEntropyGradient<double>(logits, 2, soft, softSeparate, Reduction.Mean, options);
        double[] y = [.. logits];
        Losses.CrossEntropyGradient<double>(y, 2, soft, y, Reduction.Mean, options);
        Assert.Equal(softSeparate, y);
    }

    // 4. One rule: a row of only −∞ that counts has no distribution, so its loss and its gradient are NaN.
    [Fact]
    public void Item4_a_row_of_only_minus_infinity_gives_NaN_loss_and_NaN_gradient()
    {
        var full = new CrossEntropyOptions { LabelSmoothing = 1 };
        var g = new double[1];
        Losses.CrossEntropyGradient<double>([NegInf], 1, [0], g, Reduction.Mean, full);
        Assert.True(double.IsNaN(g[0]), $"label smoothing 1: {g[0]}");
        Assert.True(double.IsNaN(Losses.CrossEntropy<double>([NegInf], 1, [0], Reduction.Mean, full)));
        Losses.CrossEntropyGradient<double>([NegInf], 1, [1.0], g);
        Assert.True(double.IsNaN(g[0]), $"p = [1]: {g[0]}");
        Assert.True(double.IsNaN(Losses.CrossEntropy<double>([NegInf], 1, [1.0])));

        // The target weighs 0: still no distribution.
        var zeroWeight = new CrossEntropyOptions { Weight = [0, 1] };
        Assert.True(double.IsNaN(Losses.CrossEntropy<double>([NegInf, NegInf, 0, 1], 2, [0, 1], Reduction.Sum, zeroWeight)));
        var g4 = new double[4];
        Losses.CrossEntropyGradient<double>([NegInf, NegInf, 0, 1], 2, [0, 1], g4, Reduction.Sum, zeroWeight);
        Assert.True(double.IsNaN(g4[0]) && double.IsNaN(g4[1]));
        Assert.True(double.IsFinite(g4[2]) && double.IsFinite(g4[3]));

        // An ignored row is not part of the loss: 0 and 0.
        var losses = new double[2];
        Losses.CrossEntropy<double>([NegInf, NegInf, 0, 1], 2, [CrossEntropyOptions.DefaultIgnoreIndex, 1], losses);
        Assert.Equal(0.0, losses[0]);
        Losses.CrossEntropyGradient<double>([NegInf, NegInf, 0, 1], 2, [CrossEntropyOptions.DefaultIgnoreIndex, 1], g4);
        Assert.Equal([0.0, 0.0], g4[..2]);
    }

    // 5. g_8 = q_8 − 1/C is a difference of two sums near 1; float lost 2 % of it.
    [Fact]
    public void Item5_float_smoothed_gradient_on_a_nearly_uniform_row_keeps_float_precision()
    {
        const int classes = 1024;
        float[] x = Enumerable.Range(0, classes).Select(j => 1e-3f * ((37 * j % 11) - 5)).ToArray();
        var g = new float[classes];
        Losses.CrossEntropyGradient<float>(x, classes, [0], g, Reduction.Sum, new CrossEntropyOptions { LabelSmoothing = 1 });
        double[] q = ReferenceSoftmax(x.Select(v => (double)v).ToArray());
        for (int j = 0; j < classes; j++)
        {
            Tolerance.UlpsOf(q[j] - (1.0 / classes), g[j], 4, $"g[{j}]");
        }
    }

    // 6. log p − input in float is 0 where the true loss is 9.5e−10.
    [Fact]
    public void Item6_float_KL_divergence_when_p_is_almost_q_keeps_float_precision()
    {
        float p = 0.3f;
        float input = (float)Math.Log(0.3f); // log q for q = p, rounded to float: log p − input is the rounding error
        double exact = p * (Math.Log(p) - input);
        Assert.NotEqual(0.0, exact);
        var losses = new float[1];
        Losses.KLDivergenceLoss<float>([input], [p], losses);
        Tolerance.UlpsOf(exact, losses[0], 2);
        Tolerance.UlpsOf(exact, Losses.KLDivergenceLoss<float>([input], [p], 1, KLDivergenceReduction.Sum), 2);
    }

    // 7. Every entry of a float softmax over 200,000 classes was off by the same factor 1 + 1.05e−5: the sum.
    // A nearly uniform row is the hard case: every lane's partial sum grows to thousands, adding terms near 1.
    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void Item7_float_softmax_loss_and_gradient_over_200000_classes_keep_float_precision(bool nearlyUniform)
    {
        const int classes = 200_000;
        var rng = new Random(19);
        float[] x = Enumerable.Range(0, classes)
            .Select(j => nearlyUniform ? 1e-3f * ((37 * j % 11) - 5) : (float)((rng.NextDouble() * 4) - 2)).ToArray();
        double[] q = ReferenceSoftmax(x.Select(v => (double)v).ToArray());

        float[] softmax = StableMath.Softmax<float>(x);
        var gradient = new float[classes];
        Losses.CrossEntropyGradient<float>(x, classes, [7], gradient, Reduction.Sum);
        for (int j = 0; j < classes; j++)
        {
            Tolerance.UlpsOf(q[j], softmax[j], 4, $"softmax[{j}]");
            Tolerance.UlpsOf(j == 7 ? q[j] - 1 : q[j], gradient[j], 4, $"gradient[{j}]");
        }

        Tolerance.UlpsOf(-Math.Log(q[7]), Losses.CrossEntropy<float>(x, classes, [7]), 2);
        Tolerance.UlpsOf(Math.Log(q[7]), StableMath.LogSoftmax<float>(x)[7], 2);
    }

    // 9. Bad input: the same checks on every entry point, each error naming its argument.
    [Fact]
    public void Item9_MaxDegreeOfParallelism_0_is_refused_with_probability_targets_too()
    {
        var options = new CrossEntropyOptions { MaxDegreeOfParallelism = 0 };
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy<double>([0, 1], 2, [0.5, 0.5], Reduction.Mean, options));
        Assert.Equal("options", e.ParamName);
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropyGradient<double>([0, 1], 2, [0.5, 0.5], new double[2], Reduction.Mean, options));
        Assert.Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy<double>([0, 1], 2, [0.5, 0.5], new double[1], options));
    }

    [Fact]
    public void Item9_clipped_cross_entropy_names_epsilon_when_the_clip_interval_is_empty()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => Textbook.ClippedCrossEntropy<double>([1, 0], [0.5, 0.5], epsilon: 0.6));
        Assert.Equal("epsilon", e.ParamName);
        Assert.Contains("0.6", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => Textbook.ClippedCrossEntropy<double>([1, 0], [0.5, 0.5], epsilon: double.NaN));
        Assert.Throws<ArgumentOutOfRangeException>(() => Textbook.ClippedCrossEntropy<double>([1, 0], [0.5, 0.5], epsilon: -1e-7));
        Assert.Equal(-Math.Log(0.5), Textbook.ClippedCrossEntropy<double>([1, 0], [0.5, 0.5], epsilon: 0.5));
    }

    [Fact]
    public void Item9_HighPrecision_cross_entropy_names_p_or_logits()
    {
        (Func<decimal> Call, string Name)[] cases =
        [
            (() => HighPrecision.CrossEntropyFromLogits([], []), "logits"),
            (() => HighPrecision.CrossEntropyFromLogits([1], [double.NaN]), "logits"),
            (() => HighPrecision.CrossEntropyFromLogits([1], [double.PositiveInfinity]), "logits"),
            (() => HighPrecision.CrossEntropyFromLogits([1], [double.NegativeInfinity]), "logits"),
            (() => HighPrecision.CrossEntropyFromLogits([1, 0], [0, 1e29]), "logits"),
            (() => HighPrecision.CrossEntropyFromLogits([double.NaN, 1], [0, 1]), "p"),
            (() => HighPrecision.CrossEntropyFromLogits([-0.5, 1.5], [0, 1]), "p"),
            (() => HighPrecision.CrossEntropyFromLogits([double.PositiveInfinity, 0], [0, 1]), "p"),
        ];
        foreach ((Func<decimal> call, string name) in cases)
        {
            Assert.Equal(name, Assert.ThrowsAny<ArgumentException>(() => call()).ParamName);
        }

        Assert.Equal("logits", Assert.ThrowsAny<ArgumentException>(() => HighPrecision.Precise.CrossEntropyFromLogits([1], [double.NaN])).ParamName);
        Assert.Equal("p", Assert.ThrowsAny<ArgumentException>(() => HighPrecision.Precise.CrossEntropyFromLogits([double.NaN], [0])).ParamName);
    }

    /// <summary>softmax in double: e^{x_j − max} / Σ, plain loops (accurate to a few double ulps, far below float's).</summary>
    internal static double[] ReferenceSoftmax(double[] x)
    {
        double max = x.Max();
        double[] e = x.Select(v => Math.Exp(v - max)).ToArray();
        double sum = 0, compensation = 0;
        foreach (double v in e)
        {
            // Kahan: the reference's own sum must not lose what the library's is tested for.
            double y = v - compensation, t = sum + y;
            compensation = (t - sum) - y;
            sum = t;
        }

        return e.Select(v => v / sum).ToArray();
    }
}
