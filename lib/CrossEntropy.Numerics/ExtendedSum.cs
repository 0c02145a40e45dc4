namespace CrossEntropy.Numerics;

/// <summary>
/// A running sum of products, held as significand · 2^exponent with an int exponent, so neither the terms nor the sum
/// can overflow or underflow on the way: Σ w_n·l_n of rows whose losses are near double.MaxValue, or whose weights are
/// 5e−324, keeps every significant bit. Only <see cref="Value"/> and <see cref="Ratio"/> round back to a double, which
/// overflows to ±∞ or underflows only when the true result does.
/// </summary>
/// <remarks>
/// <para>Each addition rounds once, like a plain double addition (a product of up to four factors adds up to three more
/// roundings). Non-finite terms (an +∞ loss at a masked target, NaN) are summed apart in IEEE arithmetic and decide the
/// result.</para>
/// <para>Two representations of the same value: while the sum is a double it is held as that double with exponent 0,
/// and an addition whose result is finite is one double addition; otherwise the significand is in [1, 2) and every
/// addition is aligned on the larger exponent. Both round the exact sum once to 53 bits (a double sum that is
/// subnormal is exact, and multiplying by a power of two commutes with rounding in the normal range), so they give the
/// same bits; the first costs one addition and two tests per term, which is what keeps short rows cheap.</para>
/// </remarks>
internal struct ExtendedSum
{
    // Invariant: _exponent == 0 and _significand is the value itself (a finite double), or _exponent != 0 and
    // _significand is in [1, 2) with the value outside the normal range.
    private double _significand;
    private int _exponent;
    private double _nonFinite;

    /// <summary>The sum rounded to a double: ±∞ when its magnitude exceeds double.MaxValue.</summary>
    public readonly double Value => HasNonFinite ? _nonFinite : Math.ScaleB(_significand, _exponent);

    /// <summary>Whether the sum is held as a plain double (every normal value is; the fast path needs it).</summary>
    internal readonly bool IsDouble => _exponent == 0;

    private readonly bool HasNonFinite => _nonFinite != 0 || double.IsNaN(_nonFinite);

    /// <summary>Adds x.</summary>
    public void Add(double x) => AddScaled(x, 0);

    /// <summary>
    /// Adds a·b·c·d without forming the product in double, so it neither overflows nor underflows; a term with a zero
    /// factor is 0 even when another factor is ∞ or NaN (0·∞ = 0: a zero weight or target removes the term).
    /// </summary>
    public void AddProduct(double a, double b, double c = 1, double d = 1) => AddScaledProduct(0, a, b, c, d);

    /// <summary>
    /// Adds a·b·c·d·2^<paramref name="scale"/>, as <see cref="AddProduct(double, double, double, double)"/>: for a factor
    /// that is itself out of double's range, carried as a double and a power of two (a term halved so that it does not
    /// overflow, an exponential far below the subnormals).
    /// </summary>
    public void AddScaledProduct(int scale, double a, double b, double c = 1, double d = 1)
    {
        if (a == 0 || b == 0 || c == 0 || d == 0)
        {
            return;
        }

        // While every partial product is normal, each is the exact product rounded once: the bits of the product of the
        // significands below, scaled back.
        double ab = a * b, abc = ab * c, product = abc * d;
        if (scale == 0 && double.IsNormal(ab) && double.IsNormal(abc) && double.IsNormal(product))
        {
            AddScaled(product, 0);
            return;
        }

        // Otherwise on significands and exponents. An ∞ or NaN factor stays ∞ or NaN through ScaleB, and AddScaled records
        // such a term before it would read the (then meaningless) exponent.
        int ea = Math.ILogB(a), eb = Math.ILogB(b), ec = Math.ILogB(c), ed = Math.ILogB(d);
        double significand = Math.ScaleB(a, -ea) * Math.ScaleB(b, -eb) * Math.ScaleB(c, -ec) * Math.ScaleB(d, -ed);
        AddScaled(significand, ea + eb + ec + ed + scale);
    }

    /// <summary>Adds factor·other; a zero factor adds nothing.</summary>
    public void AddProduct(double factor, in ExtendedSum other)
    {
        if (factor == 0)
        {
            return;
        }

        if (!double.IsFinite(factor) || other.HasNonFinite)
        {
            _nonFinite += factor * other.Value;
            return;
        }

        var (significand, exponent) = other.Normalized();
        int factorExponent = Math.ILogB(factor);
        AddScaled(Math.ScaleB(factor, -factorExponent) * significand, factorExponent + exponent);
    }

    /// <summary>A sum holding the single term x.</summary>
    public static ExtendedSum Of(double x)
    {
        var sum = default(ExtendedSum);
        sum.Add(x);
        return sum;
    }

    /// <summary>a·b / denominator, rounded once: in range whenever the true result is.</summary>
    public static double ProductRatio(double a, double b, in ExtendedSum denominator)
    {
        var product = default(ExtendedSum);
        product.AddProduct(a, b);
        return Ratio(product, denominator);
    }

    /// <summary>Adds another sum.</summary>
    public void Add(in ExtendedSum other)
    {
        _nonFinite += other._nonFinite;
        AddScaled(other._significand, other._exponent);
    }

    /// <summary>numerator / denominator, rounded once to a double: the ratio of two sums that may each be out of range.</summary>
    public static double Ratio(in ExtendedSum numerator, in ExtendedSum denominator)
    {
        if (numerator.HasNonFinite || denominator.HasNonFinite)
        {
            return numerator.Value / denominator.Value;
        }

        var (n, ne) = numerator.Normalized();
        var (d, de) = denominator.Normalized();
        return Math.ScaleB(n / d, ne - de);
    }

    /// <summary>The value as m·2^e with m in [1, 2) (or 0·2^0).</summary>
    private readonly (double Significand, int Exponent) Normalized()
    {
        if (_exponent != 0 || _significand == 0)
        {
            return (_significand, _exponent);
        }

        int e = Math.ILogB(_significand);
        return (Math.ScaleB(_significand, -e), e);
    }

    /// <summary>Adds x·2^scale.</summary>
    private void AddScaled(double x, int scale)
    {
        if (x == 0)
        {
            return;
        }

        if (scale == 0 && _exponent == 0)
        {
            // Both are the values themselves: one addition, rounded once (exact when the sum is subnormal), unless
            // it overflows (or x is ±∞ or NaN).
            double plain = _significand + x;
            if (double.IsFinite(plain))
            {
                _significand = plain;
                return;
            }
        }

        if (!double.IsFinite(x))
        {
            _nonFinite += x;
            return;
        }

        int ex = Math.ILogB(x);
        double m = Math.ScaleB(x, -ex);
        int e = ex + scale;
        if (_significand == 0)
        {
            Store(m, e);
            return;
        }

        // Align on the larger exponent: only the smaller operand is scaled down, so nothing overflows, and what
        // underflows is below half an ulp of the result.
        var (significand, exponent) = Normalized();
        int top = Math.Max(exponent, e);
        double sum = Math.ScaleB(significand, exponent - top) + Math.ScaleB(m, e - top);
        if (sum == 0)
        {
            (_significand, _exponent) = (0, 0);
            return;
        }

        int shift = Math.ILogB(sum);
        Store(Math.ScaleB(sum, -shift), top + shift);
    }

    /// <summary>Keeps m·2^e (m in [1, 2)) as a plain double when that is a normal double, else as it is.</summary>
    private void Store(double m, int e) =>
        (_significand, _exponent) = e is >= -1022 and <= 1023 ? (Math.ScaleB(m, e), 0) : (m, e);
}
