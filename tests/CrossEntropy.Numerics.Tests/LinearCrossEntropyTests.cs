using System.Numerics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The fused linear cross-entropy against the materialised path (LinearLogits + the class-index loss and gradient),
/// against exact logits and double references, finite differences, edge cases, bad input and its memory bound.
/// Sizes cross the fused loss's row blocks (128) and class blocks (512) so that the online recurrence is exercised.
/// </summary>
public class LinearCrossEntropyTests
{
    private const int Ignore = 2;

    public static TheoryData<string> OptionNames => new(Options.Keys);

    private static readonly Dictionary<string, Func<int, CrossEntropyOptions>> Options = new()
    {
        ["default"] = _ => CrossEntropyOptions.Default,
        ["weights"] = v => new() { Weight = ClassWeights(v) },
        ["ignore index"] = _ => new() { IgnoreIndex = Ignore },
        ["label smoothing"] = _ => new() { LabelSmoothing = 0.3 },
        ["all options"] = v => new() { Weight = ClassWeights(v), IgnoreIndex = Ignore, LabelSmoothing = 0.1 },
        ["full smoothing"] = _ => new() { LabelSmoothing = 1 },
    };

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void Double_loss_matches_the_class_index_loss_on_materialised_logits(string option)
    {
        var problem = Problem<double>.Random(n: 131, d: 19, v: 1100, seed: 1, scale: 1);
        CrossEntropyOptions options = Options[option](problem.V);
        double[] logits = problem.Logits();

        // With smoothing both sum V positive terms in double (in different orders): each sum is within V/8 ulps.
        double tolerance = (8 + (options.LabelSmoothing != 0 ? problem.V / 8.0 : 0)) * Tolerance.EpsD;
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            double expected = Losses.CrossEntropy<double>(logits, problem.V, problem.Y, reduction, options);
            double fused = problem.Loss(reduction, options);
            Tolerance.Close(expected, fused, 0, tolerance, $"{option} {reduction}");
        }

        double[] perRow = new double[problem.N], expectedRows = new double[problem.N];
        Losses.LinearCrossEntropy<double>(problem.H, problem.W, problem.B, problem.D, problem.Y, perRow, options);
        Losses.CrossEntropy<double>(logits, problem.V, problem.Y, expectedRows, options);
        Tolerance.AllClose(expectedRows, perRow, 0, tolerance, option);
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void Float_loss_is_within_a_few_ulps_of_the_double_loss_of_its_float_logits(string option)
    {
        // The logits are float (rounded products); from them on the fused loss works in double and rounds once.
        var problem = Problem<float>.Random(n: 140, d: 24, v: 1030, seed: 2, scale: 2);
        CrossEntropyOptions options = Options[option](problem.V);
        double[] logits = Array.ConvertAll(problem.Logits(), z => (double)z);
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            double expected = Losses.CrossEntropy<double>(logits, problem.V, problem.Y, reduction, options);
            float fused = problem.Loss(reduction, options);
            Tolerance.Close(expected, fused, 0, 2 * Tolerance.EpsF, $"{option} {reduction}");
        }
    }

    [Fact]
    public void Exact_integer_logits_give_the_reference_loss_to_an_ulp()
    {
        // Small integers: every product and sum is exact in float, so the logits are exact and the only error left is
        // the loss's own. Reference: the documented formula in double (independent code).
        var rng = new Random(5);
        const int n = 9, d = 4, v = 700;
        float[] h = Enumerable.Range(0, n * d).Select(_ => (float)rng.Next(-3, 4)).ToArray();
        float[] w = Enumerable.Range(0, v * d).Select(_ => (float)rng.Next(-3, 4)).ToArray();
        float[] b = Enumerable.Range(0, v).Select(_ => (float)rng.Next(-5, 6)).ToArray();
        int[] y = Enumerable.Range(0, n).Select(_ => rng.Next(v)).ToArray();
        double[] logits = new double[n * v];
        for (int r = 0; r < n; r++)
        {
            for (int c = 0; c < v; c++)
            {
                double z = b[c];
                for (int k = 0; k < d; k++)
                {
                    z += h[(r * d) + k] * w[(c * d) + k];
                }

                logits[(r * v) + c] = z;
            }
        }

        var (perRow, sum, mean) = Reference.CrossEntropy(logits, v, y, ClassWeights(v), smoothing: 0.2);
        var options = new CrossEntropyOptions { Weight = ClassWeights(v), LabelSmoothing = 0.2 };
        Tolerance.Close(sum, Losses.LinearCrossEntropy<float>(h, w, b, d, y, Reduction.Sum, options), 0, Tolerance.EpsF, "float sum");
        Tolerance.Close(mean, Losses.LinearCrossEntropy<float>(h, w, b, d, y, Reduction.Mean, options), 0, Tolerance.EpsF, "float mean");
        double[] hd = Array.ConvertAll(h, x => (double)x), wd = Array.ConvertAll(w, x => (double)x), bd = Array.ConvertAll(b, x => (double)x);
        double[] rows = new double[n];
        Losses.LinearCrossEntropy<double>(hd, wd, bd, d, y, rows, options);
        Tolerance.AllClose(perRow, rows, 0, 1e-13, "double rows");
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void Gradients_match_the_materialised_gradient_times_the_inputs(string option)
    {
        var problem = Problem<float>.Random(n: 150, d: 21, v: 1050, seed: 3, scale: 1);
        CrossEntropyOptions options = Options[option](problem.V);
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            var (dh, dw, db, loss) = problem.Gradients(reduction, options);
            Assert.Equal(problem.Loss(reduction, options), loss);

            // The materialised path: G = ∂L/∂z from the class-index gradient (float), then the two products.
            float[] logits = problem.Logits();
            float[] g = new float[logits.Length];
            Losses.CrossEntropyGradient<float>(logits, problem.V, problem.Y, g, reduction, options);
            float[] dhExpected = new float[dh.Length], dwExpected = new float[dw.Length];
            MatrixMultiply.Multiply<float>(g, false, problem.W, false, dhExpected, problem.N, problem.D, problem.V);
            MatrixMultiply.Multiply<float>(g, true, problem.H, false, dwExpected, problem.V, problem.D, problem.N);

            // Both are products of G's that agree to a few ulps, each a chain of K terms: |Δ| ≤ (2K + 8)·u·Σ|G|·|B|.
            CloseProducts(g, problem.N, problem.V, problem.W, problem.D, transposeG: false, dhExpected, dh, $"{option} {reduction} ∂L/∂h");
            CloseProducts(g, problem.N, problem.V, problem.H, problem.D, transposeG: true, dwExpected, dw, $"{option} {reduction} ∂L/∂W");
            for (int c = 0; c < problem.V; c++)
            {
                double expected = 0, magnitude = 0;
                for (int r = 0; r < problem.N; r++)
                {
                    expected += g[(r * problem.V) + c];
                    magnitude += Math.Abs(g[(r * problem.V) + c]);
                }

                Tolerance.Close(expected, db[c], ((2 * problem.N) + 8) * Tolerance.EpsF * magnitude, 0, $"{option} {reduction} ∂L/∂b[{c}]");
            }
        }
    }

    [Theory]
    [MemberData(nameof(OptionNames))]
    public void Gradients_match_central_differences(string option)
    {
        var problem = Problem<double>.Random(n: 4, d: 3, v: 9, seed: 4, scale: 1);
        CrossEntropyOptions options = Options[option](problem.V);
        var (dh, dw, db, _) = problem.Gradients(Reduction.Mean, options);
        CheckDifferences(problem.H, dh, () => problem.Loss(Reduction.Mean, options), "∂L/∂h");
        CheckDifferences(problem.W, dw, () => problem.Loss(Reduction.Mean, options), "∂L/∂W");
        CheckDifferences(problem.B, db, () => problem.Loss(Reduction.Mean, options), "∂L/∂b");
    }

    [Fact]
    public void Blocks_of_rows_do_not_change_the_result()
    {
        // 530 rows: two blocks of rows, and blocks of 128 classes; a single row is one block of 512 classes. Each row's
        // recurrence runs over the same chunks of classes either way, so its loss has the same bits.
        var problem = Problem<double>.Random(n: 530, d: 5, v: 700, seed: 9, scale: 2);
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1, Weight = ClassWeights(problem.V) };
        double[] batch = new double[problem.N];
        Losses.LinearCrossEntropy<double>(problem.H, problem.W, problem.B, problem.D, problem.Y, batch, options);
        foreach (int r in new[] { 0, 300, 529 })
        {
            double[] alone = new double[1];
            Losses.LinearCrossEntropy<double>(problem.H.AsSpan(r * problem.D, problem.D), problem.W, problem.B, problem.D, problem.Y.AsSpan(r, 1), alone, options);
            Assert.Equal(batch[r], alone[0]);
        }

        // The gradients across both blocks of rows, against the materialised path in double.
        var (dh, dw, db, _) = problem.Gradients(Reduction.Sum, options);
        double[] logits = problem.Logits();
        double[] g = new double[logits.Length];
        Losses.CrossEntropyGradient<double>(logits, problem.V, problem.Y, g, Reduction.Sum, options);
        double[] dhExpected = new double[dh.Length], dwExpected = new double[dw.Length];
        MatrixMultiply.Multiply<double>(g, false, problem.W, false, dhExpected, problem.N, problem.D, problem.V);
        MatrixMultiply.Multiply<double>(g, true, problem.H, false, dwExpected, problem.V, problem.D, problem.N);
        Tolerance.AllClose(dhExpected, dh, 1e-13, 1e-10, "∂L/∂h");
        Tolerance.AllClose(dwExpected, dw, 1e-13, 1e-10, "∂L/∂W");
        double[] dbExpected = Enumerable.Range(0, problem.V).Select(c => Enumerable.Range(0, problem.N).Sum(r => g[(r * problem.V) + c])).ToArray();
        Tolerance.AllClose(dbExpected, db, 1e-13, 1e-10, "∂L/∂b");
    }

    [Fact]
    public void A_tiny_loss_and_its_gradient_keep_their_relative_precision_in_float()
    {
        // d = 1, h = 1: the target's logit is 60, the 99 others 0. L = log1p(99·e^−60) ≈ 8.66e−25, far below float's
        // epsilon relative to 1; ∂L/∂z_y = −rest / (1 + rest) with rest = 99·e^−60, so ∂L/∂h = 60·∂L/∂z_y.
        const int v = 100;
        float[] w = new float[v];
        w[7] = 60;
        double rest = 99 * Math.Exp(-60);
        float[] dh = new float[1], dw = new float[v];
        float loss = Losses.LinearCrossEntropyGradient<float>([1f], w, [], 1, [7], dh, dw, [], Reduction.Sum);
        Tolerance.Close(rest - (rest * rest / 2), loss, 0, 2 * Tolerance.EpsF, "loss");
        Tolerance.Close(-60 * rest / (1 + rest), dh[0], 0, 4 * Tolerance.EpsF, "∂L/∂h");
        Tolerance.Close(-rest / (1 + rest), dw[7], 0, 2 * Tolerance.EpsF, "∂L/∂W of the target");
        Tolerance.Close(Math.Exp(-60) / (1 + rest), dw[0], 0, 2 * Tolerance.EpsF, "∂L/∂W of another class");
    }

    [Fact]
    public void Nearly_uniform_rows_with_full_smoothing_keep_the_gradient_accurate_in_float()
    {
        // Issue 19, item 5's row as logits: x_j = 1e−3·((37·j mod 11) − 5) through d = 1, h = 1, C = 1024, smoothing 1.
        // G_j = q_j − 1/C: a difference of two values near 1/C, which float exponentials would get wrong by percent.
        const int v = 1024;
        float[] w = Enumerable.Range(0, v).Select(j => 1e-3f * (((37 * j) % 11) - 5)).ToArray();
        float[] dh = new float[1], dw = new float[v];
        Losses.LinearCrossEntropyGradient<float>([1f], w, [], 1, [0], dh, dw, [], Reduction.Sum, new() { LabelSmoothing = 1 });
        double[] x = Array.ConvertAll(w, z => (double)z);
        double max = x.Max(), s = x.Sum(z => Math.Exp(z - max));
        for (int j = 0; j < v; j++)
        {
            double expected = (Math.Exp(x[j] - max) / s) - (1.0 / v);
            Tolerance.Close(expected, dw[j], 1e-6 * Math.Abs(expected), 2 * Tolerance.EpsF, $"∂L/∂W[{j}]");
        }
    }

    [Fact]
    public void No_rows_give_sum_zero_and_mean_NaN_with_their_gradients()
    {
        float[] w = [1, 2, 3, 4, 5, 6];
        Assert.Equal(0f, Losses.LinearCrossEntropy<float>([], w, [], 2, [], Reduction.Sum));
        Assert.True(float.IsNaN(Losses.LinearCrossEntropy<float>([], w, [], 2, [])));
        float[] dw = [9, 9, 9, 9, 9, 9], db = [9, 9, 9];
        Assert.Equal(0f, Losses.LinearCrossEntropyGradient<float>([], w, [0, 0, 0], 2, [], [], dw, db, Reduction.Sum));
        Assert.All(dw, x => Assert.Equal(0f, x));
        Assert.All(db, x => Assert.Equal(0f, x));
        Losses.LinearCrossEntropyGradient<float>([], w, [0, 0, 0], 2, [], [], dw, db);
        Assert.All(dw, x => Assert.True(float.IsNaN(x)));
    }

    [Fact]
    public void All_rows_ignored_give_NaN_mean_and_NaN_gradients_and_zero_sum()
    {
        var problem = Problem<double>.Random(n: 5, d: 3, v: 6, seed: 6, scale: 1);
        int[] ignored = [-100, -100, -100, -100, -100];
        Assert.True(double.IsNaN(Losses.LinearCrossEntropy<double>(problem.H, problem.W, problem.B, problem.D, ignored)));
        Assert.Equal(0, Losses.LinearCrossEntropy<double>(problem.H, problem.W, problem.B, problem.D, ignored, Reduction.Sum));
        double[] dh = new double[problem.H.Length], dw = new double[problem.W.Length], db = new double[problem.V];
        Losses.LinearCrossEntropyGradient<double>(problem.H, problem.W, problem.B, problem.D, ignored, dh, dw, db);
        Assert.All(dh.Concat(dw).Concat(db), x => Assert.True(double.IsNaN(x)));
        Losses.LinearCrossEntropyGradient<double>(problem.H, problem.W, problem.B, problem.D, ignored, dh, dw, db, Reduction.Sum);
        Assert.All(dh.Concat(dw).Concat(db), x => Assert.Equal(0, x));
    }

    [Fact]
    public void An_overflowing_logit_throws_naming_row_and_class()
    {
        // 1e20 · 1e20 = 1e40 overflows float; the inputs themselves are finite.
        float[] h = [0, 0, 1e20f, 1e20f];
        float[] w = [1, 1, 1e20f, 1e20f, 0, 0];
        var e = Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, [], 2, [0, 0]));
        Assert.Equal("hidden", e.ParamName);
        Assert.Contains("row 1, class 1", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Bad_input_is_refused_naming_the_argument_and_index()
    {
        float[] h = new float[8], w = new float[12], b = new float[3];
        int[] y = [0, 1];
        float[] dh = new float[8], dw = new float[12], db = new float[3];
        Assert.Equal("hiddenSize", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 0, y)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, new float[10], b, 4, y)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, [], [], 4, y)).ParamName);
        Assert.Equal("hidden", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, [0])).ParamName);
        Assert.Equal("bias", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, new float[2], 4, y)).ParamName);

        float[] bad = new float[12];
        bad[5] = float.NaN;
        var nan = Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, bad, b, 4, y));
        Assert.Equal("weight", nan.ParamName);
        Assert.Contains("weight[5] (row 1, column 1) is NaN", nan.Message, StringComparison.Ordinal);
        float[] infinite = new float[8];
        infinite[6] = float.NegativeInfinity;
        Assert.Contains("hidden[6] (row 1, column 2)", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(infinite, w, b, 4, y)).Message, StringComparison.Ordinal);
        Assert.Contains("bias[2]", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, [0, 0, float.PositiveInfinity], 4, y)).Message, StringComparison.Ordinal);

        var target = Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, [0, 3]));
        Assert.Equal("targets", target.ParamName);
        Assert.Contains("targets[1] = 3", target.Message, StringComparison.Ordinal);
        Assert.Equal("options", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, y, options: new() { Weight = [1, 2] })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, y, options: new() { LabelSmoothing = 1.5 })).ParamName);
        Assert.Equal("options", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, y, options: new() { MaxDegreeOfParallelism = 0 })).ParamName);
        Assert.Equal("reduction", Assert.Throws<ArgumentOutOfRangeException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, y, (Reduction)7)).ParamName);
        Assert.Throws<NotSupportedException>(() => Losses.LinearCrossEntropy<Half>(new Half[8], new Half[12], [], 4, y));

        Assert.Equal("losses", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropy<float>(h, w, b, 4, y, new float[3])).ParamName);
        Assert.Equal("hiddenGradient", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropyGradient<float>(h, w, b, 4, y, new float[7], dw, db)).ParamName);
        Assert.Equal("weightGradient", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropyGradient<float>(h, w, b, 4, y, dh, new float[11], db)).ParamName);
        Assert.Equal("biasGradient", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropyGradient<float>(h, w, b, 4, y, dh, dw, new float[2])).ParamName);
        Assert.Equal("weightGradient", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropyGradient<float>(h, w, b, 4, y, dh, w, db)).ParamName);
        float[] shared = new float[20];
        Assert.Equal("weightGradient", Assert.Throws<ArgumentException>(() => Losses.LinearCrossEntropyGradient<float>(h, w, b, 4, y, shared.AsSpan(0, 8), shared.AsSpan(7, 12), db)).ParamName);
        Assert.Equal("logits", Assert.Throws<ArgumentException>(() => Losses.LinearLogits<float>(h, w, b, 4, new float[5])).ParamName);
    }

    [Fact]
    public void Extra_memory_is_one_block_whatever_N_and_V()
    {
        // Documented bound: one block of logits, the multiply's packing buffers, and per-row state of one block of rows.
        long bound = (Losses.LinearBlockEntries * sizeof(float)) + MatrixMultiply.Workspace<float>.Bytes + (Losses.LinearMaxRowBlock * 64) + (4 << 10);
        long small = Allocated(n: 600, v: 1500);
        long large = Allocated(n: 1100, v: 6000);
        Assert.True(small <= bound, $"allocated {small} bytes > bound {bound}");
        Assert.True(large <= bound, $"allocated {large} bytes > bound {bound}");
        Assert.True(small == large, $"allocated {small} bytes at N = 600, V = 1500 but {large} at N = 1,100, V = 6,000: must not grow with N or V once N fills a block");

        static long Allocated(int n, int v)
        {
            var problem = Problem<float>.Random(n, d: 16, v, seed: 7, scale: 1);
            float[] dh = new float[problem.H.Length], dw = new float[problem.W.Length], db = new float[v];
            Losses.LinearCrossEntropyGradient<float>(problem.H, problem.W, problem.B, problem.D, problem.Y, dh, dw, db);
            long before = GC.GetAllocatedBytesForCurrentThread();
            Losses.LinearCrossEntropyGradient<float>(problem.H, problem.W, problem.B, problem.D, problem.Y, dh, dw, db);
            return GC.GetAllocatedBytesForCurrentThread() - before;
        }
    }

    [Fact]
    public void Logits_are_fma_chains_plus_bias()
    {
        var problem = Problem<float>.Random(n: 3, d: 300, v: 40, seed: 8, scale: 1);
        float[] logits = problem.Logits();
        for (int r = 0; r < problem.N; r++)
        {
            for (int c = 0; c < problem.V; c++)
            {
                float chain = 0;
                for (int k = 0; k < problem.D; k++)
                {
                    chain = MathF.FusedMultiplyAdd(problem.H[(r * problem.D) + k], problem.W[(c * problem.D) + k], chain);
                }

                Assert.Equal(chain + problem.B[c], logits[(r * problem.V) + c]);
            }
        }
    }

    /// <summary>|expected − actual| ≤ (2K + 8)·u·(|G|·|B|) entry by entry, K the inner dimension of the product.</summary>
    private static void CloseProducts(
        float[] g, int n, int v, float[] b, int d, bool transposeG, float[] expected, float[] actual, string what)
    {
        int rows = transposeG ? v : n, depth = transposeG ? n : v;
        for (int i = 0; i < rows; i++)
        {
            for (int k = 0; k < d; k++)
            {
                double magnitude = 0;
                for (int p = 0; p < depth; p++)
                {
                    float gValue = transposeG ? g[(p * v) + i] : g[(i * v) + p];
                    magnitude += Math.Abs(gValue * b[(p * d) + k]);
                }

                Tolerance.Close(expected[(i * d) + k], actual[(i * d) + k], ((2 * depth) + 8) * Tolerance.EpsF * magnitude, 0, $"{what}[{i},{k}]");
            }
        }
    }

    private static void CheckDifferences(double[] parameter, double[] gradient, Func<double> loss, string what)
    {
        const double step = 1e-5;
        for (int i = 0; i < parameter.Length; i++)
        {
            double saved = parameter[i];
            parameter[i] = saved + step;
            double up = loss();
            parameter[i] = saved - step;
            double down = loss();
            parameter[i] = saved;
            Tolerance.Close((up - down) / (2 * step), gradient[i], 1e-8, 1e-6, $"{what}[{i}]");
        }
    }

    private static double[] ClassWeights(int v) => Enumerable.Range(0, v).Select(c => 0.5 + (c % 4)).ToArray();

    /// <summary>Random hidden states, weights, bias and targets (every 7th target ignorable by <see cref="Ignore"/>).</summary>
    private sealed record Problem<T>(T[] H, T[] W, T[] B, int[] Y, int N, int D, int V)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public static Problem<T> Random(int n, int d, int v, int seed, double scale)
        {
            var rng = new Random(seed);
            T Next() => T.CreateChecked(((rng.NextDouble() * 2) - 1) * scale);
            T[] h = Enumerable.Range(0, n * d).Select(_ => Next()).ToArray();
            T[] w = Enumerable.Range(0, v * d).Select(_ => Next()).ToArray();
            T[] b = Enumerable.Range(0, v).Select(_ => Next()).ToArray();
            int[] y = Enumerable.Range(0, n).Select(r => r % 7 == 3 ? Ignore : rng.Next(v)).ToArray();
            return new(h, w, b, y, n, d, v);
        }

        public T[] Logits()
        {
            var logits = new T[N * V];
            Losses.LinearLogits<T>(H, W, B, D, logits);
            return logits;
        }

        public T Loss(Reduction reduction, CrossEntropyOptions options) =>
            Losses.LinearCrossEntropy<T>(H, W, B, D, Y, reduction, options);

        public (T[] Dh, T[] Dw, T[] Db, T Loss) Gradients(Reduction reduction, CrossEntropyOptions options)
        {
            T[] dh = new T[H.Length], dw = new T[W.Length], db = new T[V];
            T loss = Losses.LinearCrossEntropyGradient<T>(H, W, B, D, Y, dh, dw, db, reduction, options);
            return (dh, dw, db, loss);
        }
    }
}
