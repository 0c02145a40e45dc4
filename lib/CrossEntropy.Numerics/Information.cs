namespace CrossEntropy.Numerics;

/// <summary>
/// Information measures of discrete probability distributions (probability mass functions), in any unit.
/// </summary>
/// <remarks>
/// <para>Every probability vector must be non-empty, have entries in [0, 1] and sum to 1 within
/// <see cref="SumTolerance"/>; otherwise an <see cref="ArgumentException"/> names the argument and the offending
/// index or sum. Two vectors must have the same length.</para>
/// <para>Conventions: 0 · log 0 = 0 and 0 · log(0/q) = 0 (the limit of x log x as x → 0⁺), so outcomes with p_i = 0
/// contribute nothing; a term p_i · log q_i with q_i = 0 &lt; p_i is −∞, making cross-entropy and KL divergence
/// +∞ — the model called an observed outcome impossible.</para>
/// <para>Sums are compensated (Neumaier), so the summation adds no error growing with n; each term carries the
/// rounding of its logarithm, so results are accurate to a few units of double's ε = 2.2e−16 in absolute terms
/// (relative accuracy of a result far below 1, such as the KL divergence of nearly equal distributions, is lower).</para>
/// </remarks>
public static class Information
{
    /// <summary>The accepted absolute deviation |Σp − 1| of a probability vector: 1e−6.</summary>
    public const double SumTolerance = Guard.ProbabilitySumTolerance;

    /// <summary>Surprisal (self-information) of an outcome of probability p: I(p) = −log_b p.</summary>
    /// <remarks>I(1) = 0, I(0) = +∞.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">p is NaN or outside [0, 1].</exception>
    public static double Surprisal(double p, InformationUnit unit = default)
    {
        if (!(p >= 0 && p <= 1))
        {
            throw new ArgumentOutOfRangeException(nameof(p), p, "p must be a probability in [0, 1].");
        }

        // 0 − ln p rather than −ln p, so a certain outcome reads +0 rather than −0.
        return unit.FromNats(0.0 - Math.Log(p));
    }

    /// <summary>Shannon entropy H(p) = −Σ_i p_i log_b p_i, with 0 · log 0 = 0.</summary>
    /// <remarks>0 ≤ H(p) ≤ log_b n, with equality on the left for a one-hot p and on the right for the uniform p.</remarks>
    /// <param name="p">A probability vector.</param>
    /// <param name="unit">The unit (log base); nats when omitted.</param>
    public static double Entropy(ReadOnlySpan<double> p, InformationUnit unit = default)
    {
        Guard.Probabilities(p, nameof(p));
        var sum = new CompensatedSum();
        foreach (double pi in p)
        {
            if (pi > 0)
            {
                sum.Add(-pi * Math.Log(pi));
            }
        }

        return unit.FromNats(sum.Value);
    }

    /// <summary>Cross-entropy H(p, q) = −Σ_i p_i log_b q_i of a model q against the true p.</summary>
    /// <remarks>
    /// H(p, q) = H(p) + D_KL(p ‖ q) ≥ H(p) (Gibbs' inequality): its minimum over q is H(p), reached at q = p, not 0.
    /// Terms with p_i = 0 are 0 whatever q_i is; q_i = 0 &lt; p_i gives +∞. Not symmetric: H(p, q) ≠ H(q, p) in general.
    /// </remarks>
    public static double CrossEntropy(ReadOnlySpan<double> p, ReadOnlySpan<double> q, InformationUnit unit = default)
    {
        CheckPair(p, q);
        var sum = new CompensatedSum();
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                sum.Add(-p[i] * Math.Log(q[i]));
            }
        }

        return unit.FromNats(sum.Value);
    }

    /// <summary>Kullback–Leibler divergence D_KL(p ‖ q) = Σ_i p_i log_b(p_i / q_i).</summary>
    /// <remarks>
    /// D_KL ≥ 0 with equality iff p = q (Gibbs' inequality); not symmetric; +∞ when q_i = 0 &lt; p_i; terms with
    /// p_i = 0 are 0. Computed from the ratio p_i / q_i rather than as H(p, q) − H(p), which would cancel
    /// catastrophically when q is close to p.
    /// </remarks>
    public static double KLDivergence(ReadOnlySpan<double> p, ReadOnlySpan<double> q, InformationUnit unit = default)
    {
        CheckPair(p, q);
        return unit.FromNats(KLNats(p, q));
    }

    /// <summary>
    /// Jensen–Shannon divergence JSD(p, q) = ½ D_KL(p ‖ m) + ½ D_KL(q ‖ m) with m = (p + q) / 2.
    /// </summary>
    /// <remarks>Symmetric, always finite, 0 ≤ JSD ≤ log_b 2 (1 bit), 0 iff p = q. Allocation-free: m is formed term by term.</remarks>
    public static double JensenShannonDivergence(
        ReadOnlySpan<double> p, ReadOnlySpan<double> q, InformationUnit unit = default)
    {
        CheckPair(p, q);
        var sum = new CompensatedSum();
        for (int i = 0; i < p.Length; i++)
        {
            // x·log(x / m) = x·(ln 2 + log(x / (p + q))): m = (p + q) / 2 can round to 0 for subnormal inputs, p + q cannot.
            double total = p[i] + q[i];
            if (p[i] > 0)
            {
                sum.Add(0.5 * p[i] * (Math.Log(2) + LogRatio(p[i], total)));
            }

            if (q[i] > 0)
            {
                sum.Add(0.5 * q[i] * (Math.Log(2) + LogRatio(q[i], total)));
            }
        }

        // Rounding can leave a tiny negative value when p = q; the true value is ≥ 0.
        return unit.FromNats(Math.Max(0, sum.Value));
    }

    /// <summary>Perplexity of a distribution: PP(p) = b^{H_b(p)} = e^{H(p) in nats}, the same in every unit.</summary>
    /// <remarks>The "effective number of equally likely outcomes": 1 for a one-hot p, n for the uniform p over n outcomes.</remarks>
    public static double Perplexity(ReadOnlySpan<double> p) => Math.Exp(Entropy(p));

    /// <summary>Perplexity of a model q on data distributed as p: PP(p, q) = e^{H(p, q) in nats} ≥ PP(p).</summary>
    /// <remarks>+∞ when q_i = 0 &lt; p_i.</remarks>
    public static double Perplexity(ReadOnlySpan<double> p, ReadOnlySpan<double> q) => Math.Exp(CrossEntropy(p, q));

    private static double KLNats(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        var sum = new CompensatedSum();
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] > 0)
            {
                sum.Add(p[i] * LogRatio(p[i], q[i]));
            }
        }

        // Each term may be negative; Gibbs guarantees the total is ≥ 0, so a negative total is rounding.
        return Math.Max(0, sum.Value);
    }

    /// <summary>
    /// log(a / b) for a &gt; 0: from the ratio (one rounding) unless it overflows or underflows (tiny b or a), then as
    /// log a − log b. b = 0 gives +∞.
    /// </summary>
    private static double LogRatio(double a, double b)
    {
        double ratio = a / b;
        return double.IsFinite(ratio) && ratio > 0 ? Math.Log(ratio) : Math.Log(a) - Math.Log(b);
    }

    private static void CheckPair(ReadOnlySpan<double> p, ReadOnlySpan<double> q)
    {
        Guard.Probabilities(p, nameof(p));
        Guard.Probabilities(q, nameof(q));
        Guard.SameLength(p, nameof(p), q, nameof(q));
    }
}
