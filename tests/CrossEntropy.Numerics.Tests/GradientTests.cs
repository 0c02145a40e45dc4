namespace CrossEntropy.Numerics.Tests;

/// <summary>The analytic gradient of cross-entropy with respect to the logits: published and hand values.</summary>
public class GradientTests
{
    // Source: the blog example (NOTES.md) — gradient of CE w.r.t. the logits = q − p = [+0.0986877, −0.0986877].
    [Fact]
    public void Blog_example_gradient_is_q_minus_p()
    {
        double[] gradient = new double[2];
        Losses.CrossEntropyGradient<double>([0.7, 0.3], 2, (ReadOnlySpan<double>)[0.5, 0.5], gradient);
        Tolerance.Published([0.0986877, -0.0986877], gradient, 7);
    }

    // Without weights and smoothing: (softmax − onehot) / N for mean, softmax − onehot for sum; ignored rows 0.
    [Fact]
    public void Class_index_gradient_is_softmax_minus_one_hot()
    {
        double[] logits = [0, Math.Log(3), Math.Log(2), 0, 9, 9];   // q rows: [1/4, 3/4], [2/3, 1/3], ignored
        int[] targets = [1, 0, -100];
        double[] sum = new double[6];
        Losses.CrossEntropyGradient<double>(logits, 2, targets, sum, Reduction.Sum);
        Tolerance.AllClose([0.25, -0.25, -1.0 / 3, 1.0 / 3, 0, 0], sum, 1e-16, 1e-14, "sum");

        double[] mean = new double[6];
        Losses.CrossEntropyGradient<double>(logits, 2, targets, mean, Reduction.Mean);
        Tolerance.AllClose([0.125, -0.125, -1.0 / 6, 1.0 / 6, 0, 0], mean, 1e-16, 1e-14, "mean over 2 counted rows");
    }

    // With weights: ∂/∂x_j of w_y·(LSE − x_y) is w_y·(q_j − δ_jy); mean divides by Σ w[y_n]. Hand values for q = [1/4, 3/4].
    [Fact]
    public void Weighted_gradient_hand_values()
    {
        double[] logits = [0, Math.Log(3), 0, Math.Log(3)];
        int[] targets = [1, 0];
        var options = new CrossEntropyOptions { Weight = [2.0, 4.0] };
        double[] g = new double[4];
        Losses.CrossEntropyGradient<double>(logits, 2, targets, g, Reduction.Mean, options);
        // row 0: 4·(q − e1) = [1, −1]; row 1: 2·(q − e0) = [−1.5, 1.5]; / (4 + 2)
        Tolerance.AllClose([1.0 / 6, -1.0 / 6, -0.25, 0.25], g, 1e-16, 1e-14);
    }

    // With smoothing ε: the gradient is softmax − smoothed target, (1 − ε)·onehot + ε/C (no weights).
    [Fact]
    public void Smoothed_gradient_is_softmax_minus_smoothed_target()
    {
        double[] logits = [0, Math.Log(3)];
        var options = new CrossEntropyOptions { LabelSmoothing = 0.2 };
        double[] g = new double[2];
        Losses.CrossEntropyGradient<double>(logits, 2, (ReadOnlySpan<int>)[1], g, Reduction.Sum, options);
        Tolerance.AllClose([0.25 - 0.1, 0.75 - 0.9], g, 1e-16, 1e-14);
    }

    [Fact]
    public void Unweighted_gradient_rows_sum_to_zero()
    {
        double[] logits = [3, -1, 0.5, 2, 2, -7, 0, 0, 1e-3];
        double[] g = new double[9];
        Losses.CrossEntropyGradient<double>(logits, 3, (ReadOnlySpan<int>)[0, 2, 1], g, Reduction.Sum, new CrossEntropyOptions { LabelSmoothing = 0.1 });
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(0.0, g[r * 3] + g[(r * 3) + 1] + g[(r * 3) + 2], 14);
        }

        double[] soft = new double[9];
        Losses.CrossEntropyGradient<double>(logits, 3, (ReadOnlySpan<double>)[0.2, 0.3, 0.5, 1, 0, 0, 0, 0.5, 0.5], soft);
        for (int r = 0; r < 3; r++)
        {
            Assert.Equal(0.0, soft[r * 3] + soft[(r * 3) + 1] + soft[(r * 3) + 2], 14);
        }
    }

    [Fact]
    public void All_rows_ignored_gives_NaN_gradient_in_mean_mode()
    {
        double[] g = new double[4];
        Losses.CrossEntropyGradient<double>([1, 2, 3, 4], 2, (ReadOnlySpan<int>)[-100, -100], g);
        Assert.All(g, v => Assert.True(double.IsNaN(v)));
        Losses.CrossEntropyGradient<double>([1, 2, 3, 4], 2, (ReadOnlySpan<int>)[-100, -100], g, Reduction.Sum);
        Assert.All(g, v => Assert.Equal(0.0, v));
    }

    // Masked logits have probability 0, so their gradient component is 0 (−δ where masked and targeted is not possible:
    // such a row's loss is +∞).
    [Fact]
    public void Masked_logit_has_zero_gradient()
    {
        double[] g = new double[3];
        Losses.CrossEntropyGradient<double>([0, double.NegativeInfinity, 0], 3, (ReadOnlySpan<int>)[0], g, Reduction.Sum);
        Tolerance.AllClose([-0.5, 0, 0.5], g, 1e-16, 1e-15);
    }

    // Huge logits: the gradient comes from softmax, which is exact there: softmax([1e300, 0]) = [1, 0].
    [Fact]
    public void Gradient_is_finite_for_huge_logits()
    {
        double[] g = new double[2];
        Losses.CrossEntropyGradient<double>([1e300, 0], 2, (ReadOnlySpan<int>)[1], g, Reduction.Sum);
        Assert.Equal([1.0, -1.0], g);
        float[] gf = new float[2];
        Losses.CrossEntropyGradient<float>([1e4f, -1e4f], 2, (ReadOnlySpan<int>)[0], gf, Reduction.Sum);
        Assert.Equal([0f, 0f], gf);
    }
}
