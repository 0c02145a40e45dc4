using CrossEntropy.Numerics;
using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The decimal reference must itself be right before it can judge anything: checked against constants and values
/// computed independently with mpmath at 40 digits (quoted to the digits decimal holds).
/// </summary>
public class HighPrecisionTests
{
    private const decimal Tight = 1e-25m;

    [Theory]
    [InlineData("1", "2.718281828459045235360287471")]
    [InlineData("-20", "0.000000002061153622438557827966")]
    [InlineData("50", "5184705528587072464087.453322933")]
    [InlineData("0", "1")]
    public void Exp_matches_mpmath(string x, string expected)
    {
        decimal actual = HighPrecision.Exp(decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture));
        decimal want = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - want) <= Tight * Math.Max(1m, want), $"Exp({x}) = {actual}, expected {want}");
    }

    [Theory]
    [InlineData("2", "0.6931471805599453094172321215")]
    [InlineData("10", "2.302585092994045684017991455")]
    [InlineData("0.00000000000000000001", "-46.05170185988091368035982909")]
    [InlineData("1", "0")]
    public void Log_matches_mpmath(string x, string expected)
    {
        decimal actual = HighPrecision.Log(decimal.Parse(x, System.Globalization.CultureInfo.InvariantCulture));
        decimal want = decimal.Parse(expected, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Math.Abs(actual - want) <= Tight * Math.Max(1m, Math.Abs(want)), $"Log({x}) = {actual}, expected {want}");
    }

    [Fact]
    public void Log_inverts_Exp_across_the_range()
    {
        // Exp is accurate to about 1e-28 absolute, so e^x for x < 0 carries fewer significant digits: the round trip
        // error grows like 1e-28 / e^x. Both regimes are checked with their own bound.
        for (decimal x = 0m; x <= 60m; x += 0.37m)
        {
            Assert.True(Math.Abs(HighPrecision.Log(HighPrecision.Exp(x)) - x) < 1e-22m, $"x = {x}");
        }

        for (decimal x = -20m; x < 0m; x += 0.37m)
        {
            Assert.True(Math.Abs(HighPrecision.Log(HighPrecision.Exp(x)) - x) < 1e-18m, $"x = {x}");
        }
    }

    [Fact]
    public void LogSumExp_of_0_to_9_matches_scipy_and_mpmath()
    {
        // scipy.special.logsumexp(np.arange(10)) = 9.4586297444267107; mpmath: 9.458629744426711401812139199.
        decimal lse = HighPrecision.LogSumExp([0, 1, 2, 3, 4, 5, 6, 7, 8, 9]);
        Assert.True(Math.Abs(lse - 9.458629744426711401812139199m) < Tight);
        Assert.Equal(9.4586297444267107, (double)lse, 15);
    }

    [Fact]
    public void Blog_example_matches_mpmath()
    {
        // mpmath on the doubles 0.7 and 0.3: q = [0.59868766011245199236678830433, ...], CE = 0.71301525239995262038141257575.
        decimal[] q = HighPrecision.Softmax([0.7, 0.3]);
        Assert.True(Math.Abs(q[0] - 0.5986876601124519923667883043m) < Tight);
        Assert.True(Math.Abs(q[1] - 0.4013123398875480076332116957m) < Tight);
        decimal ce = HighPrecision.CrossEntropyFromLogits([0.5, 0.5], [0.7, 0.3]);
        Assert.True(Math.Abs(ce - 0.7130152523999526203814125757m) < Tight);
    }

    [Fact]
    public void Entropy_of_0_9_0_1_matches_mpmath_and_scipy()
    {
        // mpmath: 0.3250829733914482268723627520 nats; scipy entropy([0.9, 0.1], base=2) = 0.46899559358928117 bits.
        decimal h = HighPrecision.Entropy([0.9, 0.1]);
        Assert.True(Math.Abs(h - 0.3250829733914482268723627520m) < Tight);
        Assert.Equal(0.46899559358928117, (double)(h / HighPrecision.Ln2), 15);
    }

    [Theory]
    [InlineData(0.1)]
    [InlineData(-123.456)]
    [InlineData(1e20)]
    [InlineData(3.0e-10)]
    public void ToDecimal_keeps_more_digits_than_decimal_conversion(double x)
    {
        // Round-trips exactly, and the digits beyond the 15 that (decimal)x keeps are the double's own.
        decimal d = HighPrecision.ToDecimal(x);
        Assert.Equal(x, (double)d);
        Assert.True(Math.Abs(d - (decimal)x) <= Math.Abs((decimal)x) * 1e-14m);
    }

    [Fact]
    public void ToDecimal_is_exact_for_0_1()
    {
        // The double nearest 0.1 is 0.1000000000000000055511151231257827…: decimal holds its first 28 digits.
        Assert.Equal(0.1000000000000000055511151231m, HighPrecision.ToDecimal(0.1));
    }

    [Theory]
    [InlineData(double.NaN)]
    [InlineData(double.PositiveInfinity)]
    [InlineData(1e30)]
    public void ToDecimal_rejects_what_decimal_cannot_hold(double x) =>
        Assert.Equal("x", Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.ToDecimal(x)).ParamName);

    [Fact]
    public void Exp_and_Log_reject_out_of_range_arguments()
    {
        Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.Exp(67m));
        Assert.Equal(0m, HighPrecision.Exp(-67m));
        Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.Log(0m));
    }

    // ---- The documented range: right everywhere in it, a clear exception outside ----

    [Fact]
    public void LogSumExp_of_logits_far_apart_does_not_overflow()
    {
        Assert.Equal(HighPrecision.ToDecimal(4e28), HighPrecision.LogSumExp([4e28, -4e28]));
        Assert.Equal(HighPrecision.ToDecimal(-7.9e28), HighPrecision.LogSumExp([-7.9e28]));
    }

    // Equal logits: softmax is exactly uniform however large they are (it was 0.3679 at 7.9e28: e^{x − LSE} with
    // LSE = x + ln 2 rounded to an integer).
    [Theory]
    [InlineData(7.9e28)]
    [InlineData(1e20)]
    [InlineData(-7.9e28)]
    [InlineData(0.0)]
    public void Softmax_of_equal_large_logits_is_uniform(double x)
    {
        Assert.Equal([0.5m, 0.5m], HighPrecision.Softmax([x, x]));
        Assert.Equal(1m / 3, HighPrecision.Softmax([x, x, x])[0]);
        // H(p, softmax) of equal logits is ln 2, however large the logits.
        Assert.True(Math.Abs(HighPrecision.CrossEntropyFromLogits([1, 0], [x, x]) - HighPrecision.Ln2) <= Tight);
    }

    // −p ln p for p below decimal's resolution (1e−28): p = 1e−30 contributes 1e−30·69.08 = 6.9e−29.
    [Fact]
    public void Entropy_counts_probabilities_below_decimal_resolution()
    {
        decimal h = HighPrecision.Entropy([1e-30, 1]);
        Assert.True(Math.Abs(h - 6.9077552789821370520539743641e-29m) <= 2e-28m, $"{h}");
        Assert.Equal(0m, HighPrecision.Entropy([5e-324, 1]));
        Assert.Equal(0m, HighPrecision.Entropy([0, 1])); // 0 · ln 0 = 0, and 0 is a valid probability
        Tolerance.Ulps(Information.Entropy([0.25, 0.75]), (double)HighPrecision.Entropy([0.25, 0.75]), 2);
    }

    [Fact]
    public void Out_of_range_input_is_rejected_naming_the_value()
    {
        var e = Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.LogSumExp([0, 1e29]));
        Assert.Equal("x", e.ParamName);
        Assert.Equal(1e29, e.ActualValue);
        // A loss beyond decimal's range (1.58e29); Precise holds it. (Each max − z_i alone may exceed it: 0.5·1.4e29 fits.)
        var far = Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.CrossEntropyFromLogits([0, 1], [7.9e28, -7.9e28]));
        Assert.Equal("logits", far.ParamName);
        Assert.Contains("beyond decimal's range", far.Message, StringComparison.Ordinal);
        Assert.Equal(HighPrecision.ToDecimal(7e28), HighPrecision.CrossEntropyFromLogits([0.5, 0.5], [7e28, -7e28]));
        Assert.Equal(0, HighPrecision.Precise.CrossEntropyFromLogits([0, 1], [7.9e28, -7.9e28]).RelativeError(2 * 7.9e28)); // 2·7.9e28 is exact in double
        var p = Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.Entropy([1.5, -0.5]));
        Assert.Equal("p", p.ParamName);
        Assert.Contains("p[0] = 1.5", p.Message, StringComparison.Ordinal);
    }

    // The ends of Exp's range: e^66 (python's decimal module at 50 digits: 46071866343312915426773184428.060086893…)
    // fits, and a huge negative argument returns 0 at once rather than halving 10^28 times.
    [Fact]
    public void Exp_at_the_ends_of_its_range()
    {
        decimal e66 = HighPrecision.Exp(66m);
        Assert.True(Math.Abs(e66 - 46071866343312915426773184428.06m) <= 1e-24m * e66, $"{e66}");
        Assert.Equal(0m, HighPrecision.Exp(-1e28m));
        Assert.Equal(HighPrecision.ToDecimal(7.9e28), HighPrecision.LogSumExp([7.9e28]));
    }
}

/// <summary>
/// Issue 19, item 8: the reference lost tiny values (Entropy([1e−30, 1]) = 1e−28, Exp(−66) = 0, …). The decimal methods
/// now round the exact value once; <see cref="HighPrecision.Precise"/> keeps 28 significant digits at any magnitude.
/// Expected digits from mpmath at 60 digits on the same doubles.
/// </summary>
public class HighPrecisionTinyValueTests
{
    [Fact]
    public void Item8_tiny_values_keep_28_significant_digits()
    {
        Assert.Equal("6.907755278982137619387931687E-29", HighPrecision.Precise.Entropy([1e-30, 1]).ToString());
        Assert.Equal("9.210340371976182091906030429E-39", HighPrecision.Precise.Entropy([1e-40, 1]).ToString());
        Assert.Equal("3.678022649239412605065519265E-321", HighPrecision.Precise.Entropy([5e-324, 1]).ToString());
        Assert.Equal("2.170522011303639411986569260E-29", HighPrecision.Precise.Exp(-66m).ToString());
        Assert.Equal("5.075958897549456765291809480E-435", HighPrecision.Precise.Exp(-1000m).ToString());
        Assert.Equal("1.603810890548637852976087034E-28", HighPrecision.Precise.Softmax([0, -64])[1].ToString());
        Assert.Equal("3.975449735908646807789099754E-31", HighPrecision.Precise.CrossEntropyFromLogits([1, 0], [0, -70]).ToString());
        Assert.Equal("9.999999999999999432065741751E-30", HighPrecision.Precise.FromDouble(1e-29).ToString());
        Assert.Equal("1.000000000000000010979063629E308", HighPrecision.Precise.LogSumExp([1e308, -1e308]).ToString());
        // ln(1 + 3·10⁻²⁸) = 3·10⁻²⁸ − 4.5·10⁻⁵⁶: 2.99…9955·10⁻²⁸, 28 digits 3.000…0·10⁻²⁸ (the digits beyond say it is below).
        Assert.Equal("3.000000000000000000000000000E-28", HighPrecision.Precise.Log(1.0000000000000000000000000003m).ToString());
        Assert.Equal("6.931471805599453094172321215E-1", HighPrecision.Precise.Log(2m).ToString());
        Assert.Equal("0.000000000000000000000000000", HighPrecision.Precise.Log(1m).ToString());
    }

    // The decimal forms: the exact value rounded once to decimal's grid, so ln(1 + 10⁻²⁸) is 10⁻²⁸ (it was 0) and a
    // probability is right to 5·10⁻²⁹ absolute (softmax([0, −64])₁ = 1.6·10⁻²⁸ rounds to 2·10⁻²⁸).
    [Fact]
    public void Item8_decimal_results_are_the_exact_value_rounded_once()
    {
        Assert.Equal(0.0000000000000000000000000001m, HighPrecision.Log(1.0000000000000000000000000001m));
        Assert.Equal(0.0000000000000000000000000002m, HighPrecision.Softmax([0, -64])[1]);
        Assert.Equal(0.0000000000000000000000000001m, HighPrecision.Entropy([1e-30, 1])); // 6.9e−29 to the nearest 1e−28
        Assert.Equal(0m, HighPrecision.ToDecimal(1e-29)); // below half of decimal's last place: Precise.FromDouble keeps it
        Assert.Equal(2.0137527074704765216245493886m, HighPrecision.Exp(0.7m)); // mpmath: 2.01375270747047652162454938858…
    }

    // ToDecimal against BigInteger rational arithmetic: the double m·2^e and the decimal n/10^s differ by at most half
    // of the decimal's last place, and by nothing when the double has a short enough decimal expansion.
    [Fact]
    public void ToDecimal_is_the_nearest_decimal_by_rational_arithmetic() =>
        Gen.Select(Gen.Double[-60, 60], Gen.Double[1, 2], Gen.Bool).Sample((power, mantissa, negative) =>
        {
            double x = (negative ? -1 : 1) * mantissa * Math.Pow(10, power / 2.2);
            if (Math.Abs(x) > 7.9e28)
            {
                return;
            }

            decimal d = HighPrecision.ToDecimal(x);
            var (xNum, xDen) = Rational(x);
            int[] bits = decimal.GetBits(d);
            var n = new System.Numerics.BigInteger((uint)bits[0]) | (new System.Numerics.BigInteger((uint)bits[1]) << 32) | (new System.Numerics.BigInteger((uint)bits[2]) << 64);
            int scale = (bits[3] >> 16) & 0xFF;
            if (d < 0)
            {
                n = -n;
            }

            var tenS = System.Numerics.BigInteger.Pow(10, scale);
            // |x − n/10^s| ≤ ½·10^−s  ⇔  |2·(xNum·10^s − n·xDen)| ≤ xDen
            var difference = System.Numerics.BigInteger.Abs(2 * ((xNum * tenS) - (n * xDen)));
            Assert.True(difference <= xDen, $"x = {x:R}, ToDecimal = {d}");
            Assert.True(scale == 28 || System.Numerics.BigInteger.Abs(n * 10) >= System.Numerics.BigInteger.One << 96, $"x = {x:R}: {d} does not use all of decimal's digits");
        }, iter: Generators.Iterations);

    // Tiny values against double, which holds them to 16 digits: the reference must agree with double where double is right.
    [Fact]
    public void Tiny_references_agree_with_double_where_double_is_right() =>
        Gen.Select(Gen.Double[-700, -40], Gen.Double[1e-300, 1e-20]).Sample((x, p) =>
        {
            // ToDecimal(x) is x to 28 places: e^x moves by a relative 5e−29 at most.
            Assert.True(HighPrecision.Precise.Exp(HighPrecision.ToDecimal(x)).RelativeError(Math.Exp(x)) < 4e-16, $"e^{x}");
            Assert.True(HighPrecision.Precise.Entropy([p]).RelativeError(-p * Math.Log(p)) < 4e-16, $"−p ln p, p = {p:R}");
            Assert.True(HighPrecision.Precise.CrossEntropyFromLogits([1, 0], [0, x]).RelativeError(Math.Exp(x)) < 4e-16, $"log1p(e^{x})");
            DecimalFloat[] q = HighPrecision.Precise.Softmax([0, x]);
            Assert.True(q[1].RelativeError(Math.Exp(x)) < 4e-16, $"softmax([0, {x}])");
        }, iter: 200);

    private static (System.Numerics.BigInteger Numerator, System.Numerics.BigInteger Denominator) Rational(double x)
    {
        long bits = BitConverter.DoubleToInt64Bits(Math.Abs(x));
        int biased = (int)((bits >> 52) & 0x7FF);
        long m = (bits & 0xFFFFFFFFFFFFFL) | (biased == 0 ? 0 : 1L << 52);
        int e = (biased == 0 ? 1 : biased) - 1075;
        var numerator = new System.Numerics.BigInteger(x < 0 ? -m : m);
        return e >= 0 ? (numerator << e, System.Numerics.BigInteger.One) : (numerator, System.Numerics.BigInteger.One << -e);
    }
}
