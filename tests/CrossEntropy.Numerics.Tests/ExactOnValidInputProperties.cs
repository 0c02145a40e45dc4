using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The classes of defect of the issue-19 sweep (<see cref="ExactOnValidInputTests"/> has one reproduction of each), on
/// generated input: float and Half results against references computed in double, which holds every intermediate of
/// these inputs exactly enough to judge a few ulps of float; double results against references that avoid the
/// overflow or underflow themselves. Each generator draws the sizes and a seed; the rows come from the seed.
/// </summary>
public class ExactOnValidInputProperties
{
    private const int Iterations = 300;

    // ---- Scaled terms that overflow before scaling (smoothing, weights, soft targets) ----

    [Fact]
    public void Float_losses_with_huge_logits_are_within_a_few_ulps_of_the_double_value() =>
        Gen.Select(Gen.Int[2, 6], Gen.Int, Gen.Double[0, 1], Gen.Bool).Sample((classes, seed, smoothing, soft) =>
        {
            var rng = new Random(seed);
            float[] x = Enumerable.Range(0, classes).Select(_ => HugeOrSmall(rng, 3.4e38)).Select(v => (float)v).ToArray();
            double[] w = Enumerable.Range(0, classes).Select(_ => Math.Pow(10, -rng.Next(0, 30))).ToArray();
            var options = new CrossEntropyOptions { LabelSmoothing = smoothing, Weight = w };
            double[] xd = x.Select(v => (double)v).ToArray();
            if (soft)
            {
                float[] t = SoftTarget(rng, classes).Select(v => (float)v).ToArray();
                double exact = SoftLoss(xd, t.Select(v => (double)v).ToArray(), w, smoothing);
                Expect(exact, Losses.CrossEntropy<float>(x, classes, t, Reduction.Sum, options), $"x = {Tolerance.F(xd)}, t = {Tolerance.F(t.Select(v => (double)v).ToArray())}, ε = {smoothing}");
            }
            else
            {
                int y = rng.Next(classes);
                double exact = ClassIndexLoss(xd, y, w, smoothing);
                Expect(exact, Losses.CrossEntropy<float>(x, classes, [y], Reduction.Sum, options), $"x = {Tolerance.F(xd)}, y = {y}, ε = {smoothing}");
            }
        }, iter: Iterations);

    [Fact]
    public void Half_losses_with_huge_logits_are_within_a_few_ulps_of_the_double_value() =>
        Gen.Select(Gen.Int[2, 6], Gen.Int, Gen.Double[0, 1]).Sample((classes, seed, smoothing) =>
        {
            var rng = new Random(seed);
            Half[] x = Enumerable.Range(0, classes).Select(_ => (Half)HugeOrSmall(rng, 65504)).ToArray();
            double[] xd = x.Select(v => (double)v).ToArray();
            int y = rng.Next(classes);
            var options = new CrossEntropyOptions { LabelSmoothing = smoothing };
            Expect(ClassIndexLoss(xd, y, null, smoothing), Losses.CrossEntropy<Half>(x, classes, [y], Reduction.Sum, options), $"x = {Tolerance.F(xd)}, y = {y}");
        }, iter: Iterations);

    // Double logits near ±MaxValue: the loss is linear in the terms, so halving every logit halves every M − x_c; with
    // the rest's log1p negligible at that size, loss(x) = 2·loss(x / 2) to a few ulps, and loss(x / 2) never overflows.
    [Fact]
    public void Double_losses_with_logits_near_MaxValue_are_twice_those_of_the_halved_logits() =>
        Gen.Select(Gen.Int[2, 5], Gen.Int, Gen.Double[0, 1]).Sample((classes, seed, smoothing) =>
        {
            var rng = new Random(seed);
            double[] x = Enumerable.Range(0, classes).Select(_ => (rng.NextDouble() < 0.5 ? -1 : 1) * (0.5 + (rng.NextDouble() * 1.29)) * 1e308).ToArray();
            double[] w = Enumerable.Range(0, classes).Select(_ => Math.Pow(10, -rng.Next(1, 300))).ToArray();
            int y = rng.Next(classes);
            var options = new CrossEntropyOptions { LabelSmoothing = smoothing, Weight = w };
            double full = Losses.CrossEntropy<double>(x, classes, [y], Reduction.Sum, options);
            double half = Losses.CrossEntropy<double>(x.Select(v => v / 2).ToArray(), classes, [y], Reduction.Sum, options);
            Tolerance.Ulps(2 * half, full, 4, $"x = {Tolerance.F(x)}, y = {y}, ε = {smoothing}");
        }, iter: Iterations);

    // ---- Underflow before a weight (binary cross-entropy with logits) ----

    [Fact]
    public void Float_BCE_with_logits_keeps_terms_below_float_range_for_their_weight() =>
        Gen.Select(Gen.Float[-200, -20], Gen.Float[0, 1], Gen.Double[0, 38], Gen.Bool).Sample((x, t, weightPower, negate) =>
        {
            float logit = negate ? -x : x;
            float weight = (float)Math.Pow(10, weightPower);
            double exact = weight * (((1 - (double)t) * Reference.Softplus(logit)) + ((double)t * Reference.Softplus(-(double)logit)));
            Expect(exact, Losses.BinaryCrossEntropyWithLogits<float>([logit], [t], Reduction.Sum, default, [weight]), $"x = {logit}, t = {t}, w = {weight}");
        }, iter: Iterations);

    [Fact]
    public void Double_BCE_with_logits_keeps_terms_below_double_range_for_their_weight() =>
        Gen.Select(Gen.Double[-1400, -700], Gen.Double[200, 308]).Sample((x, weightPower) =>
        {
            double weight = Math.Pow(10, weightPower);
            double exact = Math.Exp(x / 2) * (Math.Exp(x / 2) * weight); // e^x itself is below double's range
            Tolerance.Ulps(exact, Losses.BinaryCrossEntropyWithLogits<double>([x], [0.0], Reduction.Sum, default, [weight]), 8, $"x = {x:R}, w = {weight:R}");
        }, iter: Iterations);

    // ---- Rows of only −∞: in place equals a separate buffer, and loss and gradient follow one NaN rule ----

    [Fact]
    public void Rows_of_only_minus_infinity_follow_one_rule_in_place_and_not() =>
        Gen.Select(Gen.Int[1, 6], Gen.Int[1, 6], Gen.Int, Gen.Double[0, 1]).Sample((classes, rows, seed, smoothing) =>
        {
            var rng = new Random(seed);
            double[] x = new double[rows * classes];
            bool[] empty = new bool[rows];
            for (int r = 0; r < rows; r++)
            {
                bool masked = rng.Next(3) == 0;
                for (int c = 0; c < classes; c++)
                {
                    x[(r * classes) + c] = masked || rng.Next(4) == 0 ? double.NegativeInfinity : (rng.NextDouble() * 10) - 5;
                }

                empty[r] = x.AsSpan(r * classes, classes).IndexOfAnyExcept(double.NegativeInfinity) < 0;
            }

            int[] y = Enumerable.Range(0, rows).Select(_ => rng.Next(5) == 0 ? CrossEntropyOptions.DefaultIgnoreIndex : rng.Next(classes)).ToArray();
            double[] w = Enumerable.Range(0, classes).Select(_ => rng.Next(4) == 0 ? 0 : rng.NextDouble() + 0.5).ToArray();
            var options = new CrossEntropyOptions { LabelSmoothing = smoothing, Weight = w };

            double[] separate = GradientInPlaceAndNot(x, (logits, g) => Losses.CrossEntropyGradient<double>(logits, classes, y, g, Reduction.Sum, options));

            var losses = new double[rows];
            Losses.CrossEntropy<double>(x, classes, y, losses, options);
            for (int r = 0; r < rows; r++)
            {
                bool ignored = y[r] == CrossEntropyOptions.DefaultIgnoreIndex;
                ReadOnlySpan<double> g = separate.AsSpan(r * classes, classes);
                if (ignored)
                {
                    Assert.Equal(0.0, losses[r]);
                    Assert.True(g.IndexOfAnyExcept(0.0) < 0, $"ignored row {r}");
                }
                else
                {
                    string what = $"row {r}: x = {Tolerance.F(x.AsSpan(r * classes, classes))}, y = {y[r]}, w = {Tolerance.F(w)}, loss {losses[r]}, gradient {Tolerance.F(g)}";
                    Assert.True(empty[r] == double.IsNaN(losses[r]), what);
                    for (int c = 0; c < classes; c++)
                    {
                        Assert.True(empty[r] == double.IsNaN(g[c]), what);
                    }
                }
            }

            double[] soft = Enumerable.Range(0, rows).SelectMany(_ => SoftTarget(rng, classes)).ToArray();
            double[] softSeparate = GradientInPlaceAndNot(x, (logits, g) => Losses.CrossEntropyGradient<double>(logits, classes, soft, g, Reduction.Mean, options));
            var softLosses = new double[rows];
            Losses.CrossEntropy<double>(x, classes, soft, softLosses, options);
            for (int r = 0; r < rows; r++)
            {
                string what = $"row {r}: x = {Tolerance.F(x.AsSpan(r * classes, classes))}, t = {Tolerance.F(soft.AsSpan(r * classes, classes))}, w = {Tolerance.F(w)}, loss {softLosses[r]}";
                Assert.True(empty[r] == double.IsNaN(softLosses[r]), what);
                Assert.True(empty[r] == double.IsNaN(softSeparate[r * classes]), what);
            }
        }, iter: Iterations);

    // ---- Cancellation in the smoothed gradient near uniform rows ----

    [Fact]
    public void Float_smoothed_gradient_of_nearly_uniform_rows_is_within_a_few_ulps() =>
        Gen.Select(Gen.Int[2, 3000], Gen.Double[-7, -1], Gen.Double[0.01, 1], Gen.Int).Sample((classes, spreadPower, smoothing, seed) =>
        {
            var rng = new Random(seed);
            double spread = Math.Pow(10, spreadPower);
            float[] x = Enumerable.Range(0, classes).Select(_ => (float)(spread * ((rng.NextDouble() * 2) - 1))).ToArray();
            int y = rng.Next(classes);
            var g = new float[classes];
            Losses.CrossEntropyGradient<float>(x, classes, [y], g, Reduction.Sum, new CrossEntropyOptions { LabelSmoothing = smoothing });
            double[] q = ExactOnValidInputTests.ReferenceSoftmax(x.Select(v => (double)v).ToArray());
            for (int j = 0; j < classes; j++)
            {
                double t = ((j == y ? 1 : 0) * (1 - smoothing)) + (smoothing / classes);
                // Each entry is formed in double from terms of size q_j and t_j, and the most likely class's from all of
                // them (Σ q = 1): double's resolution of those terms, 4e−16, bounds what any double formula can keep of
                // an entry 10⁸ times smaller than them; above that, 4 float ulps.
                double noise = 4e-16;
                Tolerance.Close(q[j] - t, g[j], noise + (4 * Tolerance.Ulp((float)(q[j] - t))), 0, $"g[{j}], C = {classes}, spread {spread:G3}, ε = {smoothing}");
            }
        }, iter: 100);

    // ---- float KL when p ≈ q ----

    [Fact]
    public void Float_KL_divergence_of_nearly_equal_distributions_is_within_a_few_ulps() =>
        Gen.Select(Gen.Double[-30, 0], Gen.Double[-1e-6, 1e-6]).Sample((logP, delta) =>
        {
            float p = (float)Math.Exp(logP);
            float input = (float)(Math.Log(p) + delta);
            double exact = p * (Math.Log(p) - input);
            var losses = new float[1];
            Losses.KLDivergenceLoss<float>([input], [p], losses);
            double noise = 1e-15 * p * Math.Abs(Math.Log(p)); // the double reference's own rounding
            Tolerance.Close(exact, losses[0], noise + (4 * Tolerance.Ulp((float)exact)), 0, $"p = {p:R}, input = {input:R}");
        }, iter: Iterations);

    // ---- Long-row sums in float ----

    [Fact]
    public void Float_softmax_and_loss_of_long_rows_are_within_a_few_ulps() =>
        Gen.Select(Gen.Int[1000, 120_000], Gen.Double[-3, 1], Gen.Int).Sample((classes, spreadPower, seed) =>
        {
            var rng = new Random(seed);
            double spread = Math.Pow(10, spreadPower);
            float[] x = Enumerable.Range(0, classes).Select(_ => (float)(spread * ((rng.NextDouble() * 2) - 1))).ToArray();
            double[] q = ExactOnValidInputTests.ReferenceSoftmax(x.Select(v => (double)v).ToArray());
            float[] softmax = StableMath.Softmax<float>(x);
            for (int j = 0; j < classes; j += 97)
            {
                // 4 ulps at any C and any distance from the maximum (the kernel corrects the rounding of x_j − max).
                Tolerance.UlpsOf(q[j], softmax[j], 4, $"softmax[{j}], C = {classes}");
            }

            int y = rng.Next(classes);
            Tolerance.UlpsOf(-Math.Log(q[y]), Losses.CrossEntropy<float>(x, classes, [y]), 3, $"loss, C = {classes}");
            Tolerance.UlpsOf(Math.Log(q[y]), StableMath.LogSoftmax<float>(x)[y], 3, $"log-softmax, C = {classes}");
            Tolerance.UlpsOf(x[0] - Math.Log(q[0]), StableMath.LogSumExp<float>(x), 3, $"log-sum-exp, C = {classes}");
        }, iter: 20);

    // ---- Entries far below the maximum: x − max is rounded, e^{x − max} must not inherit |x − max| ulps ----

    // Logits whose differences need more bits than T has (0.1-spaced values around a large offset, and a maximum that
    // is not a multiple of their ulp), so x − max rounds; the terms stay far above underflow.
    [Fact]
    public void Double_softmax_and_gradient_far_below_the_maximum_are_within_a_few_ulps_of_the_exact_value() =>
        Gen.Select(Gen.Int[2, 40], Gen.Double[1, 700], Gen.Int).Sample((classes, spread, seed) =>
        {
            var rng = new Random(seed);
            double[] x = Enumerable.Range(0, classes).Select(_ => (rng.NextDouble() * spread) - (spread / 3)).ToArray();
            DecimalFloat[] exact = HighPrecision.Precise.Softmax(x);
            double[] softmax = StableMath.Softmax<double>(x);
            var gradient = new double[classes];
            int y = rng.Next(classes);
            Losses.CrossEntropyGradient<double>(x, classes, [y], gradient, Reduction.Sum);
            for (int j = 0; j < classes; j++)
            {
                Tolerance.UlpsOf(exact[j].ToDouble(), softmax[j], 4, $"softmax[{j}], x = [{string.Join(", ", x.Select(Tolerance.F))}]");
                if (j != y)
                {
                    Tolerance.UlpsOf(exact[j].ToDouble(), gradient[j], 4, $"gradient[{j}]");
                }
            }

            double loss = Losses.CrossEntropy<double>(x, classes, [y]);
            double[] oneHot = new double[classes];
            oneHot[y] = 1;
            Tolerance.UlpsOf(HighPrecision.Precise.CrossEntropyFromLogits(oneHot, x).ToDouble(), loss, 4, $"loss, y = {y}");
        }, iter: Iterations);

    [Fact]
    public void Float_and_half_softmax_far_below_the_maximum_are_within_a_few_ulps() =>
        Gen.Select(Gen.Int[2, 40], Gen.Double[1, 100], Gen.Int).Sample((classes, spread, seed) =>
        {
            var rng = new Random(seed);
            float[] x = Enumerable.Range(0, classes).Select(_ => (float)((rng.NextDouble() * spread) - (spread / 3))).ToArray();
            double[] q = ExactOnValidInputTests.ReferenceSoftmax(x.Select(v => (double)v).ToArray());
            float[] softmax = StableMath.Softmax<float>(x);
            Half[] h = x.Select(v => (Half)Math.Clamp(v, -60f, 60f)).ToArray();
            double[] qHalf = ExactOnValidInputTests.ReferenceSoftmax(h.Select(v => (double)v).ToArray());
            Half[] softmaxHalf = StableMath.Softmax<Half>(h);
            for (int j = 0; j < classes; j++)
            {
                if (q[j] > 1e-37) // float's normal range
                {
                    Tolerance.UlpsOf(q[j], softmax[j], 4, $"float softmax[{j}]");
                }

                if (qHalf[j] > 1e-4) // Half's normal range
                {
                    Tolerance.UlpsOf(qHalf[j], softmaxHalf[j], 4, $"Half softmax[{j}]");
                }
            }
        }, iter: Iterations);

    // ---- The same at a temperature τ ≠ 1: (x − max) / τ is rounded too, e^{(x − max) / τ} must not inherit it ----

    // Rows built as q·τ with q spread over [−spread, 0] (so the terms stay in T's normal range), at the issue's fixed
    // temperatures, at extreme ones (where τ = s·2^e needs its power of two applied exactly) and at random ones; the
    // last choice puts the row next to ±MaxValue with τ of that size, where x − max itself overflows.
    private static readonly double[] Temperatures = [0.1, 0.3, 0.7, 3, 1e-3, 1e3];

    [Fact]
    public void Double_softmax_at_a_temperature_is_within_a_few_ulps_of_the_exact_value_far_below_the_maximum() =>
        SoftmaxAtTemperatureIsWithinFourUlps(v => v, maxSpread: 700, extremeTemperature: 1e300, nearMaxValue: 1.7e308, smallest: 1e-300);

    [Fact]
    public void Float_softmax_at_a_temperature_is_within_a_few_ulps_of_the_exact_value_far_below_the_maximum() =>
        SoftmaxAtTemperatureIsWithinFourUlps(v => (float)v, maxSpread: 85, extremeTemperature: 1e30, nearMaxValue: 3.3e38, smallest: 1e-37);

    [Fact]
    public void Half_softmax_at_a_temperature_is_within_a_few_ulps_of_the_exact_value_far_below_the_maximum() =>
        SoftmaxAtTemperatureIsWithinFourUlps(v => (Half)v, maxSpread: 9, extremeTemperature: 1e-4, nearMaxValue: 65000, smallest: 1e-4);

    // Subnormal differences over a subnormal τ (quotients −7/3 and −20/3): the reciprocal of τ is lifted by up to 2^100
    // and the rest of its power of two, 2^1030 in double, applied in two factors, so no step loses bits.
    [Fact]
    public void Softmax_of_subnormal_differences_at_a_subnormal_temperature_is_within_a_few_ulps()
    {
        double[] x = [0, -7 * double.Epsilon, -20 * double.Epsilon];
        (double[] exact, _) = ExactSoftmaxAtTemperature(x, 3 * double.Epsilon);
        double[] softmax = StableMath.Softmax<double>(x, 3 * double.Epsilon);
        float[] softmaxFloat = StableMath.Softmax<float>([0, -7 * float.Epsilon, -20 * float.Epsilon], 3 * (double)float.Epsilon);
        (double[] exactFloat, _) = ExactSoftmaxAtTemperature([0, -7 * (double)float.Epsilon, -20 * (double)float.Epsilon], 3 * (double)float.Epsilon);
        for (int j = 0; j < x.Length; j++)
        {
            Tolerance.UlpsOf(exact[j], softmax[j], 4, $"double softmax[{j}]");
            Tolerance.UlpsOf(exactFloat[j], softmaxFloat[j], 4, $"float softmax[{j}]");
        }
    }

    /// <summary>
    /// Softmax and log-softmax at τ against the 200-bit value, every entry of T's normal range (above
    /// <paramref name="smallest"/>) within 4 ulps; the worst case over all draws is named when it fails.
    /// </summary>
    private static void SoftmaxAtTemperatureIsWithinFourUlps<T>(
        Func<double, T> toT, double maxSpread, double extremeTemperature, double nearMaxValue, double smallest)
        where T : unmanaged, System.Numerics.IFloatingPointIeee754<T>
    {
        var worst = new WorstUlps();
        Gen.Select(Gen.Int[2, 40], Gen.Double[1, maxSpread], Gen.Int[0, Temperatures.Length + 3], Gen.Int).Sample((classes, spread, choice, seed) =>
        {
            var rng = new Random(seed);
            double tau = choice < Temperatures.Length ? Temperatures[choice]
                : choice == Temperatures.Length ? extremeTemperature
                : choice == Temperatures.Length + 1 ? 1 / extremeTemperature
                : choice == Temperatures.Length + 2 ? nearMaxValue / 2
                : Math.Pow(10, (rng.NextDouble() * 6) - 3);
            bool huge = choice == Temperatures.Length + 2;
            T[] x = Enumerable.Range(0, classes)
                .Select(_ => toT(huge ? nearMaxValue * ((rng.NextDouble() * 2) - 1) : ((rng.NextDouble() * spread) - (spread / 3)) * tau))
                .ToArray();
            double[] xd = x.Select(double.CreateChecked).ToArray();
            (double[] exact, double[] exactLog) = ExactSoftmaxAtTemperature(xd, tau);
            T[] softmax = StableMath.Softmax<T>(x, tau);
            T[] logSoftmax = StableMath.LogSoftmax<T>(x, tau);
            string row = $"x = {Tolerance.F(xd)}, τ = {Tolerance.F(tau)}";
            for (int j = 0; j < classes; j++)
            {
                if (exact[j] > smallest)
                {
                    worst.Add(exact[j], softmax[j], $"softmax[{j}], {row}");
                }

                worst.Add(exactLog[j], logSoftmax[j], $"log-softmax[{j}], {row}");
            }
        }, iter: Iterations);
        Assert.True(worst.Ulps <= 4, $"{typeof(T).Name}: worst {worst.Ulps:G3} ulps at {worst.Where}");
    }

    /// <summary>softmax(x / τ) and log-softmax(x / τ) from 200-bit values of (x_i − max) / τ (x and τ are exact doubles).</summary>
    private static (double[] Softmax, double[] LogSoftmax) ExactSoftmaxAtTemperature(double[] x, double tau)
    {
        BigFloat max = BigFloat.FromDouble(x.Max()), t = BigFloat.FromDouble(tau);
        var farBelow = new BigFloat(-2000, 0); // e^−2000 is 0 in every T, relative to the maximum's 1
        BigFloat[] q = x.Select(v => (BigFloat.FromDouble(v) - max) / t).ToArray();
        BigFloat[] e = q.Select(v => v.IsZero ? BigFloat.One : v < farBelow ? BigFloat.Zero : BigFloat.Exp(v)).ToArray();
        // The maximum's 1 is left out of the rest, so log1p keeps a rest below 200 bits of 1 (e^−152 next to 1).
        int k = Array.FindIndex(q, v => v.IsZero);
        BigFloat rest = e.Where((_, i) => i != k).Aggregate(BigFloat.Zero, (a, b) => a + b);
        BigFloat sum = BigFloat.One + rest;
        BigFloat logSum = BigFloat.Log1P(rest);
        return (e.Select(v => (v / sum).ToDouble()).ToArray(), q.Select(v => (v - logSum).ToDouble()).ToArray());
    }

    /// <summary>The largest distance, in ulps of T at the exact value, seen over many comparisons, and where.</summary>
    private sealed class WorstUlps
    {
        public double Ulps { get; private set; }

        public string Where { get; private set; } = "nowhere";

        public void Add<T>(double exact, T actual, string where)
            where T : System.Numerics.IFloatingPointIeee754<T>
        {
            T rounded = T.Abs(T.CreateChecked(exact));
            double ulp = double.CreateChecked(T.BitIncrement(rounded) - rounded);
            double ulps = Math.Abs(exact - double.CreateChecked(actual)) / ulp;
            if (!(ulps <= Ulps)) // NaN counts as the worst
            {
                Ulps = double.IsNaN(ulps) ? double.PositiveInfinity : ulps;
                Where = $"{where}: exact {Tolerance.F(exact)}, actual {Tolerance.F(double.CreateChecked(actual))}";
            }
        }
    }

    // ---- Bad-input messages: every entry point applies the same checks and names the argument ----

    [Fact]
    public void MaxDegreeOfParallelism_is_checked_alike_by_every_cross_entropy_entry_point() =>
        Gen.Int[-5, 5].Sample(degree =>
        {
            var options = new CrossEntropyOptions { MaxDegreeOfParallelism = degree };
            double[] x = [0, 1, 2, 3];
            Action[] calls =
            [
                () => Losses.CrossEntropy<double>(x, 2, [0, 1], Reduction.Mean, options),
                () => Losses.CrossEntropy<double>(x, 2, [0, 1], new double[2], options),
                () => Losses.CrossEntropyGradient<double>(x, 2, [0, 1], new double[4], Reduction.Mean, options),
                () => Losses.CrossEntropy<double>(x, 2, [0.5, 0.5, 0.5, 0.5], Reduction.Mean, options),
                () => Losses.CrossEntropy<double>(x, 2, [0.5, 0.5, 0.5, 0.5], new double[2], options),
                () => Losses.CrossEntropyGradient<double>(x, 2, [0.5, 0.5, 0.5, 0.5], new double[4], Reduction.Mean, options),
            ];
            bool valid = degree == -1 || degree >= 1;
            foreach (Action call in calls)
            {
                if (valid)
                {
                    call();
                }
                else
                {
                    var e = Assert.Throws<ArgumentOutOfRangeException>(call);
                    Assert.Equal("options", e.ParamName);
                    Assert.Contains($"MaxDegreeOfParallelism = {degree}", e.Message, StringComparison.Ordinal);
                }
            }
        });

    [Fact]
    public void HighPrecision_errors_name_the_argument_and_index() =>
        Gen.Select(Gen.Int[1, 8], Gen.Int, Gen.Bool).Sample((length, seed, inLogits) =>
        {
            var rng = new Random(seed);
            double[] p = Enumerable.Repeat(1.0 / length, length).ToArray();
            double[] z = Enumerable.Range(0, length).Select(_ => rng.NextDouble()).ToArray();
            int bad = rng.Next(length);
            (inLogits ? z : p)[bad] = double.NaN;
            var e = Assert.ThrowsAny<ArgumentException>(() => HighPrecision.CrossEntropyFromLogits(p, z));
            string name = inLogits ? "logits" : "p";
            Assert.Equal(name, e.ParamName);
            Assert.Contains($"{name}[{bad}]", e.Message, StringComparison.Ordinal);
        }, iter: Iterations);

    /// <summary>The gradient written into a separate buffer, after checking that written over a copy of the logits gives the same bits.</summary>
    private static double[] GradientInPlaceAndNot(double[] x, Action<double[], double[]> gradient)
    {
        var separate = new double[x.Length];
        gradient(x, separate);
        double[] inPlace = [.. x];
        gradient(inPlace, inPlace);
        Assert.Equal(separate, inPlace);
        return separate;
    }

    /// <summary>A logit of magnitude up to <paramref name="limit"/> (half the draws within 1 % of it) or a moderate one.</summary>
    private static double HugeOrSmall(Random rng, double limit) =>
        rng.Next(4) switch
        {
            0 => (rng.NextDouble() * 10) - 5,
            1 => limit * (0.99 + (0.01 * rng.NextDouble())),
            2 => -limit * (0.99 + (0.01 * rng.NextDouble())),
            _ => limit * ((rng.NextDouble() * 2) - 1),
        };

    private static double[] SoftTarget(Random rng, int classes)
    {
        double[] t = Enumerable.Range(0, classes).Select(_ => rng.NextDouble()).ToArray();
        double sum = t.Sum();
        return t.Select(v => v / sum).ToArray();
    }

    /// <summary>−log softmax(x)_c in double: (M − x_c) + log1p(Σ_{j≠k} e^{x_j − M}); the inputs are float or Half, so nothing overflows.</summary>
    private static double[] NegativeLogSoftmax(double[] x)
    {
        double max = x.Max();
        int k = Array.IndexOf(x, max);
        double rest = 0;
        for (int j = 0; j < x.Length; j++)
        {
            rest += j == k ? 0 : Math.Exp(x[j] - max);
        }

        return x.Select(v => (max - v) + Math.Log(1 + rest)).ToArray();
    }

    private static double ClassIndexLoss(double[] x, int y, double[]? w, double smoothing)
    {
        double[] l = NegativeLogSoftmax(x);
        double loss = (1 - smoothing) * (w?[y] ?? 1) * l[y];
        for (int c = 0; c < x.Length; c++)
        {
            loss += (smoothing / x.Length) * (w?[c] ?? 1) * (w?[c] == 0 ? 0 : l[c]);
        }

        return loss;
    }

    private static double SoftLoss(double[] x, double[] t, double[] w, double smoothing)
    {
        double[] l = NegativeLogSoftmax(x);
        double loss = 0;
        for (int c = 0; c < x.Length; c++)
        {
            double target = ((1 - smoothing) * t[c]) + (smoothing / x.Length);
            loss += target == 0 || w[c] == 0 ? 0 : w[c] * target * l[c];
        }

        return loss;
    }

    /// <summary>A T result within 4 ulps of the double value, or the same infinity where the value is beyond T's range.</summary>
    private static void Expect<T>(double exact, T actual, string what)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        T rounded = T.CreateChecked(exact);
        if (T.IsInfinity(rounded))
        {
            Assert.True(rounded == actual, $"{what}: {exact:R} is beyond {typeof(T).Name}, actual {actual}");
            return;
        }

        Tolerance.UlpsOf(exact, actual, 4, what);
    }
}
