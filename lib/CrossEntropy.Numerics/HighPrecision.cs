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
/// the result is under decimal's resolution. Log-sum-exp and softmax work with differences from the maximum and skip
/// terms more than 66 below it before subtracting, so their logits may be anywhere in ±7.9·10²⁸ (for example
/// LogSumExp([4e28, −4e28]) = 4e28 and Softmax([7.9e28, 7.9e28]) = [0.5, 0.5]); entropy takes any probability down to
/// 5e−324. Inputs outside throw <see cref="ArgumentOutOfRangeException"/> naming the value: a reference that is
/// silently wrong would be worse than none.</para>
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

        if (x == 0)
        {
            return 0m;
        }

        // |x| = mantissa · 2^(exponent − 1075) with an integer mantissa below 2^53, exact for normal and subnormal x.
        int exponent = Math.ILogB(x) + 1023;
        long mantissa = (long)Math.ScaleB(Math.Abs(x), 1075 - exponent);
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

        return Math.Sign(x) * value;
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
        for (int k = 1; term != 0; k++) // |r| ≤ ln 2 / 2: the terms reach decimal's 0 after about 30 steps
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
        for (int j = 1; power != 0; j += 2) // |z| ≤ 0.172: z^j reaches decimal's 0 after about 40 steps
        {
            sum += power / j;
            power *= z2;
        }

        return (2 * sum) + (k * Ln2);
    }

    /// <summary>log Σ_i e^{x_i}, as max(x) + ln Σ_i e^{x_i − max(x)} in decimal.</summary>
    /// <remarks>
    /// Any finite logits within ±7.9·10²⁸ (the range of <see cref="ToDecimal"/>). Terms with x_i − max &lt; −66 are below
    /// decimal's resolution and skipped before the subtraction, which could overflow. The result is max plus a value in
    /// [0, ln n], so it keeps 28 significant digits of the whole, not of its fractional part.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A logit is NaN, infinite or beyond ±7.9·10²⁸ (the message names it).</exception>
    public static decimal LogSumExp(ReadOnlySpan<double> x)
    {
        decimal max = Max(x);
        return max + LogOfShiftedSum(x, max);
    }

    /// <summary>softmax(x)_i = e^{x_i − max} / Σ_j e^{x_j − max} in decimal, over the same range as <see cref="LogSumExp"/>.</summary>
    /// <remarks>
    /// Never formed as e^{x_i − LSE(x)}: LSE(x) ≈ max keeps only 28 significant digits, so for |max| ≥ 10²⁰ the
    /// difference x_i − LSE would lose the digits of ln Σ. Each probability is accurate to about 10⁻²⁸ absolute.
    /// </remarks>
    public static decimal[] Softmax(ReadOnlySpan<double> x)
    {
        decimal max = Max(x);
        decimal sum = ShiftedSum(x, max);
        var result = new decimal[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = ShiftedExp(x[i], max) / sum;
        }

        return result;
    }

    /// <summary>
    /// Cross-entropy of softmax(logits) against p in nats: H(p, softmax(z)) = Σ_i p_i·((max − z_i) + ln Σ_j e^{z_j − max})
    /// — no probability is formed, so nothing underflows, and max − z_i is exact where LSE − z_i would lose digits.
    /// p is used as given (it should sum to 1).
    /// </summary>
    /// <remarks>
    /// Accurate to about 10⁻²⁷ in absolute terms, so a loss far below 1 (a confident, correct prediction, e.g. 4·10⁻¹⁸)
    /// keeps correspondingly fewer correct significant digits. Range: logits as in <see cref="LogSumExp"/>, and every
    /// max − z_i with p_i ≠ 0 must be within decimal's range (7.9·10²⁸).
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">A logit is out of range, or max − z_i exceeds 7.9·10²⁸ (the message names the logit).</exception>
    public static decimal CrossEntropyFromLogits(ReadOnlySpan<double> p, ReadOnlySpan<double> logits)
    {
        Guard.SameLength(logits, nameof(logits), p, nameof(p));
        decimal max = Max(logits);
        decimal logSum = LogOfShiftedSum(logits, max);
        decimal sum = 0m;
        for (int i = 0; i < p.Length; i++)
        {
            if (p[i] != 0)
            {
                decimal z = ToDecimal(logits[i]);
                if (max > 0 && z < max - decimal.MaxValue) // max − z would overflow decimal
                {
                    throw new ArgumentOutOfRangeException(
                        nameof(logits), logits[i],
                        $"logits[{i}] = {Guard.Format(logits[i])} is more than 7.9e28 below the maximum; the loss is beyond decimal's range.");
                }

                sum += ToDecimal(p[i]) * ((max - z) + logSum);
            }
        }

        return sum;
    }

    /// <summary>Shannon entropy −Σ p_i ln p_i in nats, with 0 · ln 0 = 0, for any p_i in [0, 1].</summary>
    /// <remarks>
    /// Each term is formed as (m·ln(1/p))·2^e with p = m·2^e, m ∈ [1, 2), so probabilities below decimal's resolution
    /// (1e−30 and down to 5e−324) still contribute their −p ln p. Accurate to about 10⁻²⁷ absolute.
    /// </remarks>
    /// <exception cref="ArgumentOutOfRangeException">An entry is NaN or outside [0, 1] (the message names it).</exception>
    public static decimal Entropy(ReadOnlySpan<double> p)
    {
        decimal sum = 0m;
        for (int i = 0; i < p.Length; i++)
        {
            double pi = p[i];
            if (!(pi >= 0 && pi <= 1))
            {
                throw new ArgumentOutOfRangeException(nameof(p), pi, $"p[{i}] = {Guard.Format(pi)} is not a probability in [0, 1].");
            }

            if (pi != 0)
            {
                int e = Math.ILogB(pi);
                decimal m = ToDecimal(Math.ScaleB(pi, -e));
                decimal term = m * -(Log(m) + (e * Ln2)); // m·ln(1/p) ≥ 0, at most 2·745
                for (; e < 0 && term != 0; e++)
                {
                    term /= 2;
                }

                sum += term;
            }
        }

        return sum;
    }

    /// <summary>max(x) in decimal; checks that x is non-empty and every entry in range.</summary>
    private static decimal Max(ReadOnlySpan<double> x)
    {
        Guard.NotEmpty(x, nameof(x));
        decimal max = decimal.MinValue;
        foreach (double xi in x)
        {
            max = Math.Max(max, ToDecimal(xi));
        }

        return max;
    }

    /// <summary>e^{x − max} for x ≤ max; 0 when x − max &lt; −66, decided before subtracting (which could overflow).</summary>
    private static decimal ShiftedExp(double x, decimal max)
    {
        decimal d = ToDecimal(x);
        return d < max - MaxExpArgument ? 0m : Exp(d - max);
    }

    /// <summary>ln Σ_i e^{x_i − max} ∈ [0, ln n].</summary>
    private static decimal LogOfShiftedSum(ReadOnlySpan<double> x, decimal max) => Log(ShiftedSum(x, max));

    /// <summary>Σ_i e^{x_i − max} ∈ [1, n].</summary>
    private static decimal ShiftedSum(ReadOnlySpan<double> x, decimal max)
    {
        decimal sum = 0m;
        foreach (double xi in x)
        {
            sum += ShiftedExp(xi, max);
        }

        return sum;
    }
}
