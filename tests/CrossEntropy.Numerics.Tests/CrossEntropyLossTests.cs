namespace CrossEntropy.Numerics.Tests;

/// <summary>Cross-entropy and NLL losses: published values and PyTorch's documented semantics, checked from first principles.</summary>
public class CrossEntropyLossTests
{
    private static readonly double Ln2 = Math.Log(2);

    // Source: TensorFlow docs, tf.nn.softmax_cross_entropy_with_logits — logits [[4,2,1],[0,5,1]],
    // labels [[1,0,0],[0,0.8,0.2]] → [0.16984602, 0.82474489] (8 decimals).
    [Fact]
    public void Soft_targets_tensorflow_reference()
    {
        double[] logits = [4, 2, 1, 0, 5, 1];
        double[] labels = [1, 0, 0, 0, 0.8, 0.2];
        double[] losses = new double[2];
        Losses.CrossEntropy<double>(logits, 3, labels, losses);
        Tolerance.Published([0.16984602, 0.82474489], losses, 8);
    }

    [Fact]
    public void Soft_targets_tensorflow_reference_float()
    {
        float[] logits = [4, 2, 1, 0, 5, 1];
        float[] labels = [1, 0, 0, 0, 0.8f, 0.2f];
        float[] losses = new float[2];
        Losses.CrossEntropy<float>(logits, 3, labels, losses);
        Tolerance.Close(0.16984602, losses[0], 5e-9, 8 * Tolerance.EpsF);
        Tolerance.Close(0.82474489, losses[1], 5e-9, 8 * Tolerance.EpsF);
    }

    // Source: PyTorch docs/forums — cross_entropy(logits [[0.2,0.3,0.5],[0.5,0.2,0.3]], targets [2,1], weight [2,4,6]):
    // reduction='none' [5.6390, 4.9593], 'sum' 10.5983, 'mean' 1.0598 (= sum / Σ w[y_n] = sum / 10, not / N).
    [Fact]
    public void Weighted_class_indices_pytorch_reference()
    {
        double[] logits = [0.2, 0.3, 0.5, 0.5, 0.2, 0.3];
        int[] targets = [2, 1];
        var options = new CrossEntropyOptions { Weight = [2, 4, 6] };
        double[] none = new double[2];
        Losses.CrossEntropy<double>(logits, 3, targets, none, options);
        Tolerance.Published([5.6390, 4.9593], none, 4, "none");
        Tolerance.Published(10.5983, Losses.CrossEntropy<double>(logits, 3, targets, Reduction.Sum, options), 4, "sum");
        Tolerance.Published(1.0598, Losses.CrossEntropy<double>(logits, 3, targets, Reduction.Mean, options), 4, "mean");
    }

    // Source: the blog example (NOTES.md) — logits [0.7, 0.3] against p = [0.5, 0.5]: 0.7130152524 nats.
    [Fact]
    public void Blog_example_through_the_loss_API()
    {
        double[] logits = [0.7, 0.3];
        Tolerance.Published(0.7130152524, Losses.CrossEntropy<double>(logits, 2, (ReadOnlySpan<double>)[0.5, 0.5]), 10);
        // Class-index targets averaged over both classes give the same number: mean of −log q_0 and −log q_1.
        Tolerance.Published(0.7130152524, Losses.CrossEntropy<double>([0.7, 0.3, 0.7, 0.3], 2, (ReadOnlySpan<int>)[0, 1]), 10);
    }

    public static TheoryData<double[], int, int[], double[]?, int, double> ClassIndexCases => new()
    {
        // logits, C, targets, weight, ignoreIndex, label smoothing
        { [0.2, 0.3, 0.5, 0.5, 0.2, 0.3], 3, [2, 1], null, -100, 0.0 },
        { [0.2, 0.3, 0.5, 0.5, 0.2, 0.3], 3, [2, 1], [2.0, 4.0, 6.0], -100, 0.1 },
        { [1, -1, 0, 2, 0.5, -3, 4, 4, 4], 3, [0, -100, 2], [1.0, 0.5, 3.0], -100, 0.0 },
        { [1, -1, 0, 2, 0.5, -3, 4, 4, 4], 3, [0, -100, 2], [1.0, 0.5, 3.0], -100, 0.3 },
        { [1, -1, 0, 2, 0.5, -3, 4, 4, 4, -2, 7, 1], 4, [3, 1, 1], null, 1, 0.25 },   // ignore index 1, not −100
        { [3, 1, -2, 0.5, 0.5, 2], 2, [1, 0, 1], [0.0, 2.0], -100, 0.2 },            // a zero weight
        { [0.1, 0.9, 0.4, 0.6], 2, [1, 1], null, -100, 1.0 },                         // ε = 1: targets uniform
    };

    // PyTorch semantics, re-computed from the documented formulas in Reference.CrossEntropy:
    // l_n = (1−ε)·w[y_n]·(−log p_{y_n}) + ε/C·Σ_c w_c·(−log p_c), ignored rows 0, mean = Σ l_n / Σ w[y_n].
    [Theory]
    [MemberData(nameof(ClassIndexCases))]
    public void Class_index_semantics_match_documented_formula(
        double[] logits, int c, int[] targets, double[]? weight, int ignoreIndex, double smoothing)
    {
        var options = new CrossEntropyOptions { Weight = weight, IgnoreIndex = ignoreIndex, LabelSmoothing = smoothing };
        var (perRow, sum, mean) = Reference.CrossEntropy(logits, c, targets, weight, ignoreIndex, smoothing);

        double[] none = new double[targets.Length];
        Losses.CrossEntropy<double>(logits, c, targets, none, options);
        Tolerance.AllClose(perRow, none, 1e-15, 1e-13, "none");
        Tolerance.Close(sum, Losses.CrossEntropy<double>(logits, c, targets, Reduction.Sum, options), 1e-15, 1e-13, "sum");
        Tolerance.Close(mean, Losses.CrossEntropy<double>(logits, c, targets, Reduction.Mean, options), 1e-15, 1e-13, "mean");
    }

    public static TheoryData<double[], int, double[], double[]?, double> SoftTargetCases => new()
    {
        { [4, 2, 1, 0, 5, 1], 3, [1, 0, 0, 0, 0.8, 0.2], null, 0.0 },
        { [4, 2, 1, 0, 5, 1], 3, [1, 0, 0, 0, 0.8, 0.2], [0.5, 2.0, 1.0], 0.0 },
        { [4, 2, 1, 0, 5, 1], 3, [1, 0, 0, 0, 0.8, 0.2], [0.5, 2.0, 1.0], 0.1 },
        { [0.3, -1.2, 2.2, 0.0], 4, [0.25, 0.25, 0.25, 0.25], null, 0.5 },
    };

    // PyTorch semantics for probability targets: l_n = −Σ_c w_c·t_nc·log p_nc with t = (1−ε)·y + ε/C; mean = Σ l_n / N
    // (weights do not enter the denominator).
    [Theory]
    [MemberData(nameof(SoftTargetCases))]
    public void Soft_target_semantics_match_documented_formula(
        double[] logits, int c, double[] targets, double[]? weight, double smoothing)
    {
        var options = new CrossEntropyOptions { Weight = weight, LabelSmoothing = smoothing };
        var (perRow, sum, mean) = Reference.SoftCrossEntropy(logits, c, targets, weight, smoothing);

        double[] none = new double[perRow.Length];
        Losses.CrossEntropy<double>(logits, c, targets, none, options);
        Tolerance.AllClose(perRow, none, 1e-15, 1e-13, "none");
        Tolerance.Close(sum, Losses.CrossEntropy<double>(logits, c, targets, Reduction.Sum, options), 1e-15, 1e-13, "sum");
        Tolerance.Close(mean, Losses.CrossEntropy<double>(logits, c, targets, Reduction.Mean, options), 1e-15, 1e-13, "mean");
    }

    // Label smoothing with class indices is the same as probability targets (1−ε)·onehot + ε/C — when there are no
    // weights (with weights PyTorch's class-index form uses w_c in the smoothing term and w[y] in the denominator).
    [Fact]
    public void Smoothed_class_indices_equal_smoothed_one_hot_targets_without_weights()
    {
        double[] logits = [1, -1, 0.5, 2, 0, -2];
        var options = new CrossEntropyOptions { LabelSmoothing = 0.2 };
        double hard = Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<int>)[2, 0], Reduction.Mean, options);
        double soft = Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<double>)[0, 0, 1, 1, 0, 0], Reduction.Mean, options);
        Tolerance.Close(soft, hard, 0, 1e-14);
    }

    [Fact]
    public void Ignored_rows_contribute_zero_and_do_not_count_in_the_mean()
    {
        double[] logits = [0.0, 0.0, 100, -100];
        int[] targets = [0, -100];
        double[] none = new double[2];
        Losses.CrossEntropy<double>(logits, 2, targets, none);
        Tolerance.Close(Ln2, none[0], 0, 2 * Tolerance.EpsD);
        Assert.Equal(0.0, none[1]);
        Tolerance.Close(Ln2, Losses.CrossEntropy<double>(logits, 2, targets), 0, 2 * Tolerance.EpsD); // mean over 1 row
    }

    // PyTorch: mean over zero counted rows is 0/0 = NaN, by design; the sum is 0.
    [Fact]
    public void All_rows_ignored_gives_NaN_mean_and_zero_sum()
    {
        double[] logits = [1, 2, 3, 4];
        int[] targets = [-100, -100];
        Assert.True(double.IsNaN(Losses.CrossEntropy<double>(logits, 2, targets)));
        Assert.Equal(0.0, Losses.CrossEntropy<double>(logits, 2, targets, Reduction.Sum));
        Assert.True(double.IsNaN(Losses.NllLoss<double>(logits.Select(v => -v).ToArray(), 2, targets)));
    }

    // NLL(LogSoftmaxRows(x)) = CrossEntropy(x), reduced and unreduced, with weights and ignore index.
    [Fact]
    public void NLL_of_log_softmax_equals_cross_entropy()
    {
        double[] logits = [1, -1, 0, 2, 0.5, -3, 4, 4, 4];
        int[] targets = [0, -100, 2];
        var options = new CrossEntropyOptions { Weight = [1.0, 0.5, 3.0] };
        double[] logP = new double[logits.Length];
        StableMath.LogSoftmaxRows<double>(logits, 3, logP);
        foreach (Reduction reduction in new[] { Reduction.Mean, Reduction.Sum })
        {
            Tolerance.Close(
                Losses.CrossEntropy<double>(logits, 3, targets, reduction, options),
                Losses.NllLoss<double>(logP, 3, targets, reduction, options), 0, 1e-14, reduction.ToString());
        }

        double[] ce = new double[3], nll = new double[3];
        Losses.CrossEntropy<double>(logits, 3, targets, ce, options);
        Losses.NllLoss<double>(logP, 3, targets, nll, options);
        Tolerance.AllClose(ce, nll, 0, 1e-14);
    }

    // NLL takes its input as log-probabilities as given: −w[y]·input[y], no renormalisation.
    [Fact]
    public void NLL_does_not_renormalise()
    {
        double[] input = [-1, -2, -3, -4];
        int[] targets = [1, 0];
        Assert.Equal(5.0, Losses.NllLoss<double>(input, 2, targets, Reduction.Sum));   // −(−2) + −(−3)
        Assert.Equal(2.5, Losses.NllLoss<double>(input, 2, targets));
        var options = new CrossEntropyOptions { Weight = [3.0, 1.0] };
        // (1·2 + 3·3) / (1 + 3)
        Assert.Equal(11.0 / 4.0, Losses.NllLoss<double>(input, 2, targets, Reduction.Mean, options));
    }

    [Fact]
    public void Masked_target_class_gives_infinite_loss_and_masked_other_class_is_harmless()
    {
        double[] logits = [0, double.NegativeInfinity, 0];
        Assert.Equal(double.PositiveInfinity, Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<int>)[1]));
        Tolerance.Close(Ln2, Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<int>)[0]), 0, 2 * Tolerance.EpsD);
        // Soft target with zero mass on the masked class: 0·∞ = 0.
        Tolerance.Close(Ln2, Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<double>)[0.5, 0, 0.5]), 0, 2 * Tolerance.EpsD);
        // A soft target putting mass on the masked class: +∞.
        Assert.Equal(double.PositiveInfinity, Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<double>)[0.5, 0.5, 0]));
    }

    // Documented: a class with weight 0 contributes nothing even where its logit is −∞ (0·∞ = 0, unlike PyTorch's NaN).
    [Fact]
    public void Zero_weight_removes_masked_class_from_smoothing_term()
    {
        double[] logits = [0, double.NegativeInfinity, 0];
        var options = new CrossEntropyOptions { Weight = [1.0, 0.0, 1.0], LabelSmoothing = 0.3 };
        double loss = Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<int>)[0], Reduction.Sum, options);
        // (1−ε)·ln 2 + ε/3·(ln 2 + 0 + ln 2)
        Tolerance.Close((0.7 * Ln2) + (0.1 * 2 * Ln2), loss, 0, 4 * Tolerance.EpsD);
    }

    [Fact]
    public void Label_smoothing_onto_masked_class_gives_infinite_loss()
    {
        double[] logits = [0, double.NegativeInfinity, 0];
        var options = new CrossEntropyOptions { LabelSmoothing = 0.1 };
        Assert.Equal(double.PositiveInfinity, Losses.CrossEntropy<double>(logits, 3, (ReadOnlySpan<int>)[0], Reduction.Mean, options));
    }

    // Without smoothing or weights the mean loss is the negative log-likelihood of the data: −mean log q_{y_n}.
    [Fact]
    public void Mean_cross_entropy_is_negative_mean_log_likelihood()
    {
        double[] logits = [0, Math.Log(3), Math.Log(2), 0];   // rows: q = [1/4, 3/4], [2/3, 1/3]
        int[] targets = [1, 0];
        double expected = -(Math.Log(0.75) + Math.Log(2.0 / 3)) / 2;
        Tolerance.Close(expected, Losses.CrossEntropy<double>(logits, 2, targets), 0, 4 * Tolerance.EpsD);
    }

    // Soft targets equal the Information.CrossEntropy of the target against softmax(logits), per row, in nats.
    [Fact]
    public void Soft_target_row_loss_is_information_cross_entropy_of_softmax()
    {
        double[] logits = [1.5, -0.5, 0.25];
        double[] t = [0.2, 0.5, 0.3];
        double expected = Information.CrossEntropy(t, StableMath.Softmax<double>(logits));
        Tolerance.Close(expected, Losses.CrossEntropy<double>(logits, 3, t), 0, 1e-14);
    }

    // Losses are computed from logits via log-sum-exp, so a huge but equal pair of logits is still the fair-coin case:
    // softmax([a, a]) = [½, ½] for every a, so CE = ln 2. Reference: shift invariance (documented) and H(½, ½) = ln 2.
    [Theory]
    [InlineData(1e300)]
    [InlineData(-1e300)]
    [InlineData(1e16)]
    [InlineData(1e10)]
    public void Equal_huge_logits_give_ln2_double(double a)
    {
        Tolerance.Close(Ln2, Losses.CrossEntropy<double>([a, a], 2, (ReadOnlySpan<int>)[0]), 0, 4 * Tolerance.EpsD, "class index");
        Tolerance.Close(Ln2, Losses.CrossEntropy<double>([a, a], 2, (ReadOnlySpan<double>)[1, 0]), 0, 4 * Tolerance.EpsD, "soft target");
        // log-softmax gets it right, as the reference for what "from logits" should give.
        Tolerance.AllClose([-Ln2, -Ln2], StableMath.LogSoftmax<double>([a, a]), 0, 4 * Tolerance.EpsD, "log-softmax");
    }

    [Theory]
    [InlineData(1e4f)]
    [InlineData(-1e4f)]
    [InlineData(3e38f)]
    public void Equal_huge_logits_give_ln2_float(float a)
    {
        Tolerance.Close(Ln2, Losses.CrossEntropy<float>([a, a], 2, (ReadOnlySpan<int>)[0]), 0, 4 * Tolerance.EpsF, "class index");
        Tolerance.AllClose([-Ln2, -Ln2], StableMath.LogSoftmax<float>([a, a]).Select(v => (double)v).ToArray(), 0, 4 * Tolerance.EpsF, "log-softmax");
    }
}
