using System.Globalization;
using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>
/// A number with 28 significant decimal digits at any magnitude: a decimal significand s with 1 ≤ |s| &lt; 10 (or 0)
/// and its own power of ten, value = s·10^e. What <see cref="HighPrecision.Precise"/> returns, so a reference value
/// keeps its 28 digits where decimal would keep fewer (e^−66 = 2.2·10⁻²⁹ is 0 in decimal, whose last place is 10⁻²⁸).
/// </summary>
/// <remarks>
/// Every value comes from an exact (or 200-bit) result rounded once to 28 significant digits, so its digits are the
/// true value's. It carries that 200-bit value too: conversions, <see cref="RelativeError(double)"/> and
/// <see cref="HighPrecision.Precise"/>'s Exp and Log start from it, so nothing is rounded twice. Compare with <see cref="RelativeError(double)"/> (computed exactly), convert with
/// <see cref="ToDouble"/> (the nearest double) or the explicit conversion to decimal (the nearest decimal).
/// </remarks>
public readonly struct DecimalFloat : IEquatable<DecimalFloat>, IComparable<DecimalFloat>, IFormattable
{
    private readonly BigFloat _exact; // the value before rounding to 28 digits, for conversions without double rounding

    private DecimalFloat(BigFloat exact)
    {
        _exact = exact;
        if (exact.IsZero)
        {
            return;
        }

        int e = exact.DecimalExponent();
        BigInteger digits = exact.RoundScaledByPowerOfTen(27 - e);
        if (BigInteger.Abs(digits) >= BigInteger.Pow(10, 28)) // rounding carried into a 29th digit (9.99…9 → 10)
        {
            e++;
            digits = exact.RoundScaledByPowerOfTen(27 - e);
        }

        BigInteger magnitude = BigInteger.Abs(digits);
        Significand = new decimal(
            (int)(uint)(magnitude & uint.MaxValue), (int)(uint)((magnitude >> 32) & uint.MaxValue),
            (int)(uint)(magnitude >> 64), digits.Sign < 0, 27);
        Exponent = e;
    }

    /// <summary>s, with 1 ≤ |s| &lt; 10 and 28 significant digits; 0 for zero.</summary>
    public decimal Significand { get; }

    /// <summary>e in value = s·10^e.</summary>
    public int Exponent { get; }

    /// <summary>The nearest double (0 or ±∞ where the value is beyond double's range).</summary>
    public double ToDouble() => _exact.ToDouble();

    /// <summary>The nearest decimal: the value itself when decimal can hold it; below 10⁻²⁸ decimal keeps fewer digits.</summary>
    /// <exception cref="OverflowException">The value is beyond decimal's range (7.9·10²⁸).</exception>
    public static explicit operator decimal(DecimalFloat x) => x._exact.ToDecimal();

    /// <summary>|computed − x| / |x|, computed exactly from the double and the 200-bit value (NaN for x = 0 or a non-finite double).</summary>
    public double RelativeError(double computed)
    {
        if (!double.IsFinite(computed) || _exact.IsZero)
        {
            return double.NaN;
        }

        BigFloat difference = BigFloat.FromDouble(computed) - _exact;
        return Math.Abs((difference / _exact).ToDouble());
    }

    internal static DecimalFloat From(BigFloat exact) => new(exact);

    internal BigFloat Exact => _exact;

    /// <summary>Same 28 digits and exponent.</summary>
    public bool Equals(DecimalFloat other) => Significand == other.Significand && Exponent == other.Exponent;

    /// <inheritdoc/>
    public override bool Equals(object? obj) => obj is DecimalFloat other && Equals(other);

    /// <inheritdoc/>
    public override int GetHashCode() => HashCode.Combine(Significand, Exponent);

    /// <summary>Orders by value.</summary>
    public int CompareTo(DecimalFloat other) => _exact.CompareTo(other._exact);

    /// <summary>Same 28 digits and exponent.</summary>
    public static bool operator ==(DecimalFloat a, DecimalFloat b) => a.Equals(b);

    /// <summary>Different digits or exponent.</summary>
    public static bool operator !=(DecimalFloat a, DecimalFloat b) => !a.Equals(b);

    /// <summary>a &lt; b by value.</summary>
    public static bool operator <(DecimalFloat a, DecimalFloat b) => a.CompareTo(b) < 0;

    /// <summary>a &gt; b by value.</summary>
    public static bool operator >(DecimalFloat a, DecimalFloat b) => a.CompareTo(b) > 0;

    /// <summary>a ≤ b by value.</summary>
    public static bool operator <=(DecimalFloat a, DecimalFloat b) => a.CompareTo(b) <= 0;

    /// <summary>a ≥ b by value.</summary>
    public static bool operator >=(DecimalFloat a, DecimalFloat b) => a.CompareTo(b) >= 0;

    /// <summary>"6.907755278982137052053974364E-29": the 28 digits and the exponent, in the invariant culture.</summary>
    public override string ToString() => ToString(null, CultureInfo.InvariantCulture);

    /// <summary>The significand formatted with <paramref name="format"/> (all 28 digits by default), then "E" and the exponent unless it is 0.</summary>
    public string ToString(string? format, IFormatProvider? formatProvider)
    {
        formatProvider ??= CultureInfo.InvariantCulture;
        string significand = Significand.ToString(format ?? "0.000000000000000000000000000", formatProvider);
        return Exponent == 0 ? significand : $"{significand}E{Exponent.ToString(formatProvider)}";
    }
}
