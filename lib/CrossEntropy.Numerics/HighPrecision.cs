namespace CrossEntropy.Numerics;

/// <summary>
/// Reference values computed in <see cref="decimal"/> (28–29 significant digits, about 10¹² times finer than double),
/// for measuring the rounding error of float and double results. Slow and range-limited by design.
/// </summary>
/// <remarks>
/// <para>Doubles are converted exactly where decimal can hold them and otherwise to 28 significant digits (decimal's own
/// conversion keeps only 15). Exp uses range reduction by ln 2 and a Taylor series; Log uses the atanh series on a
/// mantissa in [1/√2, √2]. Log is accurate to a few units in the 28th significant digit; Exp to about 10⁻²⁸
/// absolute, so results far below 1 keep fewer significant digits (e⁻²⁰ ≈ 2·10⁻⁹ still has 19), which is what a
/// sum of e^{x_i − max} needs.</para>
/// <para>Range: |x| ≤ 7.9·10²⁸ for inputs; <see cref="Exp"/> needs x ≤ 66 (e⁶⁶ ≈ 4.6·10²⁸) and returns 0 below −66 where
/// the result is under decimal's resolution. Log-sum-exp and softmax subtract the maximum first, so their logits may
/// be anywhere in decimal's range. Inputs outside throw <see cref="ArgumentOutOfRangeException"/>.</para>
/// </remarks>
public static class HighPrecision
{
    /// <summary>ln 2 to 28 digits.</summary>
    public const decimal Ln2 = 0.6931471805599453094172321215m;

    private const decimal MaxExpArgument = 66m;

    /// <summary>
    /// The double <paramref name="x"/> as a decimal: exact when decimal can hold it, else rounded to about 28 significant
    /// digits; magnitudes below 10⁻²⁸ (decimal's resolution) become 0.
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is NaN, infinite or beyond ±7.9·10²⁸.</exception>
    public static decimal ToDecimal(double x)
    {
        if (!double.IsFinite(x) || Math.Abs(x) > 7.9e28)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be finite and within decimal's range (±7.9e28).");
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int exponent = (int)((bits >> 52) & 0x7FF);
        long mantissa = bits & 0xF_FFFF_FFFF_FFFFL;
        if (exponent == 0)
        {
            exponent = 1; // subnormal
        }
        else
        {
            mantissa |= 1L << 52;
        }

        // x = ±mantissa · 2^(exponent − 1075); scale by powers of two one at a time so decimal keeps every digit it can.
        decimal value = mantissa;
        for (int e = exponent - 1075; e > 0; e--)
        {
            value *= 2;
        }

        for (int e = exponent - 1075; e < 0 && value != 0; e++)
        {
            value /= 2;
        }

        return bits < 0 ? -value : value;
    }

    /// <summary>e^x for x ≤ 66; 0 for x &lt; −66 (below decimal's resolution of 10⁻²⁸).</summary>
    public static decimal Exp(decimal x)
    {
        if (x > MaxExpArgument)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Exp needs x ≤ 66 to fit in decimal.");
        }

        if (x < -MaxExpArgument)
        {
            return 0m;
        }

        // x = n·ln 2 + r with |r| ≤ ln 2 / 2, so the series converges in about 25 terms.
        decimal n = Math.Round(x / Ln2);
        decimal r = x - (n * Ln2);
        decimal term = 1m, sum = 1m;
        for (int k = 1; k < 60 && term != 0; k++)
        {
            term = term * r / k;
            sum += term;
        }

        for (; n > 0; n--)
        {
            sum *= 2;
        }

        for (; n < 0; n++)
        {
            sum /= 2;
        }

        return sum;
    }

    /// <summary>Natural logarithm ln x for x &gt; 0.</summary>
    public static decimal Log(decimal x)
    {
        if (x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs x > 0.");
        }

        // x = m · 2^k with m in [1/√2, √2]; then ln m = 2·atanh(z), z = (m − 1)/(m + 1), |z| ≤ 0.172.
        int k = 0;
        decimal m = x;
        while (m > 1.4142135623730950488016887242m)
        {
            m /= 2;
            k++;
        }

        while (m < 0.7071067811865475244008443621m)
        {
            m *= 2;
            k--;
        }

        decimal z = (m - 1) / (m + 1);
        decimal z2 = z * z;
        decimal power = z, sum = 0m;
        for (int j = 1; j < 200 && power != 0; j += 2)
        {
            sum += power / j;
            power *= z2;
        }

        return (2 * sum) + (k * Ln2);
    }

    /// <summary>log Σ_i e^{x_i}, as max(x) + ln Σ_i e^{x_i − max(x)} in decimal.</summary>
    public static decimal LogSumExp(ReadOnlySpan<double> x)
    {
        Guard.NotEmpty(x, nameof(x));
        decimal max = decimal.MinValue;
        foreach (double xi in x)
        {
            max = Math.Max(max, ToDecimal(xi));
        }

        decimal sum = 0m;
        foreach (double xi in x)
        {
            sum += Exp(ToDecimal(xi) - max);
        }

        return max + Log(sum);
    }

    /// <summary>softmax(x)_i = e^{x_i − LSE(x)} in decimal.</summary>
    public static decimal[] Softmax(ReadOnlySpan<double> x)
    {
        decimal lse = LogSumExp(x);
        var result = new decimal[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = Exp(ToDecimal(x[i]) - lse);
        }

        return result;
    }

    /// <summary>
    /// Cross-entropy of softmax(logits) against p in nats: H(p, softmax(z)) = Σ_i p_i·(LSE(z) − z_i) — no probability is
    /// formed, so nothing underflows. p is used as given (it should sum to 1).
    /// </summary>
    /// <remarks>
    /// Accurate to about 10⁻²⁷ in absolute terms, so a loss far below 1 (a confident, correct prediction, e.g. 4·10⁻¹⁸)
    /// keeps correspondingly fewer correct significant digits.
    /// </remarks>
    public static decimal CrossEntropyFromLogits(ReadOnlySpan<double> p, ReadOnlySpan<double> logits)
    {
        Guard.SameLength(logits, nameof(logits), p, nameof(p));
        decimal lse = LogSumExp(logits);
        decimal sum = 0m;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] != 0)
            {
                sum += ToDecimal(p[i]) * (lse - ToDecimal(logits[i]));
            }
        }

        return sum;
    }

    /// <summary>Shannon entropy −Σ p_i ln p_i in nats, with 0 · ln 0 = 0.</summary>
    public static decimal Entropy(ReadOnlySpan<double> p)
    {
        decimal sum = 0m;
        foreach (double pi in p)
        {
            if (pi != 0)
            {
                decimal d = ToDecimal(pi);
                sum -= d * Log(d);
            }
        }

        return sum;
    }
}
