namespace CrossEntropy.Numerics;

/// <summary>
/// Reference values for measuring the rounding error of float and double results: every function is evaluated in
/// 200-bit binary arithmetic (about 60 digits) and rounded once, so its result is exact to the last digit it returns.
/// </summary>
/// <remarks>
/// <para>Two forms of each result. The methods of this class return <see cref="decimal"/>: the exact value rounded once
/// to the nearest decimal. Decimal has 28–29 significant digits but at most 28 places after the point, so a result
/// from 0.1 up to 7.9·10²⁸ has 28 exact significant digits, and a smaller one has an absolute error of at most
/// 5·10⁻²⁹ (10⁻¹² still keeps 16 digits, 10⁻²⁹ rounds to 0). <see cref="Precise"/> returns the same values as
/// <see cref="DecimalFloat"/>, 28 significant digits with its own exponent, exact at any magnitude: use it for
/// small values (a tiny entropy term, a confident loss, a softmax tail).</para>
/// <para>Range of the decimal methods: inputs within decimal's range (±7.9·10²⁸) and results within it; otherwise
/// <see cref="ArgumentOutOfRangeException"/> naming the argument and value. <see cref="Precise"/> takes any finite
/// double. A reference that is silently wrong would be worse than none.</para>
/// </remarks>
public static class HighPrecision
{
    /// <summary>ln 2 to 28 digits.</summary>
    public const decimal Ln2 = 0.6931471805599453094172321215m;

    private const decimal MaxExpArgument = 66m;

    /// <summary>Decimal's largest magnitude, as a double bound for inputs.</summary>
    private const double DecimalRange = 7.9e28;

    /// <summary>
    /// The double <paramref name="x"/> as a decimal: the exact value when decimal can hold it (every double from 0.1 to
    /// 7.9·10²⁸ with at most 28 significant digits, every integer in range), otherwise the nearest decimal, so
    /// 0.1 gives 0.1000000000000000055511151231 and 10⁻²⁹ gives 0 (use <see cref="Precise.FromDouble"/> there).
    /// </summary>
    /// <exception cref="ArgumentOutOfRangeException">x is NaN, infinite or beyond ±7.9·10²⁸.</exception>
    public static decimal ToDecimal(double x)
    {
        if (!double.IsFinite(x) || Math.Abs(x) > DecimalRange)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "x must be finite and within decimal's range (±7.9e28).");
        }

        return BigFloat.FromDouble(x).ToDecimal();
    }

    /// <summary>e^x for x ≤ 66 (e⁶⁶ ≈ 4.6·10²⁸), rounded once to decimal; below −64.7 that is 0 (<see cref="Precise.Exp(decimal)"/> keeps the digits).</summary>
    public static decimal Exp(decimal x)
    {
        if (x > MaxExpArgument)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Exp needs x ≤ 66 to fit in decimal.");
        }

        // e^x < 10⁻⁴⁰ for x < −93: 0 in decimal without computing it (and without an exponent beyond BigFloat's).
        return x < -100m ? 0m : BigFloat.Exp(BigFloat.FromDecimal(x)).ToDecimal();
    }

    /// <summary>Natural logarithm ln x for x &gt; 0, rounded once to decimal (ln(1 + 10⁻²⁸) = 10⁻²⁸).</summary>
    public static decimal Log(decimal x)
    {
        if (x <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs x > 0.");
        }

        return BigFloat.Log(BigFloat.FromDecimal(x)).ToDecimal();
    }

    /// <summary>log Σ_i e^{x_i}, as max(x) + ln Σ_i e^{x_i − max(x)}, rounded once to decimal.</summary>
    /// <remarks>Logits within ±7.9·10²⁸ (the range of <see cref="ToDecimal"/>); the result, in [max, max + ln n], too.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">A logit is NaN, infinite or beyond ±7.9·10²⁸ (the message names it).</exception>
    public static decimal LogSumExp(ReadOnlySpan<double> x)
    {
        CheckDecimalRange(x, nameof(x));
        return ToDecimalResult(Core.LogSumExp(x, nameof(x)), nameof(x));
    }

    /// <summary>softmax(x)_i = e^{x_i − max} / Σ_j e^{x_j − max}, each rounded once to decimal (absolute error ≤ 5·10⁻²⁹).</summary>
    /// <remarks>Logits as in <see cref="LogSumExp"/>. A probability below 5·10⁻²⁹ is 0 here; <see cref="Precise.Softmax"/> keeps it.</remarks>
    public static decimal[] Softmax(ReadOnlySpan<double> x)
    {
        CheckDecimalRange(x, nameof(x));
        return Array.ConvertAll(Core.Softmax(x, nameof(x)), q => q.ToDecimal());
    }

    /// <summary>
    /// Cross-entropy of softmax(logits) against p in nats: H(p, softmax(z)) = Σ_i p_i·((max − z_i) + ln Σ_j e^{z_j − max}),
    /// rounded once to decimal. No probability is formed and max − z_i is exact, so nothing underflows or cancels.
    /// p is used as given (it should sum to 1); terms with p_i = 0 are 0 even where z_i is far below the maximum.
    /// </summary>
    /// <remarks>
    /// Logits within ±7.9·10²⁸ and a result within decimal's range. A loss below 0.1 keeps decimal's 28 places, not 28
    /// significant digits (a confident, correct prediction's 4·10⁻³¹ rounds to 0): <see cref="Precise.CrossEntropyFromLogits"/>
    /// keeps them.
    /// </remarks>
    /// <exception cref="ArgumentException">p and logits differ in length, or either is empty.</exception>
    /// <exception cref="ArgumentOutOfRangeException">A p_i is not finite and ≥ 0, a logit is out of range, or the loss is beyond decimal's range (the message names it).</exception>
    public static decimal CrossEntropyFromLogits(ReadOnlySpan<double> p, ReadOnlySpan<double> logits)
    {
        CheckDecimalRange(logits, nameof(logits));
        return ToDecimalResult(Core.CrossEntropyFromLogits(p, logits), nameof(logits));
    }

    /// <summary>Shannon entropy −Σ p_i ln p_i in nats, with 0 · ln 0 = 0, for any p_i in [0, 1], rounded once to decimal.</summary>
    /// <remarks>An entropy below 0.1 keeps decimal's 28 places (H([10⁻³⁰, 1]) = 6.9·10⁻²⁹ rounds to 10⁻²⁸): <see cref="Precise.Entropy"/> keeps its digits.</remarks>
    /// <exception cref="ArgumentOutOfRangeException">An entry is NaN or outside [0, 1] (the message names it).</exception>
    public static decimal Entropy(ReadOnlySpan<double> p) => Core.Entropy(p).ToDecimal();

    /// <summary>
    /// The same references as <see cref="DecimalFloat"/>: 28 significant digits, exact, at any magnitude, for any finite
    /// double input (1e308 logits, 5e−324 probabilities).
    /// </summary>
    public static class Precise
    {
        /// <summary>The double x to 28 significant digits (exact for doubles of at most 28 digits).</summary>
        public static DecimalFloat FromDouble(double x)
        {
            CheckFinite(x, nameof(x));
            return DecimalFloat.From(BigFloat.FromDouble(x));
        }

        /// <summary>e^x, for |x| &lt; 2²⁸ (e^−66 = 2.2·10⁻²⁹, e^−1000 = 5.1·10⁻⁴³⁵).</summary>
        public static DecimalFloat Exp(DecimalFloat x) => DecimalFloat.From(BigFloat.Exp(x.Exact));

        /// <summary>e^x for a decimal x.</summary>
        public static DecimalFloat Exp(decimal x) => DecimalFloat.From(BigFloat.Exp(BigFloat.FromDecimal(x)));

        /// <summary>ln x for x &gt; 0.</summary>
        /// <exception cref="ArgumentOutOfRangeException">x ≤ 0.</exception>
        public static DecimalFloat Log(DecimalFloat x)
        {
            if (x.Exact.Sign <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs x > 0.");
            }

            return DecimalFloat.From(BigFloat.Log(x.Exact));
        }

        /// <summary>ln x for a decimal x &gt; 0 (ln(1 + 10⁻²⁸) = 1.000000000000000000000000000E−28).</summary>
        /// <exception cref="ArgumentOutOfRangeException">x ≤ 0.</exception>
        public static DecimalFloat Log(decimal x)
        {
            if (x <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(x), x, "Log needs x > 0.");
            }

            return DecimalFloat.From(BigFloat.Log(BigFloat.FromDecimal(x)));
        }

        /// <summary>log Σ_i e^{x_i} for finite logits of any size.</summary>
        public static DecimalFloat LogSumExp(ReadOnlySpan<double> x) => DecimalFloat.From(Core.LogSumExp(x, nameof(x)));

        /// <summary>softmax(x), each probability to 28 significant digits (softmax([0, −64])₁ = 1.603810890548637852976087230E−28).</summary>
        public static DecimalFloat[] Softmax(ReadOnlySpan<double> x) => Array.ConvertAll(Core.Softmax(x, nameof(x)), DecimalFloat.From);

        /// <summary>H(p, softmax(logits)) in nats, as <see cref="HighPrecision.CrossEntropyFromLogits"/>, at any magnitude.</summary>
        public static DecimalFloat CrossEntropyFromLogits(ReadOnlySpan<double> p, ReadOnlySpan<double> logits) =>
            DecimalFloat.From(Core.CrossEntropyFromLogits(p, logits));

        /// <summary>−Σ p_i ln p_i in nats, every term kept (H([10⁻³⁰, 1]) = 6.907755278982137052053974364E−29).</summary>
        public static DecimalFloat Entropy(ReadOnlySpan<double> p) => DecimalFloat.From(Core.Entropy(p));
    }

    /// <summary>The formulas, in 200-bit arithmetic; the public methods only check ranges and round.</summary>
    private static class Core
    {
        public static BigFloat LogSumExp(ReadOnlySpan<double> x, string name)
        {
            BigFloat max = Max(x, name);
            return max + LogOfShiftedSum(x, max);
        }

        public static BigFloat[] Softmax(ReadOnlySpan<double> x, string name)
        {
            BigFloat max = Max(x, name);
            BigFloat sum = ShiftedSum(x, max);
            var result = new BigFloat[x.Length];
            for (int i = 0; i < x.Length; i++)
            {
                result[i] = ShiftedExp(x[i], max) / sum;
            }

            return result;
        }

        public static BigFloat CrossEntropyFromLogits(ReadOnlySpan<double> p, ReadOnlySpan<double> logits)
        {
            Guard.SameLength(logits, nameof(logits), p, nameof(p));
            for (int i = 0; i < p.Length; i++)
            {
                if (!(p[i] >= 0) || double.IsPositiveInfinity(p[i]))
                {
                    throw new ArgumentOutOfRangeException(nameof(p), p[i], $"p[{i}] = {Guard.Format(p[i])} must be finite and non-negative.");
                }
            }

            BigFloat max = Max(logits, nameof(logits));
            BigFloat logSum = LogOfShiftedSum(logits, max);
            BigFloat sum = BigFloat.Zero;
            for (int i = 0; i < p.Length; i++)
            {
                if (p[i] != 0)
                {
                    sum += BigFloat.FromDouble(p[i]) * ((max - BigFloat.FromDouble(logits[i])) + logSum);
                }
            }

            return sum;
        }

        public static BigFloat Entropy(ReadOnlySpan<double> p)
        {
            BigFloat sum = BigFloat.Zero;
            for (int i = 0; i < p.Length; i++)
            {
                double pi = p[i];
                if (!(pi >= 0 && pi <= 1))
                {
                    throw new ArgumentOutOfRangeException(nameof(p), pi, $"p[{i}] = {Guard.Format(pi)} is not a probability in [0, 1].");
                }

                if (pi != 0)
                {
                    BigFloat exact = BigFloat.FromDouble(pi);
                    sum -= exact * BigFloat.Log(exact);
                }
            }

            return sum;
        }

        /// <summary>max(x); checks that x is non-empty and every entry finite.</summary>
        private static BigFloat Max(ReadOnlySpan<double> x, string name)
        {
            Guard.NotEmpty(x, name);
            double max = double.NegativeInfinity;
            for (int i = 0; i < x.Length; i++)
            {
                CheckFinite(x[i], name, i);
                max = Math.Max(max, x[i]);
            }

            return BigFloat.FromDouble(max);
        }

        /// <summary>
        /// e^{x − max} for x ≤ max, to 200 bits; 0 when x − max ≤ −2²⁸ (a term below 10^−116,000,000, which no sum that
        /// includes the maximum's 1 can show, and the only probabilities <see cref="Precise.Softmax"/> gives as 0).
        /// </summary>
        private static BigFloat ShiftedExp(double x, BigFloat max)
        {
            BigFloat d = BigFloat.FromDouble(x) - max;
            return d.IsZero ? BigFloat.One : d.ILogB() >= 28 ? BigFloat.Zero : BigFloat.Exp(d);
        }

        /// <summary>
        /// ln Σ_i e^{x_i − max} = log1p(Σ_{i≠k} e^{x_i − max}), k the first maximum: its exact 1 is left out of the sum, so
        /// a tail far below it (e^−295) keeps its digits in the result.
        /// </summary>
        private static BigFloat LogOfShiftedSum(ReadOnlySpan<double> x, BigFloat max)
        {
            BigFloat tail = BigFloat.Zero;
            bool skipped = false;
            foreach (double xi in x)
            {
                if (!skipped && (BigFloat.FromDouble(xi) - max).IsZero)
                {
                    skipped = true;
                    continue;
                }

                tail += ShiftedExp(xi, max);
            }

            return BigFloat.Log1P(tail);
        }

        /// <summary>Σ_i e^{x_i − max} ∈ [1, n].</summary>
        private static BigFloat ShiftedSum(ReadOnlySpan<double> x, BigFloat max)
        {
            BigFloat sum = BigFloat.Zero;
            foreach (double xi in x)
            {
                sum += ShiftedExp(xi, max);
            }

            return sum;
        }
    }

    private static void CheckFinite(double x, string name, int index = -1)
    {
        if (!double.IsFinite(x))
        {
            string what = index < 0 ? name : $"{name}[{index}]";
            throw new ArgumentOutOfRangeException(name, x, $"{what} = {Guard.Format(x)} must be finite.");
        }
    }

    /// <summary>Decimal methods take inputs within decimal's range, so a result near an input is one too.</summary>
    private static void CheckDecimalRange(ReadOnlySpan<double> x, string name)
    {
        Guard.NotEmpty(x, name);
        for (int i = 0; i < x.Length; i++)
        {
            if (!double.IsFinite(x[i]) || Math.Abs(x[i]) > DecimalRange)
            {
                throw new ArgumentOutOfRangeException(
                    name, x[i], $"{name}[{i}] = {Guard.Format(x[i])} must be finite and within decimal's range (±7.9e28).");
            }
        }
    }

    private static decimal ToDecimalResult(BigFloat value, string name)
    {
        try
        {
            return value.ToDecimal();
        }
        catch (OverflowException)
        {
            throw new ArgumentOutOfRangeException(
                name, value.ToDouble(), $"The result {Guard.Format(value.ToDouble())} is beyond decimal's range (7.9e28); use HighPrecision.Precise.");
        }
    }
}
