using MathNet.Numerics.Distributions;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Information measures: published values, MathNet.Numerics, closed forms and the documented edge cases.</summary>
public class InformationTests
{
    private static readonly double Ln2 = Math.Log(2);

    // Source: scipy.stats.entropy docs — entropy([1/2, 1/2], base=2) = 1.0 (a fair coin carries one bit).
    [Fact]
    public void Entropy_of_fair_coin_is_one_bit_scipy() =>
        Tolerance.Ulps(1.0, Information.Entropy([0.5, 0.5], InformationUnit.Bits), 1);

    // Source: scipy.stats.entropy docs — entropy([9/10, 1/10], base=2) = 0.46899559358928117 (17 significant digits).
    [Fact]
    public void Entropy_of_biased_coin_scipy() =>
        Tolerance.Close(0.46899559358928117, Information.Entropy([0.9, 0.1], InformationUnit.Bits), 0, 4 * Tolerance.EpsD);

    // Source: the blog example (NOTES.md) — p = [0.5, 0.5], q = softmax([0.7, 0.3]) = [0.598687660112452, 0.401312339887548]:
    // H(p) = ln 2 nats = 1 bit, CE = 0.7130152524 nats = 1.0286635687 bits, KL = 0.0198680718 nats.
    [Fact]
    public void Blog_example_measures()
    {
        double[] p = [0.5, 0.5];
        double[] q = StableMath.Softmax<double>([0.7, 0.3]);
        Tolerance.Published([0.598687660112452, 0.401312339887548], q, 15, "q");
        Tolerance.Ulps(Ln2, Information.Entropy(p), 1, "H(p) nats");
        Tolerance.Ulps(1.0, Information.Entropy(p, InformationUnit.Bits), 1, "H(p) bits");
        Tolerance.Published(0.7130152524, Information.CrossEntropy(p, q), 10, "CE nats");
        Tolerance.Published(1.0286635687, Information.CrossEntropy(p, q, InformationUnit.Bits), 10, "CE bits");
        Tolerance.Published(0.0198680718, Information.KLDivergence(p, q), 10, "KL nats");
    }

    // Independent: MathNet.Numerics Categorical(p).Entropy = −Σ p ln p (natural log, nats: see Categorical.cs,
    // `-_pmfNormalized.Sum(p => p * Math.Log(p))`). It has no 0·log 0 convention (0·ln 0 = NaN there), so p > 0 only.
    [Theory]
    [InlineData(new[] { 0.5, 0.5 })]
    [InlineData(new[] { 0.9, 0.1 })]
    [InlineData(new[] { 0.1, 0.2, 0.3, 0.4 })]
    [InlineData(new[] { 0.999999, 1e-6 })]
    [InlineData(new[] { 0.25, 0.25, 0.25, 0.125, 0.0625, 0.0625 })]
    public void Entropy_matches_MathNet_categorical_in_nats(double[] p)
    {
        double mathNet = new Categorical(p).Entropy;
        Tolerance.Close(mathNet, Information.Entropy(p), 1e-15, 1e-13);
    }

    [Fact]
    public void MathNet_entropy_unit_is_nats()
    {
        // Guards the comparison above: a fair coin is ln 2 in MathNet, so its unit is the nat.
        Tolerance.Close(Ln2, new Categorical([0.5, 0.5]).Entropy, 0, 1e-15);
    }

    // Closed form: binary entropy h(a) = −a ln a − (1 − a) ln(1 − a), computed with log1p for accuracy.
    [Theory]
    [InlineData(0.5)]
    [InlineData(0.1)]
    [InlineData(0.01)]
    [InlineData(1e-10)]
    [InlineData(0.75)]
    public void Binary_entropy_closed_form(double a)
    {
        double expected = (-a * Math.Log(a)) - ((1 - a) * Math.Log(1 - a));
        Tolerance.Close(expected, Information.Entropy([a, 1 - a]), 0, 1e-12);
    }

    // Closed form: KL(Bern(a) ‖ Bern(b)) = a ln(a/b) + (1 − a) ln((1 − a)/(1 − b)).
    [Theory]
    [InlineData(0.5, 0.5, 0.0)]
    [InlineData(0.5, 0.25, 0.14384103622589042)]
    [InlineData(0.9, 0.1, 1.7577796618689758)]
    [InlineData(0.2, 0.7, 0.5341108087103075)]
    public void KL_of_two_Bernoullis(double a, double b, double handComputed)
    {
        double closedForm = (a * Math.Log(a / b)) + ((1 - a) * Math.Log((1 - a) / (1 - b)));
        Tolerance.Close(handComputed, closedForm, 1e-15, 1e-14, "closed form vs hand value");
        Tolerance.Close(closedForm, Information.KLDivergence([a, 1 - a], [b, 1 - b]), 1e-16, 1e-13);
    }

    [Theory]
    [InlineData(2)]
    [InlineData(3)]
    [InlineData(10)]
    [InlineData(1000)]
    public void Uniform_distribution_has_maximal_entropy_and_perplexity_n(int n)
    {
        double[] p = Enumerable.Repeat(1.0 / n, n).ToArray();
        Tolerance.Close(Math.Log(n), Information.Entropy(p), 0, 1e-13, "H = ln n");
        Tolerance.Close(Math.Log2(n), Information.Entropy(p, InformationUnit.Bits), 0, 1e-13, "H = log2 n bits");
        Tolerance.Close(n, Information.Perplexity(p), 0, 1e-12, "PP = n");
    }

    [Theory]
    [InlineData(new[] { 1.0 })]
    [InlineData(new[] { 0.0, 1.0, 0.0 })]
    public void One_hot_has_zero_entropy_and_perplexity_one(double[] p)
    {
        Assert.Equal(0.0, Information.Entropy(p));
        Assert.Equal(1.0, Information.Perplexity(p));
    }

    // JS divergence of distributions with disjoint supports is exactly ln 2 (1 bit): m = (p + q)/2 halves each mass.
    [Theory]
    [InlineData(new[] { 1.0, 0.0 }, new[] { 0.0, 1.0 })]
    [InlineData(new[] { 0.5, 0.5, 0.0, 0.0 }, new[] { 0.0, 0.0, 0.3, 0.7 })]
    public void JSD_of_disjoint_supports_is_ln2(double[] p, double[] q)
    {
        Tolerance.Close(Ln2, Information.JensenShannonDivergence(p, q), 0, 2 * Tolerance.EpsD);
        Tolerance.Close(1.0, Information.JensenShannonDivergence(p, q, InformationUnit.Bits), 0, 2 * Tolerance.EpsD);
    }

    // Documented: JSD is "always finite", 0 ≤ JSD ≤ ln 2. With the smallest subnormal q_i = 4.9e−324 against p_i = 0 the
    // true value is ½·q_i·ln 2 ≈ 1.7e−324, i.e. 0 or 4.9e−324 after rounding.
    [Theory]
    [InlineData(new[] { 1.0, 0.0 }, new[] { 1.0, double.Epsilon })]
    [InlineData(new[] { 1.0, double.Epsilon }, new[] { 1.0, 0.0 })]
    public void JSD_with_smallest_subnormal_is_finite_and_near_zero(double[] p, double[] q) =>
        Tolerance.Close(0.0, Information.JensenShannonDivergence(p, q), 1e-300);

    [Fact]
    public void JSD_of_identical_distributions_is_zero() =>
        Assert.Equal(0.0, Information.JensenShannonDivergence([0.2, 0.3, 0.5], [0.2, 0.3, 0.5]));

    [Fact]
    public void Zero_probability_in_p_contributes_nothing_even_where_q_is_zero()
    {
        // 0·log 0 = 0 and 0·log(0/q) = 0: the third outcome never happens under p.
        double[] p = [0.5, 0.5, 0.0];
        double[] q = [0.5, 0.5, 0.0];
        Assert.Equal(Ln2, Information.Entropy(p), 15);
        Assert.Equal(Ln2, Information.CrossEntropy(p, q), 15);
        Assert.Equal(0.0, Information.KLDivergence(p, q));
    }

    [Fact]
    public void Model_calling_an_observed_outcome_impossible_gives_infinite_CE_KL_and_perplexity()
    {
        double[] p = [0.5, 0.5];
        double[] q = [1.0, 0.0];
        Assert.Equal(double.PositiveInfinity, Information.CrossEntropy(p, q));
        Assert.Equal(double.PositiveInfinity, Information.KLDivergence(p, q));
        Assert.Equal(double.PositiveInfinity, Information.Perplexity(p, q));
        // JSD stays finite: m > 0 wherever p or q is.
        Assert.True(double.IsFinite(Information.JensenShannonDivergence(p, q)));
    }

    // KL with a q entry that is tiny but non-zero is finite: p_i·ln(p_i/q_i) with ln(q_i) ≈ −744 for the smallest
    // subnormal. Expected value computed as Σ p_i (ln p_i − ln q_i), whose terms are all representable.
    [Theory]
    [InlineData(1e-300)]
    [InlineData(1e-310)]
    [InlineData(double.Epsilon)]
    public void KL_with_tiny_nonzero_q_is_finite(double tiny)
    {
        double[] p = [0.5, 0.5];
        double[] q = [tiny, 1 - tiny];
        double expected = (0.5 * (Math.Log(0.5) - Math.Log(tiny))) + (0.5 * (Math.Log(0.5) - Math.Log(1 - tiny)));
        Tolerance.Close(expected, Information.KLDivergence(p, q), 0, 1e-13);
        Tolerance.Close(Information.CrossEntropy(p, q) - Information.Entropy(p), Information.KLDivergence(p, q), 0, 1e-13);
    }

    [Theory]
    [InlineData(1.0, 0.0)]
    [InlineData(0.5, 0.6931471805599453)]
    [InlineData(0.0, double.PositiveInfinity)]
    public void Surprisal_values(double p, double nats) => Tolerance.Ulps(nats, Information.Surprisal(p), 1);

    [Fact]
    public void Surprisal_of_one_half_is_one_bit() => Assert.Equal(1.0, Information.Surprisal(0.5, InformationUnit.Bits), 15);

    [Fact]
    public void Cross_entropy_is_not_symmetric()
    {
        double[] p = [0.9, 0.1];
        double[] q = [0.5, 0.5];
        Assert.NotEqual(Information.CrossEntropy(p, q), Information.CrossEntropy(q, p), 6);
    }

    [Fact]
    public void Perplexity_of_model_is_exp_of_cross_entropy_and_at_least_perplexity_of_data()
    {
        double[] p = [0.5, 0.5];
        double[] q = [0.598687660112452, 0.401312339887548];
        // Source for CE: the blog example (NOTES.md), 0.7130152524 nats.
        Tolerance.Close(Math.Exp(0.7130152524), Information.Perplexity(p, q), 1e-9);
        Assert.True(Information.Perplexity(p, q) >= Information.Perplexity(p));
    }

    [Theory]
    [InlineData(2.0, "bits")]
    [InlineData(10.0, "hartleys")]
    [InlineData(Math.E, "nats")]
    [InlineData(3.0, "base 3")]
    public void Units_from_base(double b, string name)
    {
        InformationUnit unit = InformationUnit.FromBase(b);
        Assert.Equal(name, unit.Name);
        Assert.Equal(b, unit.LogBase);
        Tolerance.Ulps(Math.Log(b), unit.NatsPerUnit, 1);
        Tolerance.Ulps(1.0, unit.FromNats(Math.Log(b)), 1, "one unit is ln b nats");
        Tolerance.Ulps(Math.Log(b) * 5, unit.ToNats(5), 1);
    }

    [Fact]
    public void Omitted_unit_is_nats()
    {
        InformationUnit omitted = default;
        Assert.Equal("nats", omitted.Name);
        Assert.Equal(Math.E, omitted.LogBase);
        Assert.Equal(1.0, omitted.NatsPerUnit);
        Assert.Equal(Information.Entropy([0.9, 0.1], InformationUnit.Nats), Information.Entropy([0.9, 0.1]));
    }

    // The docs say default(InformationUnit) means nats; as a record struct it should then also compare equal to Nats.
    [Fact]
    public void Default_unit_equals_Nats() => Assert.Equal(InformationUnit.Nats, default(InformationUnit));

    [Fact]
    public void Hartleys_are_nats_over_ln10()
    {
        double[] p = [0.9, 0.1];
        Tolerance.Close(-(0.9 * Math.Log10(0.9)) - (0.1 * Math.Log10(0.1)), Information.Entropy(p, InformationUnit.Hartleys), 0, 1e-14);
    }

    [Fact]
    public void Sum_tolerance_is_documented_value() => Assert.Equal(1e-6, Information.SumTolerance);

    // A term p·log(p/q) with p and q near 1e−300: from the ratio it is accurate to an ulp; as log p − log q it would
    // subtract two logarithms near −690 and keep only about 13 digits.
    [Fact]
    public void KL_term_of_tiny_probabilities_is_taken_from_their_ratio()
    {
        double[] p = [1e-300, 0.5, 0.5], q = [1e-301, 0.5, 0.5];
        Tolerance.Ulps(1e-300 * Math.Log(1e-300 / 1e-301), Information.KLDivergence(p, q), 4);
        Tolerance.Close(1e-300 * Math.Log(10), Information.KLDivergence(p, q), 0, 1e-15);
    }
}
