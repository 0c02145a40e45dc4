namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The sigmoid focal loss α_t·(1 − p_t)^γ·CE computed in decimal (28 digits) and in the log domain, independently of
/// the library's double code: log l = log α_t + log CE + γ·log(1 − p_t), then l = 2^n·e^r with r ∈ [0, ln 2) in
/// decimal, so results far below 1 (e^{−700}) keep all their digits. For hard targets every logarithm is written in
/// terms of a = |x| and u = e^{−a}, valid for any logit decimal can hold; soft targets need |x| ≤ 60.
/// </summary>
internal static class FocalReference
{
    public static double Loss(double x, double t, double alpha, double gamma)
    {
        decimal alphaT = alpha < 0 ? 1m : (Dec(alpha) * Dec(t)) + ((1 - Dec(alpha)) * (1 - Dec(t)));
        if (alphaT == 0)
        {
            return 0;
        }

        (decimal logCrossEntropy, decimal logOneMinusPt) = t switch
        {
            1 => (LogSoftplus(-Dec(x)), -Softplus(Dec(x))),  // CE = softplus(−x), 1 − p_t = σ(−x)
            0 => (LogSoftplus(Dec(x)), -Softplus(-Dec(x))),  // CE = softplus(x), 1 − p_t = σ(x)
            _ => SoftTarget(Dec(x), Dec(t)),
        };
        decimal log = HighPrecision.Log(alphaT) + logCrossEntropy + (gamma == 0 ? 0 : Dec(gamma) * logOneMinusPt);
        return ExpToDouble(log);
    }

    private static decimal Dec(double v) => HighPrecision.ToDecimal(v);

    // softplus(z) = max(z, 0) + log1p(e^{−|z|}).
    private static decimal Softplus(decimal z) => Math.Max(z, 0) + Log1p(HighPrecision.Exp(-Math.Abs(z)));

    // log softplus(z): for z < 0, softplus(z) = log1p(u) with u = e^{z} tiny, so log softplus = z + log(log1p(u)/u).
    private static decimal LogSoftplus(decimal z)
    {
        if (z >= 0)
        {
            return HighPrecision.Log(Softplus(z));
        }

        decimal u = HighPrecision.Exp(z); // 0 below e^{−66}, where log1p(u)/u = 1 to 28 digits
        return z + HighPrecision.Log(Log1pOverU(u));
    }

    private static (decimal LogCrossEntropy, decimal LogOneMinusPt) SoftTarget(decimal x, decimal t)
    {
        if (Math.Abs(x) > 60)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "the soft-target reference needs |x| ≤ 60");
        }

        decimal crossEntropy = ((1 - t) * Softplus(x)) + (t * Softplus(-x));
        decimal sigmoid = 1 / (1 + HighPrecision.Exp(-x)), sigmoidOfMinus = 1 / (1 + HighPrecision.Exp(x));
        return (HighPrecision.Log(crossEntropy), HighPrecision.Log(((1 - t) * sigmoid) + (t * sigmoidOfMinus)));
    }

    // log(1 + u) for u in [0, 1]: the alternating series below 1e−3 (1 + u would drop u's last digits), else Log.
    private static decimal Log1p(decimal u) => u < 0.001m ? u * Log1pOverU(u) : HighPrecision.Log(1 + u);

    // log1p(u)/u = 1 − u/2 + u²/3 − … for u < 1e−3 (the terms fall below 10⁻²⁹ within 10 steps).
    private static decimal Log1pOverU(decimal u)
    {
        if (u >= 0.001m)
        {
            return HighPrecision.Log(1 + u) / u;
        }

        decimal sum = 0, power = 1;
        for (int k = 1; k <= 12; k++)
        {
            sum += power / k;
            power *= -u;
        }

        return sum;
    }

    // e^y as a double: y = n·ln 2 + r with r in [0, ln 2), e^r in decimal, then an exact scaling by 2^n.
    private static double ExpToDouble(decimal y)
    {
        if (y < -1100)
        {
            return 0;
        }

        decimal n = Math.Floor(y / HighPrecision.Ln2);
        decimal r = y - (n * HighPrecision.Ln2);
        return Math.ScaleB((double)HighPrecision.Exp(r), (int)n);
    }
}
