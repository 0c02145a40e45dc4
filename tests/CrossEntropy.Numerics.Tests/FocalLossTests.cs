using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Losses.SigmoidFocalLoss against an independent reference computed in decimal in the log domain, its properties
/// (γ = 0 is weighted BCE, monotone in γ, non-negative), extreme logits, float and double, and bad input.
/// </summary>
public class FocalLossTests
{
    // Double results are compared within (3 + 2γ) ulps: (1 − p_t)^γ multiplies the relative error of 1 − p_t (an ulp or
    // two from the sigmoid) by γ, which is the exponent's condition number, not a loss of digits. Float results are
    // computed in double and rounded once, so they are within one float ulp.
    private const int FloatUlps = 1;

    private static int DoubleUlps(double gamma) => 3 + (int)Math.Ceiling(2 * gamma);

    public static TheoryData<double, double, double, double> HardTargetCases => new()
    {
        // logit, target, alpha, gamma
        { 0.0, 1, 0.25, 2 },
        { 2.0, 1, 0.25, 2 },
        { -2.0, 1, 0.25, 2 },
        { 2.0, 0, 0.25, 2 },
        { -3.5, 0, 0.25, 5 },
        { 0.7, 1, -1, 1 },
        { 0.7, 0, 0.5, 0.5 },
        { 12.25, 1, 0.25, 2 },         // easy positive: (1 − p_t)^γ ≈ e^{−24.5}
        { -40.0, 0, 0.75, 1 },         // easy negative, loss ≈ e^{−80}
        { 40.0, 1, 0.25, 0 },          // γ = 0: α·softplus(−40)
        { 88.0, 1, 0.25, 2 },          // e^{−264}: representable in double
        { 200.0, 1, 0.25, 2.5 },       // e^{−700}
        { -300.0, 0, 0.25, 1.25 },     // e^{−675}
        { 700.0, 1, -1, 0 },           // e^{−700}, no α
        { 1e4, 0, 0.25, 2 },           // confidently wrong: (1 − α)·1e4
        { -1e4, 1, 0.25, 2 },          // confidently wrong: α·1e4
        { 1e4, 1, 0.25, 2 },           // underflows to 0, correctly
        { 123456.5, 0, 0.9, 3 },
    };

    [Theory]
    [MemberData(nameof(HardTargetCases))]
    public void Matches_the_high_precision_reference_for_hard_targets(double x, double t, double alpha, double gamma)
    {
        double expected = FocalReference.Loss(x, t, alpha, gamma);
        double[] losses = new double[1];
        Losses.SigmoidFocalLoss<double>([x], [t], losses, alpha, gamma);
        Tolerance.Ulps(expected, losses[0], DoubleUlps(gamma), $"x = {x}, t = {t}, α = {alpha}, γ = {gamma}");
    }

    [Theory]
    [InlineData(0.3, 0.25, 0.25, 2)]
    [InlineData(-4.0, 0.9, 0.25, 2)]
    [InlineData(6.0, 0.1, -1, 1)]
    [InlineData(-15.0, 0.5, 0.6, 5)]
    [InlineData(25.0, 0.999, 0.25, 0.5)]
    public void Matches_the_high_precision_reference_for_soft_targets(double x, double t, double alpha, double gamma)
    {
        double expected = FocalReference.Loss(x, t, alpha, gamma);
        Tolerance.Ulps(expected, Losses.SigmoidFocalLoss<double>([x], [t], alpha, gamma, Reduction.Sum), DoubleUlps(gamma),
            $"x = {x}, t = {t}");
    }

    [Fact]
    public void Random_logits_in_double_and_float_are_within_a_few_ulps_of_the_reference()
    {
        Gen.Select(Gen.Double[-60, 60], Gen.Int[0, 1], Gen.Int[0, 5], Gen.Double[0.001, 1]) // the reference's decimal needs α ≥ 1e−28
            .Sample((x, t, gamma, alpha) =>
            {
                double expected = FocalReference.Loss(x, t, alpha, gamma);
                double[] d = new double[1];
                Losses.SigmoidFocalLoss<double>([x], [(double)t], d, alpha, gamma);
                Tolerance.Ulps(expected, d[0], DoubleUlps(gamma), $"double x = {x}, t = {t}, γ = {gamma}, α = {alpha}");

                float xf = (float)x;
                float expectedF = (float)FocalReference.Loss(xf, t, alpha, gamma);
                float[] f = new float[1];
                Losses.SigmoidFocalLoss<float>([xf], [(float)t], f, alpha, gamma);
                Assert.True(
                    Math.Abs(expectedF - f[0]) <= FloatUlps * Tolerance.Ulp(Math.Max(Math.Abs(expectedF), Math.Abs(f[0]))),
                    $"float x = {xf}, t = {t}, γ = {gamma}, α = {alpha}: expected {expectedF:R}, actual {f[0]:R}");
            }, iter: 2000);
    }

    // The float extremes: σ(88) rounds to 1 in float, so 1 − σ and log σ computed in float lose the loss entirely.
    [Theory]
    [InlineData(88f, 1f, 0)]
    [InlineData(88f, 1f, 2)]
    [InlineData(-88f, 0f, 0)]
    [InlineData(88f, 0f, 2)]
    [InlineData(-88f, 1f, 5)]
    [InlineData(1e4f, 0f, 2)]
    [InlineData(3e28f, 0f, 2)]
    public void Extreme_float_logits_give_the_correctly_rounded_loss(float x, float t, double gamma)
    {
        float expected = (float)FocalReference.Loss(x, t, 0.25, gamma);
        float[] losses = new float[1];
        Losses.SigmoidFocalLoss<float>([x], [t], losses, 0.25, gamma);
        Assert.True(float.IsFinite(losses[0]));
        Assert.True(Math.Abs(expected - losses[0]) <= Tolerance.Ulp(expected), $"x = {x}: expected {expected:R}, actual {losses[0]:R}");
    }

    [Fact]
    public void Largest_float_logit_confidently_wrong_costs_its_own_size()
    {
        // Beyond decimal's range, so no reference: 1 − p_t = σ(3e38) = 1 and CE = softplus(3e38) = 3e38 exactly.
        float[] losses = new float[1];
        Losses.SigmoidFocalLoss<float>([3e38f], [0f], losses, 0.25, 2);
        Assert.Equal((float)(0.75 * (double)3e38f), losses[0]);
    }

    [Fact]
    public void Loss_of_an_easy_positive_in_float_is_not_lost_to_rounding()
    {
        // σ(20) = 1 − 2.06e−9 is 1 in float: the textbook (1 − p)^γ·(−log p) in float is exactly 0.
        float p = 1 / (1 + MathF.Exp(-20f));
        Assert.Equal(0f, MathF.Pow(1 - p, 2) * -MathF.Log(p));
        float stable = Losses.SigmoidFocalLoss<float>([20f], [1f], reduction: Reduction.Sum);
        Assert.True(stable > 0);
        Assert.True(Math.Abs(stable - (float)FocalReference.Loss(20, 1, 0.25, 2)) <= Tolerance.Ulp(stable));
    }

    [Fact]
    public void Gamma_zero_is_the_alpha_weighted_binary_cross_entropy()
    {
        Gen.Select(Gen.Double[-50, 50].Array[1, 20], Gen.Double[0, 1])
            .Sample((x, alpha) =>
            {
                double[] t = x.Select((_, i) => (double)(i % 2)).ToArray();
                double[] focal = new double[x.Length];
                double[] bce = new double[x.Length];
                Losses.SigmoidFocalLoss<double>(x, t, focal, alpha, gamma: 0);
                Losses.BinaryCrossEntropyWithLogits<double>(x, t, bce);
                for (int i = 0; i < x.Length; i++)
                {
                    double alphaT = t[i] == 1 ? alpha : 1 - alpha;
                    Tolerance.Close(alphaT * bce[i], focal[i], 0, 4 * Tolerance.EpsD, $"element {i}");
                }

                // Without α (negative): exactly PyTorch's binary_cross_entropy_with_logits, reduced the same way.
                Tolerance.Close(Losses.BinaryCrossEntropyWithLogits<double>(x, t),
                    Losses.SigmoidFocalLoss<double>(x, t, alpha: -1, gamma: 0), 0, 4 * Tolerance.EpsD, "mean");
            });
    }

    [Fact]
    public void Loss_is_non_negative_and_decreases_as_gamma_grows()
    {
        Gen.Select(Gen.Double[-30, 30], Gen.Double[0, 1], Gen.Double[0, 4], Gen.Double[0, 4])
            .Sample((x, t, g1, g2) =>
            {
                (double low, double high) = g1 <= g2 ? (g1, g2) : (g2, g1);
                double atLow = Losses.SigmoidFocalLoss<double>([x], [t], alpha: -1, gamma: low, reduction: Reduction.Sum);
                double atHigh = Losses.SigmoidFocalLoss<double>([x], [t], alpha: -1, gamma: high, reduction: Reduction.Sum);
                Assert.True(atHigh >= 0, $"negative loss {atHigh} at x = {x}");
                Assert.True(atHigh <= atLow, $"x = {x}, t = {t}: γ = {high} gives {atHigh} > {atLow} at γ = {low}");
            });
    }

    [Fact]
    public void Reductions_are_the_sum_and_the_mean_of_the_unreduced_losses()
    {
        double[] x = [-2.5, 0.1, 3.0, -0.7, 9.0];
        double[] t = [0, 1, 1, 0, 0];
        double[] losses = new double[x.Length];
        Losses.SigmoidFocalLoss<double>(x, t, losses);
        double[] expected = x.Select((v, i) => FocalReference.Loss(v, t[i], 0.25, 2)).ToArray();
        for (int i = 0; i < x.Length; i++)
        {
            Tolerance.Ulps(expected[i], losses[i], DoubleUlps(2), $"element {i}");
        }

        Tolerance.Close(expected.Sum(), Losses.SigmoidFocalLoss<double>(x, t, reduction: Reduction.Sum), 0, 1e-15, "sum");
        Tolerance.Close(expected.Average(), Losses.SigmoidFocalLoss<double>(x, t), 0, 1e-15, "mean (default)");
    }

    [Fact]
    public void In_place_output_over_the_logits_is_allowed()
    {
        double[] x = [-1.0, 2.0, 0.5];
        double[] t = [0, 1, 1];
        double[] separate = new double[3];
        Losses.SigmoidFocalLoss<double>(x, t, separate);
        Losses.SigmoidFocalLoss<double>(x, t, x);
        Assert.Equal(separate, x);
    }

    [Fact]
    public void Bad_input_is_rejected_with_the_argument_and_index_named()
    {
        var empty = Assert.Throws<ArgumentException>(() => Losses.SigmoidFocalLoss<double>([], []));
        Assert.Equal("logits", empty.ParamName);

        var length = Assert.Throws<ArgumentException>(() => Losses.SigmoidFocalLoss<double>([1.0, 2.0], [1.0]));
        Assert.Equal("targets", length.ParamName);

        var nan = Assert.Throws<ArgumentException>(() => Losses.SigmoidFocalLoss<double>([1.0, double.NaN], [1.0, 0.0]));
        Assert.Equal("logits", nan.ParamName);
        Assert.Contains("logits[1]", nan.Message, StringComparison.Ordinal);

        var inf = Assert.Throws<ArgumentException>(() => Losses.SigmoidFocalLoss<float>([float.NegativeInfinity], [1f]));
        Assert.Contains("logits[0] = -Infinity must be finite", inf.Message, StringComparison.Ordinal);

        var target = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SigmoidFocalLoss<double>([0.0, 0.0, 0.0], [0.0, 1.0, 1.5]));
        Assert.Equal("targets", target.ParamName);
        Assert.Contains("targets[2] = 1.5", target.Message, StringComparison.Ordinal);

        foreach (double gamma in new[] { -0.5, double.NaN, double.PositiveInfinity })
        {
            var g = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SigmoidFocalLoss<double>([0.0], [1.0], gamma: gamma));
            Assert.Equal("gamma", g.ParamName);
        }

        foreach (double alpha in new[] { 1.5, double.NaN, double.PositiveInfinity })
        {
            var a = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.SigmoidFocalLoss<double>([0.0], [1.0], alpha: alpha));
            Assert.Equal("alpha", a.ParamName);
        }

        var destination = Assert.Throws<ArgumentException>(() => Losses.SigmoidFocalLoss<double>([0.0, 1.0], [1.0, 0.0], new double[3]));
        Assert.Equal("losses", destination.ParamName);
    }

    [Fact]
    public void Negative_alpha_of_any_size_means_no_weighting()
    {
        double[] x = [1.5, -0.5];
        double[] t = [1, 0];
        Assert.Equal(
            Losses.SigmoidFocalLoss<double>(x, t, alpha: -1),
            Losses.SigmoidFocalLoss<double>(x, t, alpha: -1e300));
    }
}
