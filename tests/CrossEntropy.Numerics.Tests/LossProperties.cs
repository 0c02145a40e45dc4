using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Loss identities on generated batches: NLL of log-softmax, row decomposition, Gibbs, float/double agreement.</summary>
public class LossProperties
{
    /// <summary>An N × C batch of logits with at least one finite entry per row, and class-index targets (some ignored).</summary>
    private static readonly Gen<(double[] X, int C, int[] Y)> ClassIndexBatch =
        Gen.Int[1, 8].SelectMany(c => Gen.Int[1, 5].SelectMany(n => Gen.Select(
            Generators.RowDouble.Select(r => r.Length >= c ? r[..c] : [.. r, .. Enumerable.Repeat(r[0], c - r.Length)])
                .Where(r => r.Any(double.IsFinite)).Array[n],
            Gen.Frequency((9, Gen.Int[0, c - 1]), (1, Gen.Const(CrossEntropyOptions.DefaultIgnoreIndex))).Array[n],
            (rows, y) => (rows.SelectMany(r => r).ToArray(), c, y))));

    // NLL(LogSoftmaxRows(x)) = CrossEntropy(x), row by row. Log-softmax is accurate to a few ε of its own magnitude
    // (plus ln C), so both sides should agree to that, whatever the size of the logits.
    [Fact]
    public void NLL_of_log_softmax_equals_cross_entropy_per_row() =>
        ClassIndexBatch.Sample((x, c, y) =>
        {
            double[] logP = new double[x.Length];
            StableMath.LogSoftmaxRows<double>(x, c, logP);
            double[] nll = new double[y.Length], ce = new double[y.Length];
            Losses.NllLoss<double>(logP, c, y, nll);
            Losses.CrossEntropy<double>(x, c, y, ce);
            for (int r = 0; r < y.Length; r++)
            {
                Tolerance.Close(nll[r], ce[r], 8 * Tolerance.EpsD * (1 + Math.Log(c)), 8 * Tolerance.EpsD,
                    $"row {r}: logits {Tolerance.F(x.AsSpan(r * c, c))}, target {y[r]}");
            }
        }, iter: Generators.Iterations);

    // Unreduced cross-entropy of a batch = cross-entropy of each row alone; sum and mean follow from the rows.
    [Fact]
    public void Batch_losses_equal_per_row_losses_and_reductions_follow() =>
        Gen.Select(ClassIndexBatch, Gen.Double[0, 1], Gen.Bool).Sample((batch, eps, weighted) =>
        {
            var (x, c, y) = batch;
            double[]? w = weighted ? Enumerable.Range(0, c).Select(i => 0.5 + i).ToArray() : null;
            var options = new CrossEntropyOptions { Weight = w, LabelSmoothing = eps };
            double[] losses = new double[y.Length];
            Losses.CrossEntropy<double>(x, c, y, losses, options);
            double weightSum = 0;
            for (int r = 0; r < y.Length; r++)
            {
                double single = Losses.CrossEntropy<double>(x.AsSpan(r * c, c), c, y.AsSpan(r, 1), Reduction.Sum, options);
                Assert.Equal(single, losses[r]);
                weightSum += y[r] == CrossEntropyOptions.DefaultIgnoreIndex ? 0 : (w?[y[r]] ?? 1);
            }

            double sum = Losses.CrossEntropy<double>(x, c, y, Reduction.Sum, options);
            Tolerance.Close(losses.Sum(), sum, 1e-300, 1e-13, "sum");
            // The mean is Σ (l_r / W): a row loss beyond MaxValue (+∞ unreduced) can still give a finite mean, so the
            // oracle divides first and applies only where every row loss is representable.
            if (losses.All(double.IsFinite))
            {
                Tolerance.Close(losses.Sum(l => l / weightSum), Losses.CrossEntropy<double>(x, c, y, Reduction.Mean, options), 1e-300, 1e-13, "mean");
            }
        }, iter: Generators.Iterations);

    // Gibbs through the loss API: for soft targets t, CE(t, softmax(x)) ≥ H(t), equality when x = log t.
    [Fact]
    public void Soft_target_loss_is_at_least_target_entropy() =>
        Gen.Int[1, 10].SelectMany(c => Gen.Select(Generators.Distribution(c), Generators.FiniteDouble.Array[c])).Sample((t, x) =>
        {
            double loss = Losses.CrossEntropy<double>(x, t.Length, t);
            double h = Information.Entropy(t);
            Assert.True(loss >= h * (1 - (8 * Tolerance.EpsD)) - (8 * Tolerance.EpsD), $"loss {Tolerance.F(loss)} < H {Tolerance.F(h)}");
            double[] logT = t.Select(v => Math.Log(v)).ToArray();
            if (logT.Any(double.IsFinite))
            {
                Tolerance.Close(h, Losses.CrossEntropy<double>(logT, t.Length, t), 16 * Tolerance.EpsD, 16 * Tolerance.EpsD, "at x = log t");
            }
        }, iter: Generators.Iterations);

    // Float and double agree to float precision on float-representable moderate logits. The loss is LSE − x_y, so
    // float rounding is relative to |LSE| + |x_y| (and ln C), not to the loss itself.
    [Fact]
    public void Cross_entropy_float_and_double_agree() =>
        Gen.Int[1, 10].SelectMany(c => Gen.Select(Gen.Float[-30, 30].Array[c], Gen.Int[0, c - 1])).Sample((xf, y) =>
        {
            double[] xd = xf.Select(v => (double)v).ToArray();
            int c = xf.Length;
            double d = Losses.CrossEntropy<double>(xd, c, (ReadOnlySpan<int>)[y]);
            float f = Losses.CrossEntropy<float>(xf, c, (ReadOnlySpan<int>)[y]);
            double scale = Math.Abs(StableMath.LogSumExp<double>(xd)) + Math.Abs(xd[y]) + Math.Log(c) + d;
            Tolerance.Close(d, f, 4 * Tolerance.EpsF * scale, 0, $"logits {Tolerance.F(xd)}, target {y}");
        }, iter: Generators.Iterations);

    [Fact]
    public void Binary_with_logits_is_non_negative_finite_and_float_agrees() =>
        Gen.Select(Generators.FiniteDouble, Gen.Double[0, 1]).Sample((x, t) =>
        {
            double loss = Losses.BinaryCrossEntropyWithLogits<double>([x], [t]);
            Assert.True(double.IsFinite(loss) || Math.Abs(x) > 1e307, $"x = {Tolerance.F(x)}"); // (1 − t)·x may overflow only near MaxValue
            // For t ∈ {0, 1} the loss is softplus(∓x) ≥ 0; for soft targets the minimum over x is H(t) ≥ 0.
            Assert.True(loss >= -Tolerance.Ulp(x) * 4, $"loss {Tolerance.F(loss)} at x = {Tolerance.F(x)}, t = {t}");
            float xf = (float)x, tf = (float)t;
            if (float.IsFinite(xf) && Math.Abs(xf) <= 1e4)
            {
                double ld = Losses.BinaryCrossEntropyWithLogits<double>([xf], [tf]);
                float lf = Losses.BinaryCrossEntropyWithLogits<float>([xf], [tf]);
                Tolerance.Close(ld, lf, 4 * Tolerance.EpsF * (1 + Math.Abs(xf)), 4 * Tolerance.EpsF, $"x = {xf}, t = {tf}");
            }
        }, iter: Generators.Iterations);

    // The KL loss with batchmean equals the mean over rows of Information.KLDivergence (independent implementation).
    [Fact]
    public void KL_loss_batchmean_is_mean_of_row_KL() =>
        Gen.Int[1, 6].SelectMany(c => Gen.Int[1, 4].SelectMany(n =>
            Gen.Select(Generators.Distribution(c).Array[n], Generators.PositiveDistribution(c).Array[n]))).Sample((ps, qs) =>
        {
            int c = ps[0].Length;
            double[] p = ps.SelectMany(r => r).ToArray();
            double[] logQ = qs.SelectMany(r => r).Select(v => Math.Log(v)).ToArray();
            double expected = ps.Zip(qs, (a, b) => Information.KLDivergence(a, b)).Average();
            Tolerance.Close(expected, Losses.KLDivergenceLoss<double>(logQ, p, c), 1e-14, 1e-12);
            Tolerance.Close(expected * ps.Length / (ps.Length * c), Losses.KLDivergenceLoss<double>(logQ, p, c, KLDivergenceReduction.Mean), 1e-14, 1e-12);
        }, iter: Generators.Iterations);
}
