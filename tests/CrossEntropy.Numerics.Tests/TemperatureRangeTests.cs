using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// A temperature is a double of any size, also for float input: (x − max) / τ must be formed without narrowing τ to
/// T and without x − max overflowing first.
/// </summary>
public class TemperatureRangeTests
{
    [Fact]
    public void Float_input_with_a_temperature_beyond_float_range()
    {
        // [1e38, 1e38] / 1e300 is [1e−262, 1e−262]: equal entries, so LSE = 1e−262 + ln 2 = ln 2 in float.
        Assert.Equal((float)Math.Log(2), StableMath.LogSumExp<float>([1e38f, 1e38f], 1e300));
        // [1e−30, 0] / 1e−50 = [1e20, −1e20]: LSE = 1e20 (the other term is e^−2e20 = 0).
        double expected = (double)1e-30f / 1e-50;
        float actual = StableMath.LogSumExp<float>([1e-30f, 0f], 1e-50);
        Assert.True(Math.Abs(actual - expected) <= 2 * Tolerance.Ulp((float)expected), $"{actual} vs {expected}");
        // log-softmax: [0, −1e20] (e^−1e20 vanishes), not −∞: the difference is representable in float.
        float[] logSoftmax = StableMath.LogSoftmax<float>([1e-30f, 0f], 1e-50);
        Assert.Equal(0f, logSoftmax[0]);
        Assert.True(Math.Abs(logSoftmax[1] + expected) <= 2 * Tolerance.Ulp((float)expected), $"{logSoftmax[1]}");
        Assert.Equal([1f, 0f], StableMath.Softmax<float>([1e-30f, 0f], 1e-50));
    }

    [Fact]
    public void Double_difference_beyond_MaxValue_is_divided_before_it_overflows()
    {
        double[] result = StableMath.LogSoftmax<double>([1e308, -1e308], 3);
        Assert.Equal(0, result[0]);
        Tolerance.Ulps(-(1e308 / 3) * 2, result[1], 2, "log-softmax");
        Tolerance.Ulps(1e308 / 3, StableMath.LogSumExp<double>([1e308, -1e308], 3), 1, "LSE");
        Assert.Equal([1.0, 0.0], StableMath.Softmax<double>([1e308, -1e308], 3));
        // The same in float, and in rows.
        float[] rows = new float[4];
        StableMath.LogSoftmaxRows<float>([3e38f, -3e38f, 1f, 2f], 2, rows, 4);
        Assert.Equal(0f, rows[0]);
        Assert.True(Math.Abs(rows[1] - (-1.5e38)) <= 2 * Tolerance.Ulp(1.5e38f), $"{rows[1]}");
        float[] lse = new float[2];
        StableMath.LogSumExpRows<float>([3e38f, -3e38f, 1f, 2f], 2, lse, 1e-300);
        Assert.Equal(float.PositiveInfinity, lse[0]); // 3e38 / 1e−300 is truly beyond float
    }

    // The halving threshold is exact: at max = 2^970 (half an ulp of MaxValue), −MaxValue − max already rounds to −∞,
    // while the true (x − max) / 2 is about −2^1023.
    [Fact]
    public void Halving_starts_at_half_an_ulp_of_MaxValue()
    {
        double max = Math.ScaleB(1.0, 970);
        double[] result = StableMath.LogSoftmax<double>([max, -double.MaxValue], 2);
        Tolerance.Ulps(-Math.ScaleB(1.0, 1023), result[1], 1);
    }

    // Float with any double τ agrees with an independent double computation of log-softmax(x / τ), rounded to float.
    [Fact]
    public void Float_log_softmax_matches_double_reference_for_any_temperature() =>
        Gen.Select(Generators.FiniteFloat.Array[1, 6], Gen.Double[-300, 300]).Sample((x, log10Tau) =>
        {
            double tau = Math.Pow(10, log10Tau);
            double max = x.Max();
            double[] shifted = [.. x.Select(v => ((double)v - max) / tau)];
            double[] reference = Reference.LogSoftmax(shifted);
            float[] actual = StableMath.LogSoftmax<float>(x, tau);
            for (int i = 0; i < x.Length; i++)
            {
                float expected = (float)reference[i];
                Assert.True(
                    expected.Equals(actual[i]) || Math.Abs(expected - actual[i]) <= (8 * Tolerance.Ulp(expected)) + (4 * Tolerance.EpsF),
                    $"x = [{string.Join(", ", x)}], τ = {tau:R}: [{i}] expected {expected}, actual {actual[i]}");
            }

            float lse = StableMath.LogSumExp<float>(x, tau);
            float expectedLse = (float)((max / tau) + Math.Log(shifted.Sum(Math.Exp)));
            Assert.True(
                expectedLse.Equals(lse) || Math.Abs(expectedLse - lse) <= (8 * Tolerance.Ulp(expectedLse)) + (4 * Tolerance.EpsF),
                $"LSE of [{string.Join(", ", x)}], τ = {tau:R}: expected {expectedLse}, actual {lse}");
        }, iter: Generators.Iterations);
}
