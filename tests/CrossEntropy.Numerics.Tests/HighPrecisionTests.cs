using CrossEntropy.Numerics;

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
        var far = Assert.Throws<ArgumentOutOfRangeException>(() => HighPrecision.CrossEntropyFromLogits([0.5, 0.5], [7e28, -7e28]));
        Assert.Equal("logits", far.ParamName);
        Assert.Contains("logits[1] = -7E+28", far.Message, StringComparison.Ordinal);
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
