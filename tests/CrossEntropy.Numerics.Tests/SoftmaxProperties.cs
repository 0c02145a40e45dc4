using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Softmax, log-softmax and log-sum-exp on generated rows with every magnitude, −∞ masks and clusters.</summary>
public class SoftmaxProperties
{
    private const double MinNormalD = 2.2250738585072014E-308;
    private const float MinNormalF = 1.17549435E-38f;

    [Fact]
    public void Softmax_double_sums_to_one_with_entries_in_unit_interval() =>
        Generators.RowDouble.Sample(x =>
        {
            double[] s = StableMath.Softmax<double>(x);
            Assert.All(s, v => Assert.InRange(v, 0.0, 1.0));
            Tolerance.Close(1.0, s.Sum(), x.Length * Tolerance.EpsD, 0, $"Σ softmax {Tolerance.F(x)}");
        }, iter: Generators.Iterations);

    [Fact]
    public void Softmax_float_sums_to_one_with_entries_in_unit_interval() =>
        Generators.RowFloat.Sample(x =>
        {
            float[] s = StableMath.Softmax<float>(x);
            Assert.All(s, v => Assert.InRange(v, 0f, 1f));
            Tolerance.Close(1.0, s.Sum(v => (double)v), x.Length * Tolerance.EpsF, 0, "Σ softmax");
        }, iter: Generators.Iterations);

    /// <summary>Dyadic logits k·2^e (|k| &lt; 2^20) and a shift c = j·2^e (|j| &lt; 2^20): x + c is exact.</summary>
    private static readonly Gen<(double[] X, double C)> ExactShift =
        Gen.Int[-10, 900].SelectMany(e => Gen.Select(
            Gen.Int[-(1 << 20), 1 << 20].Select(k => Math.ScaleB(k, e)).Array[1, 12],
            Gen.Int[-(1 << 20), 1 << 20].Select(j => Math.ScaleB(j, e))));

    [Fact]
    public void Softmax_and_log_softmax_are_shift_invariant() =>
        ExactShift.Sample((x, c) =>
        {
            double[] shifted = x.Select(v => v + c).ToArray();
            Tolerance.AllClose(StableMath.Softmax<double>(x), StableMath.Softmax<double>(shifted), 1e-300, 4 * Tolerance.EpsD, "softmax");
            Tolerance.AllClose(StableMath.LogSoftmax<double>(x), StableMath.LogSoftmax<double>(shifted), 0, 4 * Tolerance.EpsD, "log-softmax");
            // LSE(x + c) = LSE(x) + c.
            Tolerance.Close(StableMath.LogSumExp<double>(x) + c, StableMath.LogSumExp<double>(shifted), 4 * Tolerance.Ulp(Math.Abs(c) + Math.Abs(x.Max()) + 3), 0, "LSE");
        }, iter: Generators.Iterations);

    [Fact]
    public void In_place_aliasing_gives_the_same_result() =>
        Generators.RowDouble.Sample(x =>
        {
            double[] a = (double[])x.Clone();
            StableMath.Softmax<double>(a, a);
            Assert.Equal(StableMath.Softmax<double>(x), a);
            double[] b = (double[])x.Clone();
            StableMath.LogSoftmax<double>(b, b);
            Assert.Equal(StableMath.LogSoftmax<double>(x), b);
            double[] c = (double[])x.Clone();
            StableMath.SoftmaxRows<double>(c, x.Length, c, 0.5);
            Assert.Equal(StableMath.Softmax<double>(x, 0.5), c);
        }, iter: Generators.Iterations);

    // max(x) ≤ LSE(x) ≤ max(x) + ln n, with rounding slack on the right: a few ulps of the bound.
    [Fact]
    public void Log_sum_exp_is_bounded_by_max_and_max_plus_log_n() =>
        Generators.RowDouble.Sample(x =>
        {
            double max = x.Max();
            double lse = StableMath.LogSumExp<double>(x);
            double upper = max + Math.Log(x.Length);
            Assert.True(lse >= max, $"LSE {Tolerance.F(lse)} < max {Tolerance.F(max)}");
            Assert.True(lse <= upper + (4 * Tolerance.Ulp(upper)) + (4 * Tolerance.EpsD * Math.Log(x.Length)), $"LSE {Tolerance.F(lse)} > max + ln n");
        }, iter: Generators.Iterations);

    [Fact]
    public void Log_sum_exp_float_is_bounded_by_max_and_max_plus_log_n() =>
        Generators.RowFloat.Sample(x =>
        {
            float max = x.Max();
            float lse = StableMath.LogSumExp<float>(x);
            double upper = max + Math.Log(x.Length);
            Assert.True(lse >= max);
            Assert.True(lse <= upper + (4 * Tolerance.Ulp((float)upper)) + (4 * Tolerance.EpsF * Math.Log(x.Length)));
        }, iter: Generators.Iterations);

    [Fact]
    public void Log_sum_exp_is_finite_for_all_finite_input() =>
        Generators.FiniteRowDouble.Sample(x => Assert.True(double.IsFinite(StableMath.LogSumExp<double>(x)), Tolerance.F(x)),
            iter: Generators.Iterations);

    [Fact]
    public void Log_sum_exp_float_is_finite_for_all_finite_input() =>
        Generators.FiniteFloat.Array[1, 16].Sample(x => Assert.True(float.IsFinite(StableMath.LogSumExp<float>(x))),
            iter: Generators.Iterations);

    // log-softmax = log(softmax) wherever softmax is a normal number. Both round x_i − max, whose error is
    // ≈ ε·|log-softmax|, so the tolerance is relative to |log-softmax| plus a few ε.
    [Fact]
    public void Log_softmax_equals_log_of_softmax_where_softmax_is_normal() =>
        Generators.RowDouble.Sample(x =>
        {
            double[] s = StableMath.Softmax<double>(x);
            double[] ls = StableMath.LogSoftmax<double>(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(ls[i] <= 0);
                if (s[i] >= MinNormalD)
                {
                    Tolerance.Close(Math.Log(s[i]), ls[i], 8 * Tolerance.EpsD * (1 + Math.Log(x.Length)), 8 * Tolerance.EpsD, $"[{i}] of {Tolerance.F(x)}");
                }
                else if (double.IsNegativeInfinity(x[i]))
                {
                    Assert.Equal(double.NegativeInfinity, ls[i]);
                }
            }
        }, iter: Generators.Iterations);

    [Fact]
    public void Log_softmax_float_equals_log_of_softmax_where_softmax_is_normal() =>
        Generators.RowFloat.Sample(x =>
        {
            float[] s = StableMath.Softmax<float>(x);
            float[] ls = StableMath.LogSoftmax<float>(x);
            for (int i = 0; i < x.Length; i++)
            {
                Assert.True(ls[i] <= 0);
                if (s[i] >= MinNormalF)
                {
                    Tolerance.Close(Math.Log(s[i]), ls[i], 8 * Tolerance.EpsF * (1 + Math.Log(x.Length)), 8 * Tolerance.EpsF, $"[{i}]");
                }
            }
        }, iter: Generators.Iterations);

    /// <summary>Float logits whose double images are the same numbers: moderate, up to ±1e4, and −∞.</summary>
    private static readonly Gen<float[]> FloatRepresentable =
        Gen.Frequency(
                (6, Gen.Float[-30, 30]),
                (3, Generators.LogUniform(-3, 4).Select(v => (float)v)),
                (1, Gen.Const(float.NegativeInfinity)))
            .Array[1, 16].Where(r => r.Any(float.IsFinite));

    // float and double agree to float precision on float-representable input. Softmax entry i depends on
    // d_i = x_i − max, which float rounds (relative ε_F/2), so its relative tolerance grows with |d_i|; plus log n for the sum.
    [Fact]
    public void Float_and_double_agree_to_float_precision() =>
        FloatRepresentable.Sample(xf =>
        {
            double[] xd = xf.Select(v => (double)v).ToArray();
            double logN = Math.Log(xf.Length);
            double max = xd.Max();

            float[] sf = StableMath.Softmax<float>(xf);
            double[] sd = StableMath.Softmax<double>(xd);
            float[] lf = StableMath.LogSoftmax<float>(xf);
            double[] ld = StableMath.LogSoftmax<double>(xd);
            for (int i = 0; i < xf.Length; i++)
            {
                double d = Math.Abs(xd[i] - max);
                if (sd[i] >= 1e-30)
                {
                    Tolerance.Close(sd[i], sf[i], 0, 4 * Tolerance.EpsF * (2 + d + logN), $"softmax[{i}]");
                }
                else
                {
                    Assert.True(sf[i] <= 1e-29, $"softmax[{i}] = {sf[i]}, double {Tolerance.F(sd[i])}");
                }

                Tolerance.Close(ld[i], lf[i], 4 * Tolerance.EpsF * (1 + logN), 4 * Tolerance.EpsF, $"log-softmax[{i}]");
            }

            double lseD = StableMath.LogSumExp<double>(xd);
            Tolerance.Close(lseD, StableMath.LogSumExp<float>(xf), 4 * Tolerance.EpsF * (1 + logN), 4 * Tolerance.EpsF, "LSE");
        }, iter: Generators.Iterations);

    /// <summary>An N × C batch of double logits (rows may be all −∞).</summary>
    private static readonly Gen<(double[] X, int C)> Batch =
        Gen.Int[1, 8].SelectMany(c => Gen.Int[1, 5].SelectMany(n =>
            Generators.LogitDouble.Array[n * c].Select(x => (x, c))));

    [Fact]
    public void Row_wise_functions_equal_the_per_row_function() =>
        Gen.Select(Batch, Gen.OneOf(1.0, 0.5, 3.0)).Sample((batch, tau) =>
        {
            var (x, c) = batch;
            int n = x.Length / c;
            double[] softmax = new double[x.Length], logSoftmax = new double[x.Length], lse = new double[n];
            StableMath.SoftmaxRows<double>(x, c, softmax, tau);
            StableMath.LogSoftmaxRows<double>(x, c, logSoftmax, tau);
            StableMath.LogSumExpRows<double>(x, c, lse, tau);
            for (int r = 0; r < n; r++)
            {
                ReadOnlySpan<double> row = x.AsSpan(r * c, c);
                Assert.Equal(StableMath.Softmax(row, tau), softmax[(r * c)..((r + 1) * c)]);
                Assert.Equal(StableMath.LogSoftmax(row, tau), logSoftmax[(r * c)..((r + 1) * c)]);
                Assert.Equal(StableMath.LogSumExp(row, tau), lse[r]);
            }
        }, iter: Generators.Iterations);
}
