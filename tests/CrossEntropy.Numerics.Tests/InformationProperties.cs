using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Gibbs, the CE = H + KL decomposition, Pinsker, JSD bounds and unit conversion, on generated distributions
/// with zeros and tiny (down to subnormal) entries.</summary>
public class InformationProperties
{
    private static readonly double Ln2 = Math.Log(2);

    // Gibbs holds for exact distributions; generated vectors sum to 1 only within n·ε, and
    // H(p, q) − H(p) = KL(p ‖ q) ≥ −ln Σq ≈ −(Σq − 1), so the slack is absolute, n·ε, plus a few ulps of H.
    [Fact]
    public void Cross_entropy_is_at_least_entropy() =>
        Generators.DistributionPair.Sample((p, q) =>
        {
            double h = Information.Entropy(p);
            double ce = Information.CrossEntropy(p, q);
            Assert.True(ce >= (h * (1 - (8 * Tolerance.EpsD))) - (2 * p.Length * Tolerance.EpsD), $"CE {Tolerance.F(ce)} < H {Tolerance.F(h)}");
        }, iter: Generators.Iterations);

    [Fact]
    public void Cross_entropy_equals_entropy_at_q_equals_p() =>
        Generators.AnyDistribution.Sample(p =>
            Tolerance.Close(Information.Entropy(p), Information.CrossEntropy(p, p), 1e-300, 8 * Tolerance.EpsD),
            iter: Generators.Iterations);

    // CE = H + KL. KL is computed from ratios p_i/q_i, not as the difference, so this is a real cross-check.
    // Rounding the ratio p_i/q_i costs up to ε/2 in its log, i.e. up to p_i·ε absolute per term: ≈ 2ε in total, however
    // small KL is; the rest is a few ulps of CE and H.
    [Fact]
    public void Cross_entropy_is_entropy_plus_KL() =>
        Generators.DistributionPair.Sample((p, q) =>
        {
            double h = Information.Entropy(p);
            double ce = Information.CrossEntropy(p, q);
            double kl = Information.KLDivergence(p, q);
            if (double.IsPositiveInfinity(ce))
            {
                Assert.Equal(double.PositiveInfinity, kl);
                return;
            }

            Tolerance.Close(ce, h + kl, 4 * Tolerance.EpsD, 16 * Tolerance.EpsD, "H + KL");
        }, iter: Generators.Iterations);

    // KL ≥ 0, and Pinsker's inequality KL ≥ ½·‖p − q‖₁² (an independent lower bound that a wrong KL can violate).
    [Fact]
    public void KL_is_non_negative_and_satisfies_Pinsker() =>
        Generators.DistributionPair.Sample((p, q) =>
        {
            double kl = Information.KLDivergence(p, q);
            Assert.True(kl >= 0);
            double l1 = p.Zip(q, (a, b) => Math.Abs(a - b)).Sum();
            Assert.True(kl >= (0.5 * l1 * l1 * (1 - 1e-12)) - 1e-15, $"KL {Tolerance.F(kl)} < ½‖p−q‖² = {Tolerance.F(0.5 * l1 * l1)}");
        }, iter: Generators.Iterations);

    [Fact]
    public void KL_of_a_distribution_with_itself_is_zero() =>
        Generators.AnyDistribution.Sample(p => Assert.True(Information.KLDivergence(p, p) <= 1e-15), iter: Generators.Iterations);

    [Fact]
    public void JSD_is_symmetric_and_between_0_and_ln2() =>
        Generators.DistributionPair.Sample((p, q) =>
        {
            double pq = Information.JensenShannonDivergence(p, q);
            double qp = Information.JensenShannonDivergence(q, p);
            Tolerance.Close(pq, qp, 1e-16, 8 * Tolerance.EpsD, "symmetry");
            // Generated vectors sum to 1 within n·ε, and JSD scales with the total mass: slack (n + 4)·ε relative.
            double slack = 1 + ((p.Length + 4) * Tolerance.EpsD);
            Assert.True(pq >= 0 && pq <= Ln2 * slack, $"JSD = {Tolerance.F(pq)}, ln 2 = {Tolerance.F(Ln2)}, p = {Tolerance.F(p)}, q = {Tolerance.F(q)}");
            double bits = Information.JensenShannonDivergence(p, q, InformationUnit.Bits);
            Assert.True(bits >= 0 && bits <= slack, $"JSD = {Tolerance.F(bits)} bits");
        }, iter: Generators.Iterations);

    [Fact]
    public void Entropy_is_between_0_and_log_n_and_perplexity_between_1_and_n() =>
        Generators.AnyDistribution.Sample(p =>
        {
            double h = Information.Entropy(p);
            Assert.InRange(h, 0, Math.Log(p.Length) * (1 + (8 * Tolerance.EpsD)));
            Assert.InRange(Information.Perplexity(p), 1 - (4 * Tolerance.EpsD), p.Length * (1 + (16 * Tolerance.EpsD)));
        }, iter: Generators.Iterations);

    // bits = nats / ln 2 (and hartleys = nats / ln 10, base b = nats / ln b) for every measure.
    [Fact]
    public void Every_measure_converts_units_by_dividing_by_ln_b() =>
        Gen.Select(Generators.DistributionPair, Gen.Double[1.01, 100]).Sample((pq, b) =>
        {
            var (p, q) = pq;
            foreach (InformationUnit unit in new[] { InformationUnit.Bits, InformationUnit.Hartleys, InformationUnit.FromBase(b) })
            {
                double lnB = Math.Log(unit.LogBase);
                Tolerance.Ulps(Information.Entropy(p) / lnB, Information.Entropy(p, unit), 2, $"H in {unit}");
                Tolerance.Ulps(Information.CrossEntropy(p, q) / lnB, Information.CrossEntropy(p, q, unit), 2, $"CE in {unit}");
                Tolerance.Ulps(Information.KLDivergence(p, q) / lnB, Information.KLDivergence(p, q, unit), 2, $"KL in {unit}");
                Tolerance.Ulps(Information.JensenShannonDivergence(p, q) / lnB, Information.JensenShannonDivergence(p, q, unit), 2, $"JSD in {unit}");
                Tolerance.Ulps(Information.Surprisal(p[0]) / lnB, Information.Surprisal(p[0], unit), 2, $"I in {unit}");
            }
        }, iter: Generators.Iterations);

    // Independent check of the bit unit: −Σ p log₂ p with Math.Log2.
    [Fact]
    public void Entropy_in_bits_matches_log2_formula() =>
        Gen.Int[1, 12].SelectMany(Generators.PositiveDistribution).Sample(p =>
        {
            double expected = -p.Sum(v => v * Math.Log2(v));
            Tolerance.Close(expected, Information.Entropy(p, InformationUnit.Bits), 1e-15, 1e-13);
        }, iter: Generators.Iterations);
}
