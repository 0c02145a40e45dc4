using CrossEntropy.Numerics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The fused row kernel under Losses.CrossEntropy and its gradient: rows longer than one block (so the running maximum
/// rises and the sum is rescaled), ties with the maximum, validation inside the streaming pass, and the parallel path's
/// promise of the same bits as the serial one.
/// </summary>
public class RowKernelTests
{
    private const int Classes = 5000; // more than two kernel blocks of 2048

    /// <summary>Row 0 rises from start to end (a rescale in every block); row 1 has its maximum first; row 2 is flat noise.</summary>
    private static double[] LongRows()
    {
        var rng = new Random(3);
        var x = new double[3 * Classes];
        for (int c = 0; c < Classes; c++)
        {
            x[c] = (c / 250.0) + rng.NextDouble();
            x[Classes + c] = c == 0 ? 30 : rng.NextDouble() * 10;
            x[(2 * Classes) + c] = (rng.NextDouble() * 40) - 20;
        }

        return x;
    }

    [Fact]
    public void Long_rows_match_the_decimal_reference()
    {
        double[] x = LongRows();
        int[] targets = [Classes - 1, 0, 1234];
        var losses = new double[3];
        Losses.CrossEntropy<double>(x, Classes, targets, losses);
        for (int r = 0; r < 3; r++)
        {
            ReadOnlySpan<double> row = x.AsSpan(r * Classes, Classes);
            double expected = (double)(HighPrecision.LogSumExp(row) - HighPrecision.ToDecimal(row[targets[r]]));
            Tolerance.Close(expected, losses[r], 0, 8 * Tolerance.EpsD, $"row {r}");
        }
    }

    [Fact]
    public void Long_float_rows_match_the_double_result()
    {
        float[] x = LongRows().Select(v => (float)v).ToArray();
        int[] targets = [Classes - 1, 0, 1234];
        var single = new float[3];
        var reference = new double[3];
        Losses.CrossEntropy<float>(x, Classes, targets, single);
        Losses.CrossEntropy<double>(x.Select(v => (double)v).ToArray(), Classes, targets, reference);
        for (int r = 0; r < 3; r++)
        {
            Tolerance.Close(reference[r], single[r], 0, 8 * Tolerance.EpsF, $"row {r}");
        }
    }

    [Fact]
    public void Long_row_gradient_matches_softmax_minus_one_hot()
    {
        double[] x = LongRows();
        int[] targets = [Classes - 1, 0, 1234];
        var gradient = new double[x.Length];
        Losses.CrossEntropyGradient<double>(x, Classes, targets, gradient, Reduction.Sum);
        for (int r = 0; r < 3; r++)
        {
            decimal[] q = HighPrecision.Softmax(x.AsSpan(r * Classes, Classes));
            for (int c = 0; c < Classes; c += 97)
            {
                double expected = (double)(q[c] - (c == targets[r] ? 1 : 0));
                // The normaliser sums 5000 terms, about 300 per lane in sequence: its rounding is the relative tolerance.
                // q − 1 at the target cancels (q ≈ 1 in row 1): an absolute error of a few ε is inherent there.
                Tolerance.Close(expected, gradient[(r * Classes) + c], 4 * Tolerance.EpsD, 32 * Tolerance.EpsD, $"row {r}, class {c}");
            }
        }
    }

    [Fact]
    public void Ties_with_the_maximum_are_exact_ones()
    {
        // −log softmax([3, 3, 3, 1])_0 = log(3 + e^−2); the two other maxima add exactly 2 to the rest.
        double expected = Math.Log(3 + Math.Exp(-2));
        Tolerance.Ulps(expected, Losses.CrossEntropy<double>([3, 3, 3, 1], 4, [0]), 2);
        // A tied maximum in a later block than the first one; 4998 equal terms e^−5, about 300 per lane in sequence.
        double[] row = new double[Classes];
        row[10] = 5;
        row[4500] = 5;
        double reference = (double)(HighPrecision.LogSumExp(row) - 5);
        Tolerance.Close(reference, Losses.CrossEntropy<double>(row, Classes, [4500]), 0, 16 * Tolerance.EpsD);
    }

    [Fact]
    public void A_bad_logit_in_a_later_block_is_named_by_index_NaN_first()
    {
        double[] row = new double[Classes];
        row[100] = double.PositiveInfinity;
        row[4100] = double.NaN;
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(row, Classes, [0]));
        Assert.Contains("logits[4100] (row 0, class 4100) is NaN", e.Message, StringComparison.Ordinal);
        row[4100] = 0;
        e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<float>(row.Select(v => (float)v).ToArray(), Classes, [0]));
        Assert.Contains("logits[100] (row 0, class 100) is +∞", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Short_rows_one_per_lane_match_the_decimal_reference_and_the_edge_cases()
    {
        // 21 rows of 10: a full group of 16 float rows (8 double) and a partial one; ties, masks, an ignored row.
        const int rows = 21, classes = 10;
        var rng = new Random(5);
        double[] x = Enumerable.Range(0, rows * classes).Select(_ => (rng.NextDouble() * 30) - 15).ToArray();
        x[3 * classes] = x[(3 * classes) + 4] = 20;                        // row 3: tied maximum
        x[(5 * classes) + 2] = double.NegativeInfinity;                    // row 5: a masked class (the target)
        for (int c = 0; c < classes; c++)
        {
            x[(7 * classes) + c] = double.NegativeInfinity;                // row 7: no distribution
        }

        int[] targets = Enumerable.Range(0, rows).Select(r => r % classes).ToArray();
        targets[5] = 2;
        targets[9] = CrossEntropyOptions.DefaultIgnoreIndex;
        var losses = new double[rows];
        Losses.CrossEntropy<double>(x, classes, targets, losses);
        for (int r = 0; r < rows; r++)
        {
            if (r is 5 or 7 or 9)
            {
                continue;
            }

            ReadOnlySpan<double> row = x.AsSpan(r * classes, classes);
            double expected = (double)(HighPrecision.LogSumExp(row) - HighPrecision.ToDecimal(row[targets[r]]));
            Tolerance.Close(expected, losses[r], 0, 4 * Tolerance.EpsD, $"row {r}");
        }

        Assert.Equal(double.PositiveInfinity, losses[5]);
        Assert.True(double.IsNaN(losses[7]));
        Assert.Equal(0, losses[9]);

        float[] single = x.Select(v => (float)v).ToArray();
        single[(18 * classes) + 6] = float.NaN;
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<float>(single, classes, targets));
        Assert.Contains("logits[186] (row 18, class 6) is NaN", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(-1)]
    public void Parallel_rows_give_the_same_bits_as_serial(int degree)
    {
        var rng = new Random(11);
        const int rows = 70, classes = 1500;
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((rng.NextDouble() * 30) - 15)).ToArray();
        int[] targets = Enumerable.Range(0, rows).Select(r => r % 9 == 0 ? CrossEntropyOptions.DefaultIgnoreIndex : rng.Next(classes)).ToArray();
        var parallel = new CrossEntropyOptions { MaxDegreeOfParallelism = degree, Weight = Enumerable.Range(0, classes).Select(c => 0.5 + (c % 4)).ToArray() };
        var serial = parallel with { MaxDegreeOfParallelism = 1 };

        Assert.Equal(Losses.CrossEntropy<float>(x, classes, targets, options: serial), Losses.CrossEntropy<float>(x, classes, targets, options: parallel));
        Assert.Equal(Losses.CrossEntropy<float>(x, classes, targets, Reduction.Sum, serial), Losses.CrossEntropy<float>(x, classes, targets, Reduction.Sum, parallel));
        float[] serialRows = new float[rows], parallelRows = new float[rows];
        Losses.CrossEntropy<float>(x, classes, targets, serialRows, serial);
        Losses.CrossEntropy<float>(x, classes, targets, parallelRows, parallel);
        Assert.Equal(serialRows, parallelRows);
        float[] serialGradient = new float[x.Length], parallelGradient = new float[x.Length];
        Losses.CrossEntropyGradient<float>(x, classes, targets, serialGradient, options: serial);
        Losses.CrossEntropyGradient<float>(x, classes, targets, parallelGradient, options: parallel);
        Assert.Equal(serialGradient, parallelGradient);
    }

    /// <summary>
    /// Issue 6's range on every path of the kernel: short rows (C = 10 float, one per lane), serially and in parallel
    /// (4,000 rows: above the parallel threshold). Uniform weights far outside float's range are a pure scale, and a
    /// confident, correct row keeps its tiny target-class gradient instead of cancelling to 0.
    /// </summary>
    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void Short_and_parallel_rows_keep_the_extended_range(int degree)
    {
        var rng = new Random(5);
        const int rows = 4000, classes = 10;
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((rng.NextDouble() * 20) - 10)).ToArray();
        int[] targets = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        x.AsSpan(0, classes).Clear();
        x[targets[0]] = 30; // row 0: confident and correct, 1 − q_y ≈ 8.4e−13 is far below float's ulp of 1
        var unweighted = new CrossEntropyOptions { MaxDegreeOfParallelism = degree };
        float mean = Losses.CrossEntropy<float>(x, classes, targets, options: unweighted);
        foreach (double w in new[] { 1e39, 1e-50, double.Epsilon, 1e308 })
        {
            var weighted = unweighted with { Weight = Enumerable.Repeat(w, classes).ToArray() };
            Assert.Equal(mean, Losses.CrossEntropy<float>(x, classes, targets, options: weighted));
        }

        float[] gradient = new float[x.Length];
        Losses.CrossEntropyGradient<float>(x, classes, targets, gradient, options: unweighted);
        double expected = -9 * Math.Exp(-30) / (1 + (9 * Math.Exp(-30))) / rows;
        Assert.Equal(expected, gradient[targets[0]], expected * 1e-6 * -1);
    }

    [Fact]
    public void Parallel_path_reports_the_first_bad_row_like_the_serial_path()
    {
        const int rows = 64, classes = 1000;
        var x = new double[rows * classes];
        x[(50 * classes) + 3] = double.NaN;
        x[(20 * classes) + 7] = double.PositiveInfinity;
        int[] targets = new int[rows];
        var options = new CrossEntropyOptions { MaxDegreeOfParallelism = 2 };
        var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(x, classes, targets, options: options));
        Assert.Contains("(row 20, class 7) is +∞", e.Message, StringComparison.Ordinal);
        e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(x, classes, targets, new double[x.Length], options: options));
        Assert.Contains("(row 20, class 7) is +∞", e.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(0)]
    [InlineData(-2)]
    public void Degree_of_parallelism_must_be_minus_one_or_positive(int degree)
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>([1, 2], 2, [0], options: new CrossEntropyOptions { MaxDegreeOfParallelism = degree }));
        Assert.Equal("options", e.ParamName);
        Assert.Contains("MaxDegreeOfParallelism", e.Message, StringComparison.Ordinal);
    }
}
