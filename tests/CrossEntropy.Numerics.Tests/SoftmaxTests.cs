namespace CrossEntropy.Numerics.Tests;

/// <summary>Log-sum-exp, softmax and log-softmax: published values, hand values, temperature and the batch forms.</summary>
public class SoftmaxTests
{
    // Source: scipy.special.logsumexp docs — logsumexp(np.arange(10)) = 9.4586297444267107.
    [Fact]
    public void LogSumExp_of_arange10_scipy()
    {
        double[] x = Enumerable.Range(0, 10).Select(i => (double)i).ToArray();
        Tolerance.Ulps(9.4586297444267107, StableMath.LogSumExp<double>(x), 4);
    }

    // Same reference in float: 9.4586297 to float precision.
    [Fact]
    public void LogSumExp_of_arange10_scipy_float()
    {
        float[] x = Enumerable.Range(0, 10).Select(i => (float)i).ToArray();
        Tolerance.Close(9.4586297444267107, StableMath.LogSumExp<float>(x), 0, 4 * Tolerance.EpsF);
    }

    // Source: scipy.special.log_softmax docs — log_softmax([1000, 1]) = [0, −999], while log(softmax) = [0, −inf].
    [Fact]
    public void LogSoftmax_of_1000_1_scipy()
    {
        double[] logSoftmax = StableMath.LogSoftmax<double>([1000, 1]);
        Assert.Equal([0.0, -999.0], logSoftmax);

        double[] softmax = StableMath.Softmax<double>([1000, 1]);
        Assert.Equal(double.NegativeInfinity, Math.Log(softmax[1])); // the naive route loses it
    }

    // Source: the blog example (NOTES.md) — softmax([0.7, 0.3]) = [0.598687660112452, 0.401312339887548].
    [Fact]
    public void Softmax_of_blog_logits()
    {
        Tolerance.Published([0.598687660112452, 0.401312339887548], StableMath.Softmax<double>([0.7, 0.3]), 15);
        float[] f = StableMath.Softmax<float>([0.7f, 0.3f]);
        Tolerance.Close(0.598687660112452, f[0], 0, 4 * Tolerance.EpsF);
        Tolerance.Close(0.401312339887548, f[1], 0, 4 * Tolerance.EpsF);
    }

    // Hand-derived: softmax([0, ln 2, ln 3, ln 4]) = [1, 2, 3, 4] / 10; LSE = ln 10.
    [Fact]
    public void Softmax_of_logs_is_normalised_weights()
    {
        double[] x = [0, Math.Log(2), Math.Log(3), Math.Log(4)];
        Tolerance.AllClose([0.1, 0.2, 0.3, 0.4], StableMath.Softmax<double>(x), 0, 4 * Tolerance.EpsD);
        Tolerance.Close(Math.Log(10), StableMath.LogSumExp<double>(x), 0, 4 * Tolerance.EpsD);
        Tolerance.AllClose([Math.Log(0.1), Math.Log(0.2), Math.Log(0.3), Math.Log(0.4)], StableMath.LogSoftmax<double>(x), 0, 4 * Tolerance.EpsD);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(7)]
    [InlineData(129)] // crosses the 128-element chunk of the stack buffer
    [InlineData(1000)]
    public void Equal_logits_give_uniform_distribution_and_LSE_x_plus_log_n(int n)
    {
        double[] x = Enumerable.Repeat(3.5, n).ToArray();
        foreach (double v in StableMath.Softmax<double>(x))
        {
            Tolerance.Close(1.0 / n, v, 0, 4 * Tolerance.EpsD);
        }

        Tolerance.Close(3.5 + Math.Log(n), StableMath.LogSumExp<double>(x), 0, 4 * Tolerance.EpsD);
    }

    [Fact]
    public void Single_logit_has_probability_one()
    {
        Assert.Equal([1.0], StableMath.Softmax<double>([-123.4]));
        Assert.Equal([0.0], StableMath.LogSoftmax<double>([-123.4]));
        Assert.Equal(-123.4, StableMath.LogSumExp<double>([-123.4]));
    }

    // LSE(x, τ) = LSE(x / τ) and softmax(x, τ) = softmax(x / τ): hand-divided logits as the reference.
    [Theory]
    [InlineData(2.0)]
    [InlineData(0.5)]
    [InlineData(0.25)]
    [InlineData(10.0)]
    public void Temperature_divides_the_logits(double tau)
    {
        double[] x = [1, -2, 3, 0.5];
        double[] scaled = x.Select(v => v / tau).ToArray();
        Tolerance.Close(StableMath.LogSumExp<double>(scaled), StableMath.LogSumExp<double>(x, tau), 0, 4 * Tolerance.EpsD);
        Tolerance.AllClose(StableMath.Softmax<double>(scaled), StableMath.Softmax<double>(x, tau), 1e-300, 8 * Tolerance.EpsD);
        Tolerance.AllClose(StableMath.LogSoftmax<double>(scaled), StableMath.LogSoftmax<double>(x, tau), 0, 8 * Tolerance.EpsD);
    }

    [Fact]
    public void Small_temperature_approaches_one_hot_large_temperature_approaches_uniform()
    {
        double[] x = [1, 2, 3, 2.5];
        double[] cold = StableMath.Softmax<double>(x, 0.01);
        Tolerance.AllClose([0, 0, 1, 0], cold, 1e-20, 0, "τ = 0.01");   // next-largest gap 0.5/0.01 = 50: e^−50 ≈ 2e−22
        double[] hot = StableMath.Softmax<double>(x, 1e6);
        Tolerance.AllClose([0.25, 0.25, 0.25, 0.25], hot, 1e-6, 0, "τ = 1e6");
        // Entropy grows with temperature.
        Assert.True(Information.Entropy(StableMath.Softmax<double>(x, 0.5)) < Information.Entropy(StableMath.Softmax<double>(x, 2)));
    }

    [Fact]
    public void Row_functions_apply_per_row_with_hand_values()
    {
        // Two rows: [0, ln 3] → [1/4, 3/4]; [5, 5] → [1/2, 1/2].
        double[] x = [0, Math.Log(3), 5, 5];
        double[] softmax = new double[4];
        StableMath.SoftmaxRows<double>(x, 2, softmax);
        Tolerance.AllClose([0.25, 0.75, 0.5, 0.5], softmax, 0, 4 * Tolerance.EpsD);

        double[] lse = new double[2];
        StableMath.LogSumExpRows<double>(x, 2, lse);
        Tolerance.AllClose([Math.Log(4), 5 + Math.Log(2)], lse, 0, 4 * Tolerance.EpsD);

        double[] logSoftmax = new double[4];
        StableMath.LogSoftmaxRows<double>(x, 2, logSoftmax);
        Tolerance.AllClose([Math.Log(0.25), Math.Log(0.75), -Math.Log(2), -Math.Log(2)], logSoftmax, 0, 4 * Tolerance.EpsD);
    }

    [Fact]
    public void Softmax_in_place_aliasing_hand_value()
    {
        double[] x = [0, Math.Log(3)];
        StableMath.Softmax<double>(x, x);
        Tolerance.AllClose([0.25, 0.75], x, 0, 4 * Tolerance.EpsD);

        double[] y = [0, Math.Log(3)];
        StableMath.LogSoftmax<double>(y, y);
        Tolerance.AllClose([Math.Log(0.25), Math.Log(0.75)], y, 0, 4 * Tolerance.EpsD);
    }
}
