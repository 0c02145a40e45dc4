using CrossEntropy.Numerics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The textbook formulas are kept to be shown failing, so these tests pin the exact inputs where each one fails — and
/// that it agrees with the stable version where it does not.
/// </summary>
public class TextbookTests
{
    [Fact]
    public void Naive_softmax_agrees_with_stable_softmax_on_small_logits()
    {
        double[] x = [0.7, 0.3, -1.2];
        double[] naive = Textbook.Softmax<double>(x);
        double[] stable = StableMath.Softmax<double>(x);
        for (int i = 0; i < x.Length; i++)
        {
            Assert.Equal(stable[i], naive[i], 1e-15);
        }
    }

    [Fact]
    public void Naive_softmax_overflows_past_ln_MaxValue()
    {
        // float: e^88.72 ≈ 3.4e38 = float.MaxValue, so e^89 = ∞ and ∞/∞ = NaN. double: the edge is 709.78.
        Assert.True(float.IsFinite(Textbook.Softmax<float>([88f, 0f])[0]));
        Assert.True(float.IsNaN(Textbook.Softmax<float>([89f, 88f])[0]));
        Assert.True(double.IsFinite(Textbook.Softmax<double>([709, 0])[0]));
        Assert.True(double.IsNaN(Textbook.Softmax<double>([710, 709])[0]));
        Assert.Equal([1.0 / (1 + Math.Exp(-1)), 1.0 / (1 + Math.Exp(1))], StableMath.Softmax<double>([710, 709]), new ToleranceComparer(1e-15));
    }

    [Fact]
    public void Naive_softmax_underflows_to_zero_over_zero()
    {
        // e^-1000 = 0 in double, so every term is 0 and the result is 0/0 = NaN; the stable softmax is [e/(1+e), 1/(1+e)].
        Assert.True(double.IsNaN(Textbook.Softmax<double>([-1000, -1001])[0]));
        Assert.Equal(Math.E / (1 + Math.E), StableMath.Softmax<double>([-1000, -1001])[0], 1e-15);
    }

    [Fact]
    public void Naive_log_sum_exp_overflows_to_infinity()
    {
        Assert.Equal(double.PositiveInfinity, Textbook.LogSumExp<double>([710, 0]));
        Assert.Equal(710 + Math.Log(1 + Math.Exp(-710)), StableMath.LogSumExp<double>([710, 0]));
    }

    [Fact]
    public void Log_of_softmax_is_minus_infinity_where_log_softmax_is_finite()
    {
        // scipy's documented example: log_softmax([1000, 1]) = [0, -999] while log(softmax) = [0, -inf].
        Assert.Equal([0, double.NegativeInfinity], Textbook.LogOfSoftmax<double>([1000, 1]));
        Assert.Equal([0, -999], StableMath.LogSoftmax<double>([1000, 1]));
    }

    [Fact]
    public void Blog_cross_entropy_is_nan_for_zero_times_log_zero()
    {
        // NumPy's -sum(p * log(q)) with p = q = [1, 0]: 0 * log 0 = 0 * -inf = NaN. The limit convention gives 0.
        Assert.True(double.IsNaN(Textbook.CrossEntropy<double>([1, 0], [1, 0])));
        Assert.Equal(0, Information.CrossEntropy([1, 0], [1, 0]));
    }

    [Fact]
    public void Blog_cross_entropy_matches_on_the_blog_example()
    {
        double[] q = StableMath.Softmax<double>([0.7, 0.3]);
        Assert.Equal(0.7130152524, Textbook.CrossEntropy<double>([0.5, 0.5], q), 1e-10);
    }

    [Fact]
    public void Log10_fix_only_changes_the_unit()
    {
        double[] p = [0.5, 0.5];
        double[] q = StableMath.Softmax<double>([0.7, 0.3]);
        // log10 x = ln x / ln 10: the value is the same cross-entropy in hartleys, nothing more.
        Assert.Equal(Textbook.CrossEntropy<double>(p, q) / Math.Log(10), Textbook.CrossEntropyLog10<double>(p, q), 1e-16);
        Assert.Equal(Information.CrossEntropy(p, q, InformationUnit.Hartleys), Textbook.CrossEntropyLog10<double>(p, q), 1e-16);
        // ...and it fails exactly where ln fails: q = 0 < p is still +∞, 0·log10 0 is still NaN.
        Assert.Equal(double.PositiveInfinity, Textbook.CrossEntropyLog10<double>([1, 0], [0, 1]));
        Assert.True(double.IsNaN(Textbook.CrossEntropyLog10<double>([1, 0], [1, 0])));
    }

    [Fact]
    public void Clipping_is_finite_but_biased()
    {
        // q_0 = 1e-12 is clipped to 1e-7: the loss is capped at -ln(1e-7) = 16.118 instead of -ln(1e-12) = 27.631.
        double[] p = [1, 0];
        double[] q = [1e-12, 1 - 1e-12];
        Assert.Equal(-Math.Log(1e-7), Textbook.ClippedCrossEntropy<double>(p, q), 1e-12);
        Assert.Equal(-Math.Log(1e-12), Information.CrossEntropy(p, q), 1e-9);
        Assert.Equal(-Math.Log(1e-7), Textbook.ClippedCrossEntropy<double>([1, 0], [0, 1]), 1e-12);
    }

    [Fact]
    public void Naive_sigmoid_rounds_to_one_at_37_in_double_and_17_in_float()
    {
        Assert.True(Textbook.Sigmoid(36.0) < 1);
        Assert.Equal(1.0, Textbook.Sigmoid(37.0));
        Assert.True(Textbook.Sigmoid(16f) < 1f);
        Assert.Equal(1f, Textbook.Sigmoid(17f));
    }

    [Fact]
    public void Bce_on_naive_sigmoid_breaks_where_bce_with_logits_does_not()
    {
        // x = 40, t = 0: true loss = softplus(40) = 40 + log1p(e^-40) ≈ 40. Naive: σ = 1, ln(1 - 1) = -∞, loss +∞.
        Assert.Equal(double.PositiveInfinity, Textbook.BinaryCrossEntropyOfSigmoid(40.0, 0.0));
        Assert.Equal(40.0, Losses.BinaryCrossEntropyWithLogits<double>([40], [0]), 1e-12);
        // t = 1: 0 · ln(0) = NaN.
        Assert.True(double.IsNaN(Textbook.BinaryCrossEntropyOfSigmoid(40.0, 1.0)));
        // x = -800: e^800 overflows, so σ = 1/∞ = 0 and ln σ = -∞; the true loss is 800.
        Assert.Equal(double.PositiveInfinity, Textbook.BinaryCrossEntropyOfSigmoid(-800.0, 1.0));
        Assert.Equal(800.0, Losses.BinaryCrossEntropyWithLogits<double>([-800], [1]), 1e-12);
    }

    [Fact]
    public void TensorPrimitives_softmax_overflows_where_the_library_does_not()
    {
        // .NET's own SIMD softmax (System.Numerics.Tensors) does not subtract the maximum: see shared NOTES.
        float[] x = [89f, 88f];
        float[] dotnet = new float[2];
        System.Numerics.Tensors.TensorPrimitives.SoftMax(x, dotnet);
        Assert.True(float.IsNaN(dotnet[0]));
        Assert.Equal(1f / (1f + MathF.Exp(-1f)), StableMath.Softmax<float>(x)[0], 1e-6f);
    }

    private sealed class ToleranceComparer(double tolerance) : IEqualityComparer<double>
    {
        public bool Equals(double x, double y) => Math.Abs(x - y) <= tolerance;

        public int GetHashCode(double obj) => 0;
    }

    // The upper clip is 1 − ε: a certain, correct prediction still costs −ln(1 − 1e−7) = 1.00000005e−7 nats
    // (python's decimal module: 1.0000000500000033333e−7).
    [Fact]
    public void Clipping_caps_a_certain_prediction_at_one_minus_epsilon() =>
        Tolerance.Close(1.0000000500000033333e-7, Textbook.ClippedCrossEntropy<double>([1.0], [1.0]), 0, 1e-9);
}
