using System.Runtime.Intrinsics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Each pass of the row kernel on rows long enough for its vector loops (four interleaved maxima, full vectors, a tail):
/// the maximum found wherever it sits, NaN and +∞ named from every pass (loss, ignored row, gradient), logits far from 0
/// in the gradient's exponentials, and the kernel's own exponential against the platform's.
/// </summary>
public class RowKernelPassTests
{
    // 203 = 12 float vectors + 11, 25 double vectors + 3: the four-way maximum loop, its remainder loop and a tail.
    private const int Classes = 203;

    private static double[] Noise(int seed, int length)
    {
        var rng = new Random(seed);
        return Enumerable.Range(0, length).Select(_ => (rng.NextDouble() * 2) - 1).ToArray();
    }

    /// <summary>−log softmax(x)_y in double, from the definition: (max − x_y) + log(1 + rest), rest = Σ_{i≠k} e^{x_i − max}.</summary>
    private static double Reference(double[] x, int y)
    {
        double max = x.Max();
        int k = Array.IndexOf(x, max);
        double rest = x.Where((_, i) => i != k).Sum(v => Math.Exp(v - max));
        // log(1 + r) by its series where 1 + r would round away r's digits (|error| < r⁵/5).
        double log1p = rest < 1e-4 ? rest - (rest * rest / 2) + (rest * rest * rest / 3) - (rest * rest * rest * rest / 4) : Math.Log(1 + rest);
        return (max - x[y]) + log1p;
    }

    [Fact]
    public void The_row_maximum_is_found_at_every_position()
    {
        double[] noise = Noise(1, Classes);
        for (int p = 0; p < Classes; p++)
        {
            double[] x = (double[])noise.Clone();
            x[p] = 40; // the unique maximum: missing it leaves a loss near 40 instead of near 0
            double expected = Reference(x, p);
            Tolerance.Close(expected, Losses.CrossEntropy<double>(x, Classes, [p]), 0, 8 * Tolerance.EpsD, $"double, maximum at {p}");
            float[] single = x.Select(v => (float)v).ToArray();
            Tolerance.Close(Reference(single.Select(v => (double)v).ToArray(), p), Losses.CrossEntropy<float>(single, Classes, [p]), 0, 8 * Tolerance.EpsF, $"float, maximum at {p}");
            var gradient = new double[Classes];
            Losses.CrossEntropyGradient<double>(x, Classes, [p], gradient);
            // 1 − q_p = 1 − e^{−loss} = loss · (1 − loss / 2 + …), and the loss is about 1e−15 here.
            Tolerance.Close(expected * (1 - (expected / 2)), -gradient[p], 0, 8 * Tolerance.EpsD, $"gradient, maximum at {p}");
        }
    }

    public static TheoryData<int, int> BadPositions => new()
    {
        { 40, 3 },          // a body vector (float), body vectors (double)
        { 40, 37 },         // the tail
        { 5000, 4100 },     // the third block of 2048
        { 5000, 4999 },     // the last block's tail
        { 5000, 0 },        // the first entry (the loss's maximum may pass over a NaN: it is found in the sum)
        { 5000, 2048 + 17 }, // the second block's four-way loop
    };

    [Theory]
    [MemberData(nameof(BadPositions))]
    public void Bad_logits_in_long_rows_are_named_by_every_pass(int classes, int column)
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            double[] x = Noise(2, 2 * classes);
            x[classes + column] = bad;
            string where = $"logits[{classes + column}] (row 1, class {column}) is {(double.IsNaN(bad) ? "NaN" : "+∞")}";
            foreach (int[] targets in new[] { new[] { 0, 1 }, new[] { 0, CrossEntropyOptions.DefaultIgnoreIndex } })
            {
                Assert.Contains(where, Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(x, classes, targets)).Message);
                Assert.Contains(where, Assert.Throws<ArgumentException>(
                    () => Losses.CrossEntropy<float>(x.Select(v => (float)v).ToArray(), classes, targets)).Message);
                Assert.Contains(where, Assert.Throws<ArgumentException>(
                    () => Losses.CrossEntropyGradient<double>(x, classes, targets, new double[x.Length])).Message);
            }

            double[] uniform = Enumerable.Repeat(1.0 / classes, 2 * classes).ToArray();
            Assert.Contains(where, Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(x, classes, uniform)).Message);
            Assert.Contains(where, Assert.Throws<ArgumentException>(
                () => Losses.CrossEntropyGradient<double>(x, classes, uniform, new double[x.Length])).Message);
        }
    }

    // The loss's pass finds a NaN through the sum, after its maximum may have passed over it: the message must still
    // name the first NaN, before a +∞ or after one, and in a row whose other entries are all −∞ (M = −∞).
    [Theory]
    [InlineData(5000, 100, 3000)]
    [InlineData(5000, 3000, 100)]
    [InlineData(64, 20, 40)]
    public void The_first_nan_is_named_before_any_infinity(int classes, int nanColumn, int infinityColumn)
    {
        foreach (double filler in new[] { 0.5, double.NegativeInfinity })
        {
            double[] x = Enumerable.Repeat(filler, classes).ToArray();
            x[nanColumn] = double.NaN;
            x[infinityColumn] = double.PositiveInfinity;
            string where = $"logits[{nanColumn}] (row 0, class {nanColumn}) is NaN";
            Assert.Contains(where, Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(x, classes, [0])).Message);
            Assert.Contains(where, Assert.Throws<ArgumentException>(
                () => Losses.CrossEntropy<float>(x.Select(v => (float)v).ToArray(), classes, [0])).Message);
            x[infinityColumn] = filler;
            Assert.Contains(where, Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<double>(x, classes, [0])).Message);
        }
    }

    // The exponential scales by 2^n in one step when every lane's result is normal, in two steps otherwise (subnormal
    // results): one lane far below sends a whole vector the second way, and each lane must come out the same.
    [Fact]
    public void Both_scalings_of_the_exponential_give_the_same_bits()
    {
        const float m = 3.25f;
        for (float x = m; x > m - 87.5f; x -= 0.0071f)
        {
            float alone = RowKernel.ExpOfDifference(Vector512.Create(x), Vector512.Create(m)).ToScalar();
            float mixed = RowKernel.ExpOfDifference(Vector512.Create(m - 100f).WithElement(0, x), Vector512.Create(m)).ToScalar();
            Assert.True(BitConverter.SingleToInt32Bits(alone) == BitConverter.SingleToInt32Bits(mixed), $"float e^({x} − {m}): {alone} alone, {mixed} beside a subnormal");
        }

        for (double x = m; x > m - 709; x -= 0.0517)
        {
            double alone = RowKernel.ExpOfDifference(Vector512.Create(x), Vector512.Create((double)m)).ToScalar();
            double mixed = RowKernel.ExpOfDifference(Vector512.Create(m - 740.0).WithElement(0, x), Vector512.Create((double)m)).ToScalar();
            Assert.True(BitConverter.DoubleToInt64Bits(alone) == BitConverter.DoubleToInt64Bits(mixed), $"double e^({x} − {m}): {alone} alone, {mixed} beside a subnormal");
        }
    }

    // The gradient writes each term against its block's running maximum and rescales blocks afterwards; rows longer
    // than 256 blocks compute each exponential again instead. Rows whose maximum rises block after block, rows that
    // start with whole blocks of −∞, and a row past the stack limit: every entry within a few ulps of softmax − one-hot
    // formed in double (the float row's values taken as exact), in place and not.
    public static TheoryData<string, int> BlockShiftRows => new()
    {
        { "rising", (3 * RowKernel.BlockLength) + 5 },
        { "masked first blocks", (3 * RowKernel.BlockLength) + 5 },
        { "rising, past the stack limit", (256 * RowKernel.BlockLength) + 17 },
    };

    [Theory]
    [MemberData(nameof(BlockShiftRows))]
    public void Gradient_terms_rescaled_per_block_are_softmax_minus_one_hot(string shape, int classes)
    {
        double[] noise = Noise(5, classes);
        // Multiples of 2^−20, so that the reference's differences x − max are exact in double too.
        double[] x = shape.StartsWith("rising", StringComparison.Ordinal)
            ? noise.Select((v, i) => Math.Round(((6.0 * i / classes) + v) * 1048576.0) / 1048576.0).ToArray() // each block's maximum above the last
            : noise.Select((v, i) => i < 2 * RowKernel.BlockLength + 3 ? double.NegativeInfinity : Math.Round(v * 4 * 1048576.0) / 1048576.0).ToArray();
        int y = classes - 7;
        foreach (bool inPlace in new[] { false, true })
        {
            float[] single = x.Select(v => (float)v).ToArray();
            double[] exact = ReferenceGradient(single.Select(v => (double)v).ToArray(), y);
            float[] g = inPlace ? single : new float[classes];
            Losses.CrossEntropyGradient<float>(single, classes, [y], g, Reduction.Sum);
            for (int j = 0; j < classes; j++)
            {
                Tolerance.Close(exact[j], g[j], 1e-44, 3 * Tolerance.EpsF, $"float {shape}, in place {inPlace}, entry {j}");
            }

            double[] copy = (double[])x.Clone();
            exact = ReferenceGradient(x, y);
            double[] gd = inPlace ? copy : new double[classes];
            Losses.CrossEntropyGradient<double>(copy, classes, [y], gd, Reduction.Sum);
            for (int j = 0; j < classes; j++)
            {
                Tolerance.Close(exact[j], gd[j], 1e-300, 4 * Tolerance.EpsD, $"double {shape}, in place {inPlace}, entry {j}");
            }
        }
    }

    [Theory]
    [InlineData(1, 1)]
    [InlineData(2048, 1)]
    [InlineData(2049, 2)]
    [InlineData((256 * 2048) + 1, 257)]
    public void A_row_has_as_many_blocks_as_its_entries_fill(int length, int blocks) =>
        Assert.Equal(blocks, RowKernel.BlockCount(length));

    // Both gradient paths write whole vectors: none may write past the row's end (the next row would hide it, the
    // array's end would not). A sentinel after the last row must survive, for a row on each side of the stack limit.
    [Theory]
    [InlineData((3 * 2048) + 5)]
    [InlineData((256 * 2048) + 17)]
    public void The_gradient_writes_nothing_past_its_destination(int classes)
    {
        float[] x = Noise(8, classes).Select(v => (float)v).ToArray();
        var buffer = new float[classes + 32];
        Array.Fill(buffer, 7f);
        Losses.CrossEntropyGradient<float>(x, classes, [3], buffer.AsSpan(0, classes));
        Assert.All(buffer[classes..], v => Assert.Equal(7f, v));
    }

    /// <summary>softmax(x) − one-hot(y): each e^{x_j − max} by Math.Exp of a difference the caller keeps exact, summed compensated (Neumaier).</summary>
    private static double[] ReferenceGradient(double[] x, int y)
    {
        double max = x.Max();
        double[] e = x.Select(v => Math.Exp(v - max)).ToArray();
        double sum = 0, compensation = 0;
        foreach (double v in e)
        {
            double t = sum + v;
            compensation += Math.Abs(sum) >= Math.Abs(v) ? (sum - t) + v : (v - t) + sum;
            sum = t;
        }

        sum += compensation;
        return e.Select((v, j) => (v / sum) - (j == y ? 1 : 0)).ToArray();
    }

    // In place the terms are written block by block over the logits, so a bad logit in a later block must be named
    // before the first block is overwritten: the logits are left as they were.
    [Fact]
    public void In_place_gradient_names_a_bad_logit_before_writing()
    {
        foreach (double bad in new[] { double.NaN, double.PositiveInfinity })
        {
            float[] x = Noise(6, 5000).Select(v => (float)v).ToArray();
            x[4500] = (float)bad;
            float[] before = (float[])x.Clone();
            var e = Assert.Throws<ArgumentException>(() => Losses.CrossEntropyGradient<float>(x, 5000, [1], x));
            Assert.Contains($"logits[4500] (row 0, class 4500) is {(double.IsNaN(bad) ? "NaN" : "+∞")}", e.Message, StringComparison.Ordinal);
            Assert.True(before.AsSpan().SequenceEqual(x) || double.IsNaN(bad), "logits overwritten before the throw");
            Assert.Equal(before.Select(BitConverter.SingleToInt32Bits), x.Select(BitConverter.SingleToInt32Bits));
        }
    }

    // Large positive logits: the exponentials are of x − max ≤ 0 only; e^{x} itself would overflow.
    [Theory]
    [InlineData(3)]
    [InlineData(40)]
    public void Gradient_of_logits_far_from_zero_is_softmax_minus_one_hot(int classes)
    {
        double[] x = Noise(3, classes).Select(v => 3e4 + (v * 5)).ToArray();
        double max = x.Max();
        double normaliser = x.Sum(v => Math.Exp(v - max));
        foreach (double offset in new[] { 0.0, -6e4 })
        {
            double[] shifted = x.Select(v => v + offset).ToArray();
            var gradient = new double[classes];
            Losses.CrossEntropyGradient<double>(shifted, classes, [1], gradient, Reduction.Sum);
            for (int c = 0; c < classes; c++)
            {
                double q = Math.Exp(x[c] - max) / normaliser;
                Tolerance.Close(q - (c == 1 ? 1 : 0), gradient[c], 1e-15, 8 * Tolerance.EpsD, $"offset {offset}, class {c}");
            }
        }
    }

    // The kernel's exponentials against the platform's (glibc's are within 1 ulp): float within 1 ulp over the normal
    // range, then as close as the subnormal grid allows; double within 1 ulp. The low part of ln 2 matters from about
    // |x| > 20 on: without it (or with its sign flipped) the float error reaches several ulps.
    [Fact]
    public void Kernel_exponential_is_within_an_ulp_of_the_platform()
    {
        for (float x = 0; x > -104f; x -= 0.013f)
        {
            float actual = RowKernel.ExpNonPositive(Vector512.Create(x)).ToScalar();
            double exact = Math.Exp(x);
            double ulp = exact < 1.1754944e-38 ? float.Epsilon : Math.ScaleB(1.0, Math.ILogB((float)exact) - 23);
            Assert.True(Math.Abs(actual - exact) <= ulp, $"float e^{x}: {actual}, exact {exact}");
        }

        for (double x = 0; x > -708; x -= 0.0917)
        {
            double actual = RowKernel.ExpNonPositive(Vector512.Create(x)).ToScalar();
            double expected = Math.Exp(x);
            Assert.True(Math.Abs(actual - expected) <= Math.ScaleB(1.0, Math.ILogB(expected) - 52), $"double e^{x}: {actual}, expected {expected}");
        }
    }

    // The transposition of a group writes without bounds checks, so a group larger than a vector must be refused.
    [Fact]
    public void A_group_of_short_rows_holds_at_most_one_row_per_lane()
    {
        float[] x = new float[17 * 2];
        var e = Assert.Throws<ArgumentOutOfRangeException>(
            () => RowKernel.AnalyseShortRows<float>(x, 2, 0, 17, "logits", out _, out _));
        Assert.Equal("rowCount", e.ParamName);
        Assert.Contains("1 to 16 rows", e.Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentOutOfRangeException>(() => RowKernel.AnalyseShortRows<float>(x, 2, 0, 0, "logits", out _, out _));
        Assert.Throws<ArgumentOutOfRangeException>(() => RowKernel.AnalyseShortRows<float>(x, 2, 16, 2, "logits", out _, out _)); // past the batch
        RowKernel.AnalyseShortRows<float>(x, 2, 1, 16, "logits", out var max, out var rest);
        Assert.Equal(0f, max.ToScalar());
        Assert.Equal(1f, rest.ToScalar()); // two tied entries of 0: one is the maximum, the other adds e^0 = 1
    }

    // Rows no longer than a vector (16 float, 8 double) are computed one per lane, each lane adding its row's entries in
    // entry order (which is what keeps their bits independent of the vector width): the loss has exactly the bits of
    // that sequential sum, with the kernel's exponential and the ties with the maximum counted, up to C = lanes.
    [Theory]
    [InlineData(1)]
    [InlineData(5)]
    [InlineData(16)]
    public void Short_float_rows_are_summed_in_entry_order(int classes) => ShortRowsInEntryOrder<float>(classes);

    [Theory]
    [InlineData(3)]
    [InlineData(8)]
    public void Short_double_rows_are_summed_in_entry_order(int classes) => ShortRowsInEntryOrder<double>(classes);

    private static void ShortRowsInEntryOrder<T>(int classes)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        const int rows = 40;
        var rng = new Random(classes);
        T[] x = Enumerable.Range(0, rows * classes).Select(i => T.CreateTruncating(i % 7 == 0 ? 3.0 : (rng.NextDouble() * 8) - 4)).ToArray();
        int[] targets = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        var losses = new T[rows];
        Losses.CrossEntropy<T>(x, classes, targets, losses);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.AsSpan(r * classes, classes);
            T max = T.NegativeInfinity;
            foreach (T v in row)
            {
                max = T.Max(max, v);
            }

            T rest = T.Zero;
            int ties = 0;
            foreach (T v in row)
            {
                if (v == max)
                {
                    ties++;
                }
                else
                {
                    rest += KernelExpLane.ExpOfDifference(v, max);
                }
            }

            rest += T.CreateTruncating(ties - 1);
            // The lanes sum in T; the loss itself is formed in double from them and rounded once.
            double loss = (double.CreateChecked(max) - double.CreateChecked(row[targets[r]])) + StableMath.LogP1(double.CreateChecked(rest));
            Assert.Equal(T.CreateChecked(loss), losses[r]);
        }
    }

    // Soft targets: the gradient entry of the row's most likely class is formed as a complement. Row 1's most likely
    // class is 1, not row 0's: q_0 = σ(−30) = 9.357622968839299e−14 must keep its digits, which 1 − (1 − q_0) would lose.
    [Fact]
    public void Soft_target_gradient_takes_each_rows_own_most_likely_class()
    {
        double[] x = [0, -30, -30, 0];
        double[] targets = [1, 0, 0, 1];
        var gradient = new double[4];
        Losses.CrossEntropyGradient<double>(x, 2, targets, gradient, Reduction.Sum);
        const double q = 9.357622968839299e-14; // σ(−30) = e^{−30} / (1 + e^{−30}), from 40-digit arithmetic
        Tolerance.Ulps(-q, gradient[0], 8);
        Tolerance.Ulps(q, gradient[1], 8);
        Tolerance.Ulps(q, gradient[2], 8);
        Tolerance.Ulps(-q, gradient[3], 8);
    }

}

internal static class KernelExpLane
{
    /// <summary>The kernel's e^{x − m} (one lane), for float or double.</summary>
    public static T ExpOfDifference<T>(T x, T m)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? (T)(object)RowKernel.ExpOfDifference(Vector512.Create((float)(object)x), Vector512.Create((float)(object)m)).ToScalar()
            : (T)(object)RowKernel.ExpOfDifference(Vector512.Create((double)(object)x), Vector512.Create((double)(object)m)).ToScalar();
}
