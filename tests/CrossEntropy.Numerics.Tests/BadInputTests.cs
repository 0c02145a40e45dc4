namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Every documented exception: its exact type, its ParamName, and a message that names the offending index or value.
/// </summary>
public class BadInputTests
{
    private static readonly double Nan = double.NaN;
    private static readonly double Inf = double.PositiveInfinity;

    /// <summary>Asserts the exact exception type, its ParamName, and that the message contains each fragment.</summary>
    private static TException Throws<TException>(Action act, string paramName, params string[] fragments)
        where TException : ArgumentException
    {
        TException e = Assert.Throws<TException>(act);
        Assert.Equal(paramName, e.ParamName);
        foreach (string fragment in fragments)
        {
            Assert.Contains(fragment, e.Message, StringComparison.Ordinal);
        }

        return e;
    }

    // ---- Information: probability vectors ----

    [Fact]
    public void Information_empty_p_throws() =>
        Throws<ArgumentException>(() => Information.Entropy([]), "p", "empty");

    [Theory]
    [InlineData(new[] { 0.5, double.NaN, 0.5 }, "p[1] = NaN")]
    [InlineData(new[] { -0.1, 1.1 }, "p[0] = -0.1")]
    [InlineData(new[] { 0.0, 1.5 }, "p[1] = 1.5")]
    [InlineData(new[] { 1.0, double.PositiveInfinity }, "p[1] = ")]
    public void Information_entry_outside_unit_interval_throws(double[] p, string fragment) =>
        Throws<ArgumentOutOfRangeException>(() => Information.Entropy(p), "p", fragment, "not a probability");

    // |Σp − 1| ≤ 1e−6 is accepted; just outside is rejected with the sum in the message.
    [Theory]
    [InlineData(0.9e-6, false)]
    [InlineData(-0.9e-6, false)]
    [InlineData(1.1e-6, true)]
    [InlineData(-1.1e-6, true)]
    [InlineData(0.5, true)]
    public void Information_sum_tolerance_boundary(double deviation, bool throws)
    {
        double[] p = [0.25, 0.25, 0.5 + deviation];
        if (throws)
        {
            Throws<ArgumentException>(() => Information.Entropy(p), "p", "sums to", "not 1");
        }
        else
        {
            Assert.True(double.IsFinite(Information.Entropy(p)));
        }
    }

    [Fact]
    public void Information_second_argument_is_validated_and_named_q()
    {
        Throws<ArgumentOutOfRangeException>(() => Information.CrossEntropy([0.5, 0.5], [0.5, -0.5]), "q", "q[1] = -0.5");
        Throws<ArgumentException>(() => Information.KLDivergence([0.5, 0.5], [0.5, 0.4]), "q", "sums to");
        Throws<ArgumentOutOfRangeException>(() => Information.JensenShannonDivergence([0.5, 0.5], [Nan, 1]), "q", "q[0] = NaN");
        Throws<ArgumentException>(() => Information.Perplexity([0.5, 0.5], []), "q", "empty");
    }

    [Fact]
    public void Information_length_mismatch_throws_naming_both_lengths()
    {
        Throws<ArgumentException>(() => Information.CrossEntropy([0.5, 0.5], [0.25, 0.25, 0.5]), "q", "length 3", "length 2");
        Throws<ArgumentException>(() => Information.KLDivergence([1.0], [0.5, 0.5]), "q", "length 2", "length 1");
        Throws<ArgumentException>(() => Information.JensenShannonDivergence([1.0], [0.5, 0.5]), "q", "length 2");
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    public void Surprisal_outside_unit_interval_throws(double p)
    {
        var e = Throws<ArgumentOutOfRangeException>(() => Information.Surprisal(p), "p", "[0, 1]");
        Assert.Equal(p, e.ActualValue);
    }

    [Theory]
    [InlineData(1.0)]
    [InlineData(0.0)]
    [InlineData(-2.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    public void Invalid_log_base_throws(double b)
    {
        var e = Throws<ArgumentOutOfRangeException>(() => InformationUnit.FromBase(b), "logBase");
        Assert.Equal(b, e.ActualValue);
    }

    // ---- StableMath: logits ----

    [Fact]
    public void Softmax_NaN_logit_throws_naming_index()
    {
        Throws<ArgumentException>(() => StableMath.Softmax<double>([0, 1, Nan, 2]), "x", "x[2] is NaN");
        Throws<ArgumentException>(() => StableMath.LogSoftmax<double>([Nan]), "x", "x[0] is NaN");
        Throws<ArgumentException>(() => StableMath.LogSumExp<double>([1, Nan]), "x", "x[1] is NaN");
        Throws<ArgumentException>(() => StableMath.Softmax<float>([0f, float.NaN]), "x", "x[1] is NaN");
    }

    [Fact]
    public void Softmax_positive_infinity_logit_throws_naming_index()
    {
        Throws<ArgumentException>(() => StableMath.Softmax<double>([0, Inf, 1]), "x", "x[1] is +∞");
        Throws<ArgumentException>(() => StableMath.LogSoftmax<double>([Inf]), "x", "x[0] is +∞");
        Throws<ArgumentException>(() => StableMath.LogSumExp<float>([1f, 2f, float.PositiveInfinity]), "x", "x[2] is +∞");
    }

    [Fact]
    public void NaN_is_reported_even_after_a_positive_infinity() =>
        Throws<ArgumentException>(() => StableMath.Softmax<double>([Inf, Nan]), "x", "x[1] is NaN");

    [Fact]
    public void Softmax_destination_length_mismatch_throws()
    {
        Throws<ArgumentException>(() => StableMath.Softmax<double>([1, 2, 3], new double[2]), "destination", "length 2", "length 3");
        Throws<ArgumentException>(() => StableMath.LogSoftmax<double>([1, 2], new double[3]), "destination", "length 3");
        Throws<ArgumentException>(() => StableMath.Sigmoid<double>([1, 2], new double[1]), "destination", "length 1");
        Throws<ArgumentException>(() => StableMath.Softplus<double>([1, 2], new double[3]), "destination");
        Throws<ArgumentException>(() => StableMath.LogSigmoid<double>([1, 2], new double[3]), "destination");
    }

    [Theory]
    [InlineData(0.0)]
    [InlineData(-1.0)]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(double.NegativeInfinity)]
    public void Non_positive_or_infinite_temperature_throws(double tau)
    {
        Assert.Equal(tau, Throws<ArgumentOutOfRangeException>(() => StableMath.Softmax<double>([1, 2], tau), "temperature").ActualValue);
        Throws<ArgumentOutOfRangeException>(() => StableMath.LogSoftmax<double>([1, 2], tau), "temperature");
        Throws<ArgumentOutOfRangeException>(() => StableMath.LogSumExp<double>([1, 2], tau), "temperature");
        Throws<ArgumentOutOfRangeException>(() => StableMath.SoftmaxRows<double>([1, 2], 2, new double[2], tau), "temperature");
        Throws<ArgumentOutOfRangeException>(() => StableMath.LogSumExpRows<double>([1, 2], 2, new double[1], tau), "temperature");
    }

    [Fact]
    public void Row_functions_report_row_and_class()
    {
        double[] x = [0, 1, 2, 3, 4, Nan];
        Throws<ArgumentException>(() => StableMath.SoftmaxRows<double>(x, 3, new double[6]), "x", "x[5] (row 1, class 2) is NaN");
        Throws<ArgumentException>(() => StableMath.LogSoftmaxRows<double>([0, Inf, 1, 2], 2, new double[4]), "x", "x[1] (row 0, class 1) is +∞");
        Throws<ArgumentException>(() => StableMath.LogSumExpRows<double>([0, 1, 2, Nan], 2, new double[2]), "x", "x[3] (row 1, class 1)");
    }

    [Fact]
    public void Row_functions_shape_errors()
    {
        Throws<ArgumentOutOfRangeException>(() => StableMath.SoftmaxRows<double>([1, 2], 0, new double[2]), "classCount");
        Throws<ArgumentOutOfRangeException>(() => StableMath.LogSumExpRows<double>([1, 2], -1, new double[1]), "classCount");
        Throws<ArgumentException>(() => StableMath.SoftmaxRows<double>([1, 2, 3], 2, new double[3]), "x", "length 3", "multiple of classCount = 2");
        Throws<ArgumentException>(() => StableMath.LogSoftmaxRows<double>([], 2, []), "x", "empty");
        Throws<ArgumentException>(() => StableMath.SoftmaxRows<double>([1, 2, 3, 4], 2, new double[3]), "destination");
        Throws<ArgumentException>(() => StableMath.LogSumExpRows<double>([1, 2, 3, 4], 2, new double[4]), "destination", "2 rows");
    }

    // ---- Cross-entropy and NLL ----

    private static readonly double[] Logits2x3 = [0.2, 0.3, 0.5, 0.5, 0.2, 0.3];

    [Theory]
    [InlineData(3)]
    [InlineData(-1)]
    [InlineData(int.MaxValue)]
    public void Class_index_out_of_range_throws_naming_row_and_value(int bad)
    {
        var e = Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, bad]), "targets", $"targets[1] = {bad}", "[0, 3)");
        Assert.Equal(bad, e.ActualValue);
        Throws<ArgumentOutOfRangeException>(() => Losses.NllLoss<double>(Logits2x3, 3, (ReadOnlySpan<int>)[bad, 0]), "targets", $"targets[0] = {bad}");
        Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<int>)[bad, 0], new double[6]), "targets", $"targets[0] = {bad}");
    }

    [Fact]
    public void Default_ignore_index_is_not_out_of_range_but_other_negatives_are()
    {
        Assert.True(double.IsFinite(Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, -100])));
        var options = new CrossEntropyOptions { IgnoreIndex = 1 };
        Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, -100], Reduction.Mean, options), "targets", "targets[1] = -100");
    }

    [Fact]
    public void Target_count_mismatch_throws()
    {
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0]), "targets", "length 1", "2 rows");
        Throws<ArgumentException>(() => Losses.NllLoss<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1, 2]), "targets", "length 3");
    }

    [Fact]
    public void Logits_shape_errors()
    {
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>([1, 2, 3, 4, 5], 3, (ReadOnlySpan<int>)[0, 1]), "logits", "multiple of classCount = 3");
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>([], 3, (ReadOnlySpan<int>)[]), "logits", "empty");
        Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy<double>(Logits2x3, 0, (ReadOnlySpan<int>)[0, 1]), "classCount");
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>([1, 2, 3, 4, 5], 3, (ReadOnlySpan<double>)[1, 0, 0, 1, 0]), "logits", "multiple");
    }

    [Fact]
    public void NaN_or_positive_infinity_logit_throws_naming_row_and_class()
    {
        double[] nan = [0.2, 0.3, 0.5, 0.5, Nan, 0.3];
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(nan, 3, (ReadOnlySpan<int>)[0, 1]), "logits", "logits[4] (row 1, class 1) is NaN");
        double[] inf = [0.2, Inf, 0.5, 0.5, 0.2, 0.3];
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(inf, 3, (ReadOnlySpan<int>)[0, 1]), "logits", "logits[1] (row 0, class 1) is +∞");
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(nan, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0]), "logits", "logits[4] (row 1, class 1)");
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(inf, 3, (ReadOnlySpan<int>)[0, 1], new double[6]), "logits", "logits[1]");
        Throws<ArgumentException>(() => Losses.NllLoss<double>(nan, 3, (ReadOnlySpan<int>)[0, 1]), "logProbabilities", "logProbabilities[4] = NaN");
    }

    // The loss docs: "Bad input throws ... NaN or +∞ logits" — with no exception for rows whose target is ignored.
    // NllLoss checks the whole input; CrossEntropy and its gradient should too.
    [Fact]
    public void NaN_logit_in_an_ignored_row_still_throws()
    {
        double[] logits = [Nan, 0, 1, 2];
        int[] targets = [-100, 1];
        Throws<ArgumentException>(() => Losses.NllLoss<double>(logits, 2, targets), "logProbabilities", "[0]");
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(logits, 2, targets), "logits", "logits[0] (row 0, class 0) is NaN");
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(logits, 2, targets, new double[4]), "logits", "logits[0]");
    }

    [Theory]
    [InlineData(-0.1)]
    [InlineData(1.1)]
    [InlineData(double.NaN)]
    public void Label_smoothing_outside_unit_interval_throws(double eps)
    {
        var options = new CrossEntropyOptions { LabelSmoothing = eps };
        var e = Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], Reduction.Mean, options), "options", "LabelSmoothing");
        Assert.Equal(eps, e.ActualValue);
        Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], Reduction.Mean, options), "options");
    }

    [Theory]
    [InlineData(-1.0, "Weight[1] = -1")]
    [InlineData(double.NaN, "Weight[1] = NaN")]
    [InlineData(double.PositiveInfinity, "Weight[1] = ")]
    public void Bad_class_weight_throws_naming_index(double w, string fragment)
    {
        var options = new CrossEntropyOptions { Weight = [1.0, w, 1.0] };
        Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], Reduction.Mean, options), "options", fragment);
        Throws<ArgumentOutOfRangeException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], Reduction.Mean, options), "options", fragment);
    }

    [Fact]
    public void Weight_of_wrong_length_throws()
    {
        var options = new CrossEntropyOptions { Weight = [1.0, 2.0] };
        Throws<ArgumentException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], Reduction.Mean, options), "options", "length 2", "3 classes");
        Throws<ArgumentException>(
            () => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[6], Reduction.Mean, options), "options", "length 2");
    }

    // Soft targets: each row must sum to 1 within √ε_T (1.49e−8 double, 3.45e−4 float).
    [Theory]
    [InlineData(1e-9, false)]
    [InlineData(-1e-9, false)]
    [InlineData(1e-7, true)]
    [InlineData(-0.1, true)]
    public void Soft_target_row_sum_tolerance_double(double deviation, bool throws)
    {
        double[] targets = [1, 0, 0, 0, 0.8 + deviation, 0.2];
        Action act = () => Losses.CrossEntropy<double>(Logits2x3, 3, targets);
        if (throws)
        {
            Throws<ArgumentException>(act, "targetProbabilities", "row 1 sums to", "not 1");
        }
        else
        {
            act();
        }
    }

    [Theory]
    [InlineData(1e-4f, false)]
    [InlineData(1e-3f, true)]
    public void Soft_target_row_sum_tolerance_float(float deviation, bool throws)
    {
        float[] logits = [0.2f, 0.3f, 0.5f];
        float[] targets = [0.5f + deviation, 0.25f, 0.25f];
        Action act = () => Losses.CrossEntropy<float>(logits, 3, targets);
        if (throws)
        {
            Throws<ArgumentException>(act, "targetProbabilities", "row 0 sums to");
        }
        else
        {
            act();
        }
    }

    [Theory]
    [InlineData(-0.5, "targetProbabilities[4] = -0.5")]
    [InlineData(double.NaN, "targetProbabilities[4] = NaN")]
    public void Soft_target_entry_negative_or_NaN_throws(double bad, string fragment)
    {
        double[] targets = [1, 0, 0, 0, bad, 1.5];
        Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, targets), "targetProbabilities", fragment);
    }

    [Fact]
    public void Soft_targets_of_wrong_length_throw()
    {
        Throws<ArgumentException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0]), "targetProbabilities", "length 3", "length 6");
    }

    [Fact]
    public void Ignore_index_with_soft_targets_throws()
    {
        var options = new CrossEntropyOptions { IgnoreIndex = 0 };
        Throws<ArgumentException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], Reduction.Mean, options), "options", "IgnoreIndex = 0", "leave it at -100");
        Throws<ArgumentException>(
            () => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], new double[6], Reduction.Mean, options), "options", "IgnoreIndex = 0");
    }

    [Fact]
    public void Label_smoothing_with_NLL_throws()
    {
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        Throws<ArgumentException>(() => Losses.NllLoss<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], Reduction.Mean, options), "options", "LabelSmoothing = 0.1", "label smoothing", "use CrossEntropy on logits");
        Throws<ArgumentException>(() => Losses.NllLoss<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[2], options), "options");
    }

    // log p = +∞ is no probability (p = +∞), and its loss −∞ would swamp the batch: NLL rejects it as KL does.
    [Fact]
    public void NLL_rejects_a_positive_infinite_log_probability_like_KL()
    {
        double[] logP = [-0.5, Inf, -1.0, -2.0];
        Throws<ArgumentException>(() => Losses.NllLoss<double>(logP, 2, (ReadOnlySpan<int>)[0, 1]), "logProbabilities", "logProbabilities[1] = ", "not a log-probability");
        Throws<ArgumentException>(() => Losses.NllLoss<float>([-0.5f, float.PositiveInfinity], 2, (ReadOnlySpan<int>)[0], new float[1]), "logProbabilities", "logProbabilities[1]");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>(logP, [0.5, 0.5, 0.5, 0.5], 2), "input", "input[1] = ", "not a log-probability");
        // −∞ (probability 0) stays valid: the loss of that row is +∞.
        Assert.Equal(double.PositiveInfinity, Losses.NllLoss<double>([double.NegativeInfinity, 0], 2, (ReadOnlySpan<int>)[0]));
    }

    [Fact]
    public void Textbook_functions_reject_p_and_q_of_different_lengths()
    {
        Throws<ArgumentException>(() => Textbook.CrossEntropy<double>([0.5, 0.5], [1.0]), "q", "length 1", "length 2");
        Throws<ArgumentException>(() => Textbook.CrossEntropyLog10<double>([1.0], [0.5, 0.5]), "q", "length 2", "length 1");
        Throws<ArgumentException>(() => Textbook.ClippedCrossEntropy<float>([0.5f, 0.5f], [1f]), "q", "length 1");
    }

    [Fact]
    public void Unreduced_output_of_wrong_length_throws()
    {
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[3]), "losses", "length 3", "2 rows");
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], new double[1]), "losses", "length 1");
        Throws<ArgumentException>(() => Losses.NllLoss<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[1]), "losses");
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[5]), "gradient", "length 5");
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], new double[7]), "gradient");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, 2], [0, 1], new double[3]), "losses");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5, 0.5], new double[1]), "losses");
    }

    // The unreduced overloads should blame the argument that is wrong: here the losses buffer has the right length
    // (N = 2 rows of logits) and the targets do not.
    [Fact]
    public void Unreduced_overloads_blame_the_wrong_targets_not_the_right_losses_buffer()
    {
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1, 2], new double[2]), "targets", "length 3");
        Throws<ArgumentException>(
            () => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0], new double[2]), "targetProbabilities", "length 3");
    }

    [Fact]
    public void Unknown_reduction_throws()
    {
        Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropy<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], (Reduction)7), "reduction", "Unknown reduction");
        Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<int>)[0, 1], new double[6], (Reduction)7), "reduction", "Unknown reduction");
        Throws<ArgumentOutOfRangeException>(() => Losses.CrossEntropyGradient<double>(Logits2x3, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], new double[6], (Reduction)7), "reduction", "Unknown reduction");
        Throws<ArgumentOutOfRangeException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5, 0.5], 2, (KLDivergenceReduction)7), "reduction", "Unknown reduction");
    }

    // Messages of the remaining checks, each naming what is wrong.
    [Fact]
    public void Messages_say_what_is_wrong()
    {
        Throws<ArgumentOutOfRangeException>(() => StableMath.SoftmaxRows<double>([1, 2], 0, new double[2]), "classCount", "classCount must be positive");
        Throws<ArgumentException>(() => StableMath.Softmax<double>([1, Inf]), "x", "x[1] is +∞", "overflow upstream");
        Throws<ArgumentOutOfRangeException>(() => StableMath.Softmax<double>([1, 2], 0.0), "temperature", "temperature must be finite and greater than 0");
        Throws<ArgumentOutOfRangeException>(() => InformationUnit.FromBase(1), "logBase", "A logarithm base must be finite, positive and different from 1");
        Throws<ArgumentOutOfRangeException>(() => HighPrecision.ToDecimal(1e29), "x", "within decimal's range");
        Throws<ArgumentOutOfRangeException>(() => HighPrecision.Exp(67m), "x", "Exp needs x ≤ 66");
        Throws<ArgumentOutOfRangeException>(() => HighPrecision.Log(0m), "x", "Log needs x > 0");
        Throws<ArgumentException>(() => HighPrecision.LogSumExp([]), "x", "empty");
        Throws<ArgumentException>(() => HighPrecision.CrossEntropyFromLogits([1.0], [1.0, 2.0]), "p", "length 1", "length 2");
    }

    // Every two-distribution measure checks p as well as q (the surviving mutant removed the check of p).
    [Fact]
    public void Information_pairs_check_p()
    {
        double[] bad = [0.7, 0.7], good = [0.5, 0.5];
        Throws<ArgumentException>(() => Information.CrossEntropy(bad, good), "p", "sums to");
        Throws<ArgumentException>(() => Information.KLDivergence(bad, good), "p", "sums to");
        Throws<ArgumentException>(() => Information.JensenShannonDivergence(bad, good), "p", "sums to");
        Throws<ArgumentException>(() => Information.Perplexity(bad, good), "p", "sums to");
        Throws<ArgumentOutOfRangeException>(() => Information.CrossEntropy([-0.5, 1.5], good), "p", "p[0] = -0.5");
    }

    // Soft targets: a row sum within √ε of 1 is accepted, one ulp further is not (double: √ε = 2^−26 exactly).
    [Fact]
    public void Soft_target_row_sum_tolerance_boundary()
    {
        double edge = Math.ScaleB(1.0, -26);
        double[] logits = [0.0, 0.0];
        _ = Losses.CrossEntropy<double>(logits, 2, (ReadOnlySpan<double>)[0.5 + edge, 0.5]);
        _ = Losses.CrossEntropy<double>(logits, 2, (ReadOnlySpan<double>)[0.5 - edge, 0.5]);
        Throws<ArgumentException>(() => Losses.CrossEntropy<double>(logits, 2, (ReadOnlySpan<double>)[0.5 + edge + Math.ScaleB(1.0, -52), 0.5]), "targetProbabilities", "row 0 sums to");
        float edgeF = MathF.ScaleB(1f, -12); // float: √(2^−23) = 2^−11.5; 2^−12 is inside, 2^−11 outside
        _ = Losses.CrossEntropy<float>([0f, 0f], 2, (ReadOnlySpan<float>)[0.5f + edgeF, 0.5f]);
        Throws<ArgumentException>(() => Losses.CrossEntropy<float>([0f, 0f], 2, (ReadOnlySpan<float>)[0.5f + (2 * edgeF), 0.5f]), "targetProbabilities", "row 0 sums to");
    }

    // A bad logit in row 1 of the gradients is reported at its flat index, with its row and class.
    [Fact]
    public void Gradient_names_the_row_of_a_bad_logit()
    {
        double[] x = [0, 1, 2, 0, Nan, 2];
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(x, 3, (ReadOnlySpan<int>)[0, 1], new double[6]), "logits", "logits[4] (row 1, class 1) is NaN");
        Throws<ArgumentException>(() => Losses.CrossEntropyGradient<double>(x, 3, (ReadOnlySpan<double>)[1, 0, 0, 0, 1, 0], new double[6]), "logits", "logits[4] (row 1, class 1) is NaN");
    }

    // ---- Binary losses ----

    [Fact]
    public void Binary_with_logits_bad_input()
    {
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([], []), "logits", "empty");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, 2], [0]), "targets", "length 1", "length 2");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, Nan], [0, 1]), "logits", "logits[1]", "NaN");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, Inf], [0, 1]), "logits", "logits[1]", "finite");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>([double.NegativeInfinity, 1], [0, 1]), "logits", "logits[0]", "finite");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, 2], [0, 1.5]), "targets", "targets[1] = 1.5", "[0, 1]");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropyWithLogits<double>([1, 2], [Nan, 1]), "targets", "targets[0] = NaN");
    }

    [Fact]
    public void Binary_broadcast_factors_bad_input()
    {
        double[] x = [1, 2, 3, 4];
        double[] t = [0, 1, 0, 1];
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Mean, [1, 2, 3]), "posWeight", "length 3", "4 elements");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Mean, [1, -2]), "posWeight", "posWeight[1] = -2");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Mean, default, [1, 2, 3]), "weight", "length 3");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropyWithLogits<double>(x, t, Reduction.Mean, default, [Nan]), "weight", "weight[0] = NaN");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropy<double>([0.5, 0.5], [0, 1], Reduction.Mean, [-1.0]), "weight", "weight[0] = -1");
    }

    [Fact]
    public void Binary_on_probabilities_bad_input()
    {
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropy<double>([0.5, 1.5], [0, 1]), "probabilities", "probabilities[1] = 1.5");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropy<double>([-0.5, 0.5], [0, 1]), "probabilities", "probabilities[0] = -0.5");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropy<double>([0.5, Nan], [0, 1]), "probabilities", "probabilities[1]", "NaN");
        Throws<ArgumentException>(() => Losses.BinaryCrossEntropy<double>([], []), "probabilities", "empty");
        Throws<ArgumentOutOfRangeException>(() => Losses.BinaryCrossEntropy<double>([0.5], [2]), "targets", "targets[0] = 2");
    }

    // ---- KL divergence loss ----

    [Fact]
    public void KL_loss_bad_input()
    {
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([0, Nan], [0.5, 0.5], 2), "input", "input[1] = NaN");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([Inf, 0], [0.5, 0.5], 2), "input", "input[0]", "not a log-probability");
        Throws<ArgumentOutOfRangeException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5, -0.5], 2), "target", "target[1] = -0.5");
        Throws<ArgumentOutOfRangeException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5, Inf], 2), "target", "target[1]");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0, Nan], 2, logTarget: true), "target", "target[1] = NaN");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5], 2), "target", "length 1", "length 2");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([], [], 2), "input", "empty");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([], [], []), "input", "empty");
        Throws<ArgumentOutOfRangeException>(() => Losses.KLDivergenceLoss<double>([0, 0], [0.5, 0.5], 0), "classCount");
        Throws<ArgumentException>(() => Losses.KLDivergenceLoss<double>([0, 0, 0], [0.5, 0.5, 0], 2), "input", "multiple of classCount = 2");
    }
}
