using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>
/// A binary floating-point number with a <see cref="BigInteger"/> significand of <see cref="Precision"/> bits (about 60
/// decimal digits) and an int exponent: the working precision of <see cref="HighPrecision"/>, so that its results,
/// rounded once to 28 significant digits (or to decimal), are exact to the last digit at any magnitude.
/// </summary>
/// <remarks>
/// value = <see cref="Mantissa"/>·2^<see cref="Exponent"/>. Every operation rounds its exact result to
/// <see cref="Precision"/> bits (to nearest), so a chain of a few hundred operations still has some 55 correct digits.
/// Doubles convert exactly. Exp and Log use the series of e^r and atanh after range reduction by ln 2; ln 2 itself is
/// 2·atanh(1/3), computed once.
/// </remarks>
internal readonly struct BigFloat : IComparable<BigFloat>
{
    /// <summary>Significand bits kept by every operation.</summary>
    public const int Precision = 200;

    private static readonly Lazy<BigFloat> Ln2Value = new(() => Atanh(Ratio(1, 3)).Scale(1));

    public BigFloat(BigInteger mantissa, int exponent)
    {
        if (mantissa.IsZero)
        {
            (Mantissa, Exponent) = (BigInteger.Zero, 0);
            return;
        }

        // Round to nearest, ties away from zero, to Precision bits.
        long excess = (long)mantissa.GetBitLength() - Precision;
        if (excess > 0)
        {
            BigInteger half = BigInteger.One << (int)(excess - 1);
            mantissa = mantissa.Sign > 0 ? (mantissa + half) >> (int)excess : -((-mantissa + half) >> (int)excess);
            exponent += (int)excess;
        }

        (Mantissa, Exponent) = (mantissa, exponent);
    }

    public BigInteger Mantissa { get; }

    public int Exponent { get; }

    public static BigFloat Zero => default;

    public static BigFloat One => new(BigInteger.One, 0);

    public int Sign => Mantissa.Sign;

    public bool IsZero => Mantissa.IsZero;

    /// <summary>ln 2 to <see cref="Precision"/> bits.</summary>
    public static BigFloat Ln2 => Ln2Value.Value;

    /// <summary>The exact value of a finite double.</summary>
    public static BigFloat FromDouble(double x)
    {
        if (!double.IsFinite(x))
        {
            throw new ArgumentOutOfRangeException(nameof(x), x, "A BigFloat is finite.");
        }

        if (x == 0)
        {
            return Zero;
        }

        long bits = BitConverter.DoubleToInt64Bits(x);
        int biased = (int)((bits >> 52) & 0x7FF);
        long fraction = bits & 0xFFFFFFFFFFFFFL;
        long mantissa = biased == 0 ? fraction : fraction | (1L << 52);
        int exponent = (biased == 0 ? 1 : biased) - 1075;
        return new(x < 0 ? -mantissa : mantissa, exponent);
    }

    /// <summary>A decimal, to <see cref="Precision"/> bits (exact when it is a dyadic fraction, as integers are).</summary>
    public static BigFloat FromDecimal(decimal d)
    {
        Span<int> parts = stackalloc int[4];
        decimal.GetBits(d, parts);
        var magnitude = new BigInteger((uint)parts[0]) | (new BigInteger((uint)parts[1]) << 32) | (new BigInteger((uint)parts[2]) << 64);
        int scale = (parts[3] >> 16) & 0xFF;
        BigFloat value = Ratio(magnitude, BigInteger.Pow(10, scale));
        return d < 0 ? -value : value;
    }

    /// <summary>numerator / denominator, rounded to <see cref="Precision"/> bits.</summary>
    public static BigFloat Ratio(BigInteger numerator, BigInteger denominator)
    {
        if (numerator.IsZero)
        {
            return Zero;
        }

        // Enough quotient bits: shift so the integer quotient has Precision + 2 bits, then round.
        long shift = Precision + 2 - (numerator.GetBitLength() - denominator.GetBitLength());
        BigInteger n = shift > 0 ? numerator << (int)shift : numerator;
        BigInteger d = shift < 0 ? denominator << (int)-shift : denominator;
        BigInteger q = BigInteger.DivRem(n, d, out BigInteger r);
        q = (q << 1) | (r.IsZero ? 0 : 1); // a sticky bit, so the rounding below sees an inexact quotient
        return new(q, (int)-shift - 1);
    }

    public static BigFloat operator -(BigFloat x) => new(-x.Mantissa, x.Exponent);

    public static BigFloat operator +(BigFloat a, BigFloat b)
    {
        if (a.IsZero)
        {
            return b;
        }

        if (b.IsZero)
        {
            return a;
        }

        // Align on the smaller exponent, but never more than Precision + 2 bits below the larger operand: what lies
        // further down only decides the rounding, which a sticky bit keeps.
        int top = Math.Max(a.Exponent + (int)a.Mantissa.GetBitLength(), b.Exponent + (int)b.Mantissa.GetBitLength());
        int floor = Math.Max(Math.Min(a.Exponent, b.Exponent), top - Precision - 4);
        return new(Aligned(a, floor) + Aligned(b, floor), floor);
    }

    public static BigFloat operator -(BigFloat a, BigFloat b) => a + -b;

    public static BigFloat operator *(BigFloat a, BigFloat b) => new(a.Mantissa * b.Mantissa, a.Exponent + b.Exponent);

    public static BigFloat operator /(BigFloat a, BigFloat b)
    {
        if (b.IsZero)
        {
            throw new DivideByZeroException();
        }

        BigFloat q = Ratio(BigInteger.Abs(a.Mantissa), BigInteger.Abs(b.Mantissa));
        q = new(q.Mantissa, q.Exponent + a.Exponent - b.Exponent);
        return a.Sign * b.Sign < 0 ? -q : q;
    }

    public static bool operator <(BigFloat a, BigFloat b) => a.CompareTo(b) < 0;

    public static bool operator >(BigFloat a, BigFloat b) => a.CompareTo(b) > 0;

    public static bool operator <=(BigFloat a, BigFloat b) => a.CompareTo(b) <= 0;

    public static bool operator >=(BigFloat a, BigFloat b) => a.CompareTo(b) >= 0;

    public int CompareTo(BigFloat other) => (this - other).Sign;

    /// <summary>x·2^n, exactly.</summary>
    public BigFloat Scale(int n) => new(Mantissa, Exponent + n);

    /// <summary>⌊log₂|x|⌋ for x ≠ 0.</summary>
    public int ILogB() => Exponent + (int)BigInteger.Abs(Mantissa).GetBitLength() - 1;

    /// <summary>e^x: x = n·ln 2 + r with |r| ≤ ln 2 / 2, e^r by its Taylor series, times 2^n.</summary>
    public static BigFloat Exp(BigFloat x)
    {
        if (x.IsZero)
        {
            return One;
        }

        if (x.ILogB() >= 28)
        {
            throw new ArgumentOutOfRangeException(nameof(x), "e^x for |x| ≥ 2^28 is beyond the exponents held here.");
        }

        BigInteger n = Round(x / Ln2);
        BigFloat r = x - (Ln2 * new BigFloat(n, 0));
        BigFloat term = One, sum = One;
        for (int k = 1; ; k++)
        {
            term = term * r / new BigFloat(k, 0);
            if (term.IsZero || term.ILogB() < sum.ILogB() - Precision - 2)
            {
                break;
            }

            sum += term;
        }

        return sum.Scale((int)n);
    }

    /// <summary>ln x for x &gt; 0: x = m·2^k with m in [1/√2, √2], ln m = 2·atanh((m − 1)/(m + 1)).</summary>
    public static BigFloat Log(BigFloat x)
    {
        if (x.Sign <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(x), "ln x needs x > 0.");
        }

        int k = x.ILogB();
        BigFloat m = x.Scale(-k); // in [1, 2)
        if (m * m > new BigFloat(2, 0))
        {
            m = m.Scale(-1);
            k++;
        }

        return Atanh((m - One) / (m + One)).Scale(1) + (Ln2 * new BigFloat(k, 0));
    }

    /// <summary>ln(1 + r) for r &gt; −1, keeping the digits of a tiny r (1 + r itself would round r away): 2·atanh(r / (2 + r)).</summary>
    public static BigFloat Log1P(BigFloat r)
    {
        if (r.IsZero)
        {
            return Zero;
        }

        BigFloat two = new(2, 0);
        return r.ILogB() < -2 ? Atanh(r / (two + r)).Scale(1) : Log(One + r);
    }

    /// <summary>The nearest double (round to nearest even, with overflow to ±∞ and gradual underflow).</summary>
    public double ToDouble()
    {
        if (IsZero)
        {
            return 0;
        }

        // Keep 53 significant bits (fewer for a subnormal result) with the rest as a sticky bit, then let the double
        // conversion of an exactly representable integer and ScaleB do the rest without a second rounding.
        BigInteger magnitude = BigInteger.Abs(Mantissa);
        int bits = (int)magnitude.GetBitLength();
        int lowest = Math.Max(Exponent + bits - 53, -1074); // exponent of the last bit a double keeps
        int drop = lowest - Exponent;
        if (drop > 0)
        {
            BigInteger kept = magnitude >> drop;
            BigInteger rest = magnitude - (kept << drop);
            BigInteger half = BigInteger.One << (drop - 1);
            if (rest > half || (rest == half && !kept.IsEven))
            {
                kept += 1;
            }

            double value = Math.ScaleB((double)kept, lowest);
            return Sign < 0 ? -value : value;
        }

        double exact = Math.ScaleB((double)magnitude, Exponent);
        return Sign < 0 ? -exact : exact;
    }

    /// <summary>round(x·10^k) to the nearest integer (ties away from zero), exactly.</summary>
    public BigInteger RoundScaledByPowerOfTen(int k)
    {
        BigInteger numerator = Mantissa, denominator = BigInteger.One;
        if (k >= 0)
        {
            numerator *= BigInteger.Pow(10, k);
        }
        else
        {
            denominator *= BigInteger.Pow(10, -k);
        }

        if (Exponent >= 0)
        {
            numerator <<= Exponent;
        }
        else
        {
            denominator <<= -Exponent;
        }

        BigInteger q = BigInteger.DivRem(BigInteger.Abs(numerator), denominator, out BigInteger r);
        if (r * 2 >= denominator)
        {
            q += 1;
        }

        return numerator.Sign < 0 ? -q : q;
    }

    /// <summary>⌊log₁₀|x|⌋ for x ≠ 0, exactly.</summary>
    public int DecimalExponent()
    {
        var magnitude = new BigFloat(BigInteger.Abs(Mantissa), Exponent);
        int guess = (int)Math.Floor(ILogB() * 0.30102999566398120);
        // 10^guess ≤ |x| < 10^(guess + 1), adjusted by exact comparisons.
        while (PowerOfTen(guess) > magnitude)
        {
            guess--;
        }

        while (PowerOfTen(guess + 1) <= magnitude)
        {
            guess++;
        }

        return guess;
    }

    /// <summary>10^k exactly (as an integer, or a ratio rounded to Precision bits for k &lt; 0).</summary>
    public static BigFloat PowerOfTen(int k) =>
        k >= 0 ? new BigFloat(BigInteger.Pow(10, k), 0) : Ratio(BigInteger.One, BigInteger.Pow(10, -k));

    /// <summary>
    /// The decimal nearest x: the largest scale (at most 28) whose scaled integer fits decimal's 96 bits, rounded once
    /// (ties away from zero). Exact when decimal can hold x.
    /// </summary>
    /// <exception cref="OverflowException">|x| is beyond decimal's range (7.9·10²⁸).</exception>
    public decimal ToDecimal()
    {
        if (IsZero)
        {
            return 0m;
        }

        BigInteger limit = BigInteger.One << 96;
        int scale = Math.Clamp(28 - DecimalExponent(), 0, 28);
        BigInteger q = RoundScaledByPowerOfTen(scale);
        while (BigInteger.Abs(q) >= limit)
        {
            if (scale == 0)
            {
                throw new OverflowException($"{ToDouble():R} is beyond decimal's range.");
            }

            scale--;
            q = RoundScaledByPowerOfTen(scale);
        }

        BigInteger magnitude = BigInteger.Abs(q);
        return new decimal(
            (int)(uint)(magnitude & uint.MaxValue), (int)(uint)((magnitude >> 32) & uint.MaxValue),
            (int)(uint)(magnitude >> 64), q.Sign < 0, (byte)scale);
    }

    public override string ToString() => ToDouble().ToString(System.Globalization.CultureInfo.InvariantCulture);

    private static BigInteger Aligned(BigFloat x, int floor)
    {
        int shift = x.Exponent - floor;
        if (shift >= 0)
        {
            return x.Mantissa << shift;
        }

        // Below the floor: keep a sticky 1 so the sum rounds as the exact sum would.
        BigInteger magnitude = BigInteger.Abs(x.Mantissa) >> -shift;
        magnitude = magnitude.IsZero ? BigInteger.One : magnitude | BigInteger.One;
        return x.Sign < 0 ? -magnitude : magnitude;
    }

    /// <summary>The integer nearest x (ties away from zero).</summary>
    private static BigInteger Round(BigFloat x) => x.RoundScaledByPowerOfTen(0);

    /// <summary>atanh z = Σ z^{2j+1} / (2j + 1) for |z| ≤ 1/3.</summary>
    private static BigFloat Atanh(BigFloat z)
    {
        BigFloat z2 = z * z, power = z, sum = z;
        for (int j = 3; !power.IsZero; j += 2)
        {
            power *= z2;
            BigFloat term = power / new BigFloat(j, 0);
            if (term.IsZero || term.ILogB() < sum.ILogB() - Precision - 2)
            {
                break;
            }

            sum += term;
        }

        return sum;
    }
}
