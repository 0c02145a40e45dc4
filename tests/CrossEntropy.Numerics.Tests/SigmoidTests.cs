namespace CrossEntropy.Numerics.Tests;

/// <summary>Sigmoid, log-sigmoid, softplus and log1p: hand values, limits and the stable extremes.</summary>
public class SigmoidTests
{
    // Hand values: σ(0) = 1/2; σ(ln 3) = 3/4; σ(−ln 3) = 1/4.
    [Theory]
    [InlineData(0.0, 0.5)]
    [InlineData(1.0986122886681098, 0.75)]
    [InlineData(-1.0986122886681098, 0.25)]
    [InlineData(double.PositiveInfinity, 1.0)]
    [InlineData(double.NegativeInfinity, 0.0)]
    public void Sigmoid_hand_values(double x, double expected)
    {
        Tolerance.Close(expected, StableMath.Sigmoid(x), 0, 4 * Tolerance.EpsD);
        Tolerance.Close(expected, StableMath.Sigmoid((float)x), 0, 4 * Tolerance.EpsF);
    }

    // Small results keep full relative precision: σ(−x) = e^{−x}/(1 + e^{−x}) ≈ e^{−x} for large x.
    [Theory]
    [InlineData(-40.0)]
    [InlineData(-700.0)]
    [InlineData(-740.0)]
    public void Sigmoid_of_very_negative_keeps_relative_precision(double x) =>
        Tolerance.Close(Math.Exp(x) / (1 + Math.Exp(x)), StableMath.Sigmoid(x), 0, 4 * Tolerance.EpsD);

    [Fact]
    public void Sigmoid_of_NaN_is_NaN_not_an_exception()
    {
        Assert.True(double.IsNaN(StableMath.Sigmoid(double.NaN)));
        Assert.True(double.IsNaN(StableMath.Softplus(double.NaN)));
        Assert.True(double.IsNaN(StableMath.LogSigmoid(double.NaN)));
    }

    // Source: the Softplus docs — softplus(1000) = 1000, softplus(−1000) = e^{−1000} = 0 in double; log σ(−1000) = −1000.
    [Theory]
    [InlineData(1000.0, 1000.0)]
    [InlineData(-1000.0, 0.0)]
    [InlineData(1e300, 1e300)]
    [InlineData(0.0, 0.6931471805599453)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity, 0.0)]
    public void Softplus_values(double x, double expected) => Tolerance.Ulps(expected, StableMath.Softplus(x), 2);

    // Independent: softplus(x) = ln(1 + e^x) evaluated naively for moderate x. The naive form rounds 1 + e^x, an error
    // of up to ε/2 relative to 1 + e^x that becomes ≈ ε/(2·softplus(x)) relative to the result (≈ 75ε at x = −5),
    // so the tolerance is that reference error plus a few ulps.
    [Theory]
    [InlineData(-5.0)]
    [InlineData(-0.5)]
    [InlineData(0.3)]
    [InlineData(4.0)]
    [InlineData(20.0)]
    public void Softplus_matches_naive_formula_for_moderate_x(double x)
    {
        double naive = Math.Log(1 + Math.Exp(x));
        Tolerance.Close(naive, StableMath.Softplus(x), Tolerance.EpsD * (1 + Math.Exp(x)), 8 * Tolerance.EpsD);
    }

    [Theory]
    [InlineData(-1000.0, -1000.0)]
    [InlineData(-1e300, -1e300)]
    [InlineData(0.0, -0.6931471805599453)]
    [InlineData(double.PositiveInfinity, 0.0)]
    [InlineData(double.NegativeInfinity, double.NegativeInfinity)]
    public void LogSigmoid_values(double x, double expected) => Tolerance.Ulps(expected, StableMath.LogSigmoid(x), 2);

    [Fact]
    public void LogSigmoid_float_at_minus_1e4_is_finite() => Assert.Equal(-1e4f, StableMath.LogSigmoid(-1e4f));

    // log1p: tiny x where 1 + x rounds to 1 returns x; hand values elsewhere.
    [Theory]
    [InlineData(1e-20, 1e-20)]
    [InlineData(1e-10, 9.9999999995e-11)]
    [InlineData(-1.0, double.NegativeInfinity)]
    [InlineData(1.0, 0.6931471805599453)]
    [InlineData(double.PositiveInfinity, double.PositiveInfinity)]
    [InlineData(0.0, 0.0)]
    public void LogP1_values(double x, double expected) => Tolerance.Close(expected, StableMath.LogP1(x), 0, 4 * Tolerance.EpsD);

    [Fact]
    public void LogP1_below_minus_one_is_NaN() => Assert.True(double.IsNaN(StableMath.LogP1(-2.0)));

    // log1p(x) = x − x²/2 + x³/3 − …: the Taylor series as the independent reference for small x.
    [Theory]
    [InlineData(3e-9)]
    [InlineData(-7e-9)]
    [InlineData(1e-6)]
    public void LogP1_matches_Taylor_series(double x) =>
        Tolerance.Close(x - (x * x / 2) + (x * x * x / 3), StableMath.LogP1(x), 0, 4 * Tolerance.EpsD);

    [Fact]
    public void Span_forms_apply_elementwise_and_allow_aliasing()
    {
        double[] x = [-2, 0, 3];
        double[] s = new double[3];
        StableMath.Sigmoid<double>(x, s);
        Tolerance.AllClose([1 / (1 + Math.Exp(2)), 0.5, 1 / (1 + Math.Exp(-3))], s, 0, 4 * Tolerance.EpsD);

        double[] sp = new double[3];
        StableMath.Softplus<double>(x, sp);
        Tolerance.AllClose([Math.Log(1 + Math.Exp(-2)), Math.Log(2), Math.Log(1 + Math.Exp(3))], sp, 2 * Tolerance.EpsD, 4 * Tolerance.EpsD);

        // Reference for log σ(3) = −ln(1 + e^−3) is naive (rounding 1 + e^−3 costs ≈ ε absolute): abs tolerance 2ε.
        double[] y = [-2, 0, 3];
        StableMath.LogSigmoid<double>(y, y);
        Tolerance.AllClose([-Math.Log(1 + Math.Exp(2)), -Math.Log(2), -Math.Log(1 + Math.Exp(-3))], y, 2 * Tolerance.EpsD, 4 * Tolerance.EpsD);
    }
}
