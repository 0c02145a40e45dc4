namespace CrossEntropy.Numerics.Tests;

/// <summary>Binary cross-entropy from logits and on probabilities.</summary>
public class BinaryLossTests
{
    // Source: Keras docs, tf.keras.losses.BinaryCrossentropy(from_logits=True) — y_true [0, 1, 0, 0],
    // y_pred [−18.6, 0.51, 2.94, −12.8] → 0.8654 as quoted in NOTES.md. The exact value is 0.86545795 (the mean of
    // softplus(−18.6), softplus(−0.51), softplus(2.94), softplus(−12.8)), so the quoted digits are truncated, not
    // rounded: the published digits pin the value to [0.8654, 0.8655).
    [Fact]
    public void Keras_reference_from_logits()
    {
        double[] x = [-18.6, 0.51, 2.94, -12.8];
        double[] y = [0, 1, 0, 0];
        AssertTruncated(0.8654, Losses.BinaryCrossEntropyWithLogits<double>(x, y));
        float[] xf = [-18.6f, 0.51f, 2.94f, -12.8f];
        float[] yf = [0, 1, 0, 0];
        AssertTruncated(0.8654, Losses.BinaryCrossEntropyWithLogits<float>(xf, yf));

        // The same number from the documented formula, to full precision (softplus via the naive form is accurate here).
        double expected = (Math.Log(1 + Math.Exp(-18.6)) + Math.Log(1 + Math.Exp(-0.51)) + Math.Log(1 + Math.Exp(2.94)) + Math.Log(1 + Math.Exp(-12.8))) / 4;
        Tolerance.Close(expected, Losses.BinaryCrossEntropyWithLogits<double>(x, y), 0, 1e-14);
    }

    private static void AssertTruncated(double published, double actual) =>
        Assert.True(actual >= published && actual < published + 1e-4, $"{Tolerance.F(actual)} does not truncate to {Tolerance.F(published)}");

    public static TheoryData<double[], double[], double[], double[]> Cases => new()
    {
        // logits, targets, posWeight, weight
        { [-18.6, 0.51, 2.94, -12.8], [0, 1, 0, 0], [], [] },
        { [-1.5, 0.5, 2.0, -0.3], [0, 1, 1, 0.25], [3.0], [] },                  // scalar pos_weight, a soft target
        { [-1.5, 0.5, 2.0, -0.3, 1.1, 0.0], [0, 1, 1, 0.5, 1, 0], [2.0, 0.5, 4.0], [1.0, 0.0, 2.0] }, // per-class (mod 3)
        { [0.7, -0.7], [1, 1], [], [0.25, 4.0] },
    };

    // PyTorch semantics: l_i = w_i·[(1 − t_i)·x_i − lw_i·log σ(x_i)], lw = (pos_weight − 1)·t + 1; factors broadcast
    // along the last dimension (entry i mod k); mean = Σ l_i / number of elements. Reference uses the naive log σ,
    // fine for these moderate logits.
    [Theory]
    [MemberData(nameof(Cases))]
    public void With_logits_matches_documented_formula(double[] x, double[] t, double[] posWeight, double[] weight)
    {
        double[] expected = new double[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            double pw = posWeight.Length == 0 ? 1 : posWeight[i % posWeight.Length];
            double w = weight.Length == 0 ? 1 : weight[i % weight.Length];
            expected[i] = Reference.BceWithLogits(x[i], t[i], pw, w);
        }

        double[] losses = new double[x.Length];
        Losses.BinaryCrossEntropyWithLogits<double>(x, t, losses, posWeight, weight);
        Tolerance.AllClose(expected, losses, 1e-15, 1e-13, "none");
        Tolerance.Close(expected.Sum(), Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Sum, posWeight, weight), 1e-15, 1e-13, "sum");
        Tolerance.Close(expected.Average(), Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Mean, posWeight, weight), 1e-15, 1e-13, "mean");
    }

    // pos_weight p multiplies the positive term only: −p·t·log σ(x) − (1 − t)·log(1 − σ(x)) (PyTorch docs' other form).
    [Fact]
    public void Pos_weight_scales_the_positive_term_only()
    {
        double x = 0.8;
        double sigma = 1 / (1 + Math.Exp(-x));
        Tolerance.Close(-3 * Math.Log(sigma), Losses.BinaryCrossEntropyWithLogits<double>([x], [1.0], Reduction.Sum, [3.0]), 0, 1e-14);
        Tolerance.Close(-Math.Log(1 - sigma), Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0], Reduction.Sum, [3.0]), 0, 1e-14);
    }

    // With logits the loss is finite for every finite logit; BCE on σ(x) saturates (σ(40) = 1 in double).
    [Theory]
    [InlineData(1e300, 0.0, 1e300)]
    [InlineData(1e300, 1.0, 0.0)]
    [InlineData(-1e300, 0.0, 0.0)]
    [InlineData(-1e300, 1.0, 1e300)]
    [InlineData(40.0, 0.0, 40.0)]   // softplus(40) = 40 + ln(1 + e^−40) = 40 in double
    [InlineData(-745.0, 1.0, 745.0)]
    public void With_logits_is_finite_at_extremes_double(double x, double t, double expected) =>
        Tolerance.Ulps(expected, Losses.BinaryCrossEntropyWithLogits<double>([x], [t]), 2);

    [Theory]
    [InlineData(1e4f, 0f, 1e4f)]
    [InlineData(1e4f, 1f, 0f)]
    [InlineData(-1e4f, 1f, 1e4f)]
    [InlineData(3e38f, 0f, 3e38f)]
    public void With_logits_is_finite_at_extremes_float(float x, float t, float expected) =>
        Assert.Equal(expected, Losses.BinaryCrossEntropyWithLogits<float>([x], [t]));

    // PyTorch binary_cross_entropy clamps each log at −100: p = 1 with target 0 gives 100, not ∞.
    [Fact]
    public void On_probabilities_clamps_log_at_minus_100()
    {
        double saturated = StableMath.Sigmoid(40.0);
        Assert.Equal(1.0, saturated);
        Assert.Equal(100.0, Losses.BinaryCrossEntropy<double>([saturated], [0.0]));
        Assert.Equal(100.0, Losses.BinaryCrossEntropy<double>([0.0], [1.0]));
        Assert.Equal(0.0, Losses.BinaryCrossEntropy<double>([1.0], [1.0]));
        // From logits the same case is exact: softplus(40).
        Tolerance.Close(40 + Math.Log(1 + Math.Exp(-40)), Losses.BinaryCrossEntropyWithLogits<double>([40.0], [0.0]), 0, 2 * Tolerance.EpsD);
    }

    // Hand formula −w·[t ln p + (1 − t) ln(1 − p)] for interior probabilities; mean over elements.
    [Fact]
    public void On_probabilities_matches_formula()
    {
        double[] p = [0.9, 0.2, 0.5, 0.01];
        double[] t = [1, 0, 0.3, 1];
        double[] w = [2, 0.5];
        double sum = 0;
        for (int i = 0; i < p.Length; i++)
        {
            sum += -w[i % 2] * ((t[i] * Math.Log(p[i])) + ((1 - t[i]) * Math.Log(1 - p[i])));
        }

        Tolerance.Close(sum, Losses.BinaryCrossEntropy<double>(p, t, Reduction.Sum, w), 0, 1e-14);
        Tolerance.Close(sum / 4, Losses.BinaryCrossEntropy<double>(p, t, Reduction.Mean, w), 0, 1e-14);
    }

    // The two forms agree where σ(x) is not saturated.
    [Fact]
    public void With_logits_equals_on_sigmoid_probabilities_for_moderate_logits()
    {
        double[] x = [-3, -0.5, 0, 1.25, 6];
        double[] t = [0, 1, 0.5, 1, 0];
        double[] p = x.Select(StableMath.Sigmoid).ToArray();
        Tolerance.Close(
            Losses.BinaryCrossEntropy<double>(p, t),
            Losses.BinaryCrossEntropyWithLogits<double>(x, t), 0, 1e-13);
    }

    // Two-class softmax cross-entropy equals binary cross-entropy on the logit difference.
    [Fact]
    public void Two_class_softmax_equals_sigmoid_on_difference()
    {
        double a = 1.3, b = -0.4;
        double softmaxLoss = Losses.CrossEntropy<double>([a, b], 2, (ReadOnlySpan<int>)[0]);
        double sigmoidLoss = Losses.BinaryCrossEntropyWithLogits<double>([a - b], [1.0]);
        Tolerance.Close(softmaxLoss, sigmoidLoss, 0, 1e-14);
    }
}
