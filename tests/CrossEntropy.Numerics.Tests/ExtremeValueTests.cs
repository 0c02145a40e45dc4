namespace CrossEntropy.Numerics.Tests;

/// <summary>Huge logits, −∞ masks, all-masked rows, extreme temperatures and empty input.</summary>
public class ExtremeValueTests
{
    private static readonly double Ln2 = Math.Log(2);

    // No overflow: the max-shift makes the largest exponential exactly 1. Hand values: a gap of ≥ 1e4 makes the
    // smaller probability e^−1e4 = 0 in both types; equal logits are the fair coin.
    [Theory]
    [InlineData(1e300, -1e300)]
    [InlineData(1e300, 0.0)]
    [InlineData(-1e300, -1e300 * 1.5)]
    [InlineData(double.MaxValue, -double.MaxValue)]
    public void Double_softmax_family_does_not_overflow(double big, double small)
    {
        Assert.Equal([1.0, 0.0], StableMath.Softmax<double>([big, small]));
        Assert.Equal([0.0, small - big], StableMath.LogSoftmax<double>([big, small]));
        Assert.Equal(big, StableMath.LogSumExp<double>([big, small]));
    }

    [Theory]
    [InlineData(1e4f, 0f)]
    [InlineData(1e4f, -1e4f)]
    [InlineData(-1e4f, -2e4f)]
    [InlineData(3e38f, -3e38f)]
    public void Float_softmax_family_does_not_overflow(float big, float small)
    {
        Assert.Equal([1f, 0f], StableMath.Softmax<float>([big, small]));
        Assert.Equal([0f, small - big], StableMath.LogSoftmax<float>([big, small]));
        Assert.Equal(big, StableMath.LogSumExp<float>([big, small]));
    }

    [Fact]
    public void Equal_huge_logits_are_uniform()
    {
        Assert.Equal([0.5, 0.5], StableMath.Softmax<double>([1e300, 1e300]));
        Assert.Equal([0.5f, 0.5f], StableMath.Softmax<float>([1e4f, 1e4f]));
        Assert.Equal([0.5f, 0.5f], StableMath.Softmax<float>([3e38f, 3e38f]));
        // LSE(a, a) = a + ln 2: lost in rounding at 1e300, visible to float precision at 1e4.
        Assert.Equal(1e300, StableMath.LogSumExp<double>([1e300, 1e300]));
        Tolerance.Close(1e4 + Ln2, StableMath.LogSumExp<float>([1e4f, 1e4f]), Tolerance.Ulp(1e4f));
    }

    [Theory]
    [InlineData(1e300, 0.0, 0, 0.0)]
    [InlineData(1e300, 0.0, 1, 1e300)]
    [InlineData(-1e300, 1e300, 0, 2e300)]
    public void Double_cross_entropy_does_not_overflow(double a, double b, int target, double expected)
    {
        Assert.Equal(expected, Losses.CrossEntropy<double>([a, b], 2, (ReadOnlySpan<int>)[target]));
        double[] soft = target == 0 ? [1.0, 0.0] : [0.0, 1.0];
        Assert.Equal(expected, Losses.CrossEntropy<double>([a, b], 2, (ReadOnlySpan<double>)soft));
    }

    [Theory]
    [InlineData(1e4f, 0f, 0, 0f)]
    [InlineData(1e4f, 0f, 1, 1e4f)]
    [InlineData(-1e4f, 1e4f, 0, 2e4f)]
    public void Float_cross_entropy_does_not_overflow(float a, float b, int target, float expected) =>
        Assert.Equal(expected, Losses.CrossEntropy<float>([a, b], 2, (ReadOnlySpan<int>)[target]));

    [Fact]
    public void Minus_infinity_masks_get_probability_zero()
    {
        double[] x = [1, double.NegativeInfinity, 1, double.NegativeInfinity];
        Assert.Equal([0.5, 0.0, 0.5, 0.0], StableMath.Softmax<double>(x));
        double[] logSoftmax = StableMath.LogSoftmax<double>(x);
        Tolerance.Close(-Ln2, logSoftmax[0], 0, 2 * Tolerance.EpsD);
        Assert.Equal(double.NegativeInfinity, logSoftmax[1]);
        Tolerance.Close(1 + Ln2, StableMath.LogSumExp<double>(x), 0, 2 * Tolerance.EpsD);
        Assert.Equal([0.5f, 0f, 0.5f, 0f], StableMath.Softmax<float>([1, float.NegativeInfinity, 1, float.NegativeInfinity]));
    }

    [Fact]
    public void Masked_target_class_gives_infinite_loss()
    {
        Assert.Equal(double.PositiveInfinity, Losses.CrossEntropy<double>([3, double.NegativeInfinity], 2, (ReadOnlySpan<int>)[1]));
        Assert.Equal(float.PositiveInfinity, Losses.CrossEntropy<float>([3, float.NegativeInfinity], 2, (ReadOnlySpan<int>)[1]));
        double[] none = new double[2];
        Losses.CrossEntropy<double>([3, double.NegativeInfinity, 0, 0], 2, (ReadOnlySpan<int>)[1, 0], none);
        Assert.Equal(double.PositiveInfinity, none[0]);
        Tolerance.Close(Ln2, none[1], 0, 2 * Tolerance.EpsD);
    }

    // Documented: an all −∞ row has no distribution — softmax and log-softmax NaN (0/0, as PyTorch), LSE −∞.
    [Fact]
    public void All_masked_row_gives_NaN_softmax_and_minus_infinity_LSE()
    {
        double[] x = [double.NegativeInfinity, double.NegativeInfinity];
        Assert.All(StableMath.Softmax<double>(x), v => Assert.True(double.IsNaN(v)));
        Assert.All(StableMath.LogSoftmax<double>(x), v => Assert.True(double.IsNaN(v)));
        Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp<double>(x));
        Assert.Equal(float.NegativeInfinity, StableMath.LogSumExp<float>([float.NegativeInfinity]));

        // In a batch, only that row is NaN.
        double[] batch = [double.NegativeInfinity, double.NegativeInfinity, 0, 0];
        double[] rows = new double[4];
        StableMath.SoftmaxRows<double>(batch, 2, rows);
        Assert.True(double.IsNaN(rows[0]) && double.IsNaN(rows[1]));
        Assert.Equal([0.5, 0.5], rows[2..]);
        double[] lse = new double[2];
        StableMath.LogSumExpRows<double>(batch, 2, lse);
        Assert.Equal(double.NegativeInfinity, lse[0]);
        Tolerance.Close(Ln2, lse[1], 0, 2 * Tolerance.EpsD);
    }

    // Documented: LSE of empty input is −∞ (log of an empty sum); softmax and log-softmax of empty write nothing.
    [Fact]
    public void Empty_input_behaviour()
    {
        Assert.Equal(double.NegativeInfinity, StableMath.LogSumExp<double>([]));
        Assert.Equal(float.NegativeInfinity, StableMath.LogSumExp<float>([]));
        Assert.Empty(StableMath.Softmax<double>([]));
        Assert.Empty(StableMath.LogSoftmax<double>([]));
        StableMath.Softmax<double>(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        StableMath.LogSoftmax<double>(ReadOnlySpan<double>.Empty, Span<double>.Empty);
        StableMath.Sigmoid<double>(ReadOnlySpan<double>.Empty, Span<double>.Empty);
    }

    // Temperature τ → 0 approaches argmax (one-hot), τ → ∞ approaches uniform (documented).
    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e-100)]
    [InlineData(1e-300)]
    [InlineData(1e-310)]     // finite and > 0, so valid; 1/τ overflows double
    public void Tiny_temperature_gives_one_hot_double(double tau)
    {
        double[] x = [1, 3, 2];
        Assert.Equal([0.0, 1.0, 0.0], StableMath.Softmax<double>(x, tau));
        double[] withZeroMax = [-1, 0, -2];
        Assert.Equal([0.0, 1.0, 0.0], StableMath.Softmax<double>(withZeroMax, tau));
    }

    [Theory]
    [InlineData(1e-3)]
    [InlineData(1e-30)]
    [InlineData(1e-39)]      // a valid double τ whose reciprocal is beyond float's range
    public void Tiny_temperature_gives_one_hot_float(double tau) =>
        Assert.Equal([0f, 1f, 0f], StableMath.Softmax<float>([1f, 3f, 2f], tau));

    [Theory]
    [InlineData(1e6)]
    [InlineData(1e300)]
    [InlineData(double.MaxValue)]
    public void Huge_temperature_gives_uniform_double(double tau)
    {
        double[] p = StableMath.Softmax<double>([1, 3, 2, -5], tau);
        Tolerance.AllClose([0.25, 0.25, 0.25, 0.25], p, 1e-5);
        // A masked entry stays masked at any temperature.
        Assert.Equal([0.5, 0.0, 0.5], StableMath.Softmax<double>([1, double.NegativeInfinity, 2], tau).Select(v => Math.Round(v, 4)).ToArray());
    }

    [Theory]
    [InlineData(1e6)]
    [InlineData(1e50)]      // 1/τ underflows float to 0
    public void Huge_temperature_keeps_masks_float(double tau) =>
        Assert.Equal([0.5f, 0f, 0.5f], StableMath.Softmax<float>([1f, float.NegativeInfinity, 2f], tau).Select(v => MathF.Round(v, 4)).ToArray());

    [Fact]
    public void Log_sum_exp_with_temperature_at_the_extremes()
    {
        // LSE(x, τ) ≈ max(x)/τ for small τ.
        Assert.Equal(3e3, StableMath.LogSumExp<double>([1, 3, 2], 1e-3), 9);
        // LSE(x, τ) → log n as τ → ∞.
        Tolerance.Close(Math.Log(3), StableMath.LogSumExp<double>([1, 3, 2], 1e12), 1e-11);
    }
}
