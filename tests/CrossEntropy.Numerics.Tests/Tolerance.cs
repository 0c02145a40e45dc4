using System.Globalization;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Comparison helpers, so every test states its tolerance once and in the same terms.</summary>
internal static class Tolerance
{
    /// <summary>Machine epsilon of double, 2^−52.</summary>
    public const double EpsD = 2.220446049250313e-16;

    /// <summary>Machine epsilon of float, 2^−23.</summary>
    public const double EpsF = 1.1920928955078125e-7;

    /// <summary>Distance from |x| to the next double up.</summary>
    public static double Ulp(double x) => Math.BitIncrement(Math.Abs(x)) - Math.Abs(x);

    /// <summary>Distance from |x| to the next float up (as a double).</summary>
    public static double Ulp(float x) => MathF.BitIncrement(MathF.Abs(x)) - (double)MathF.Abs(x);

    /// <summary>
    /// Asserts |expected − actual| ≤ abs + rel·|expected|. Infinities and NaN must match exactly.
    /// </summary>
    public static void Close(double expected, double actual, double abs, double rel = 0, string? what = null)
    {
        if (double.IsNaN(expected) || double.IsInfinity(expected) || double.IsNaN(actual) || double.IsInfinity(actual))
        {
            Assert.True(
                expected.Equals(actual),
                $"{what ?? "value"}: expected {F(expected)}, actual {F(actual)}");
            return;
        }

        double diff = Math.Abs(expected - actual);
        double allowed = abs + (rel * Math.Abs(expected));
        Assert.True(
            diff <= allowed,
            $"{what ?? "value"}: expected {F(expected)}, actual {F(actual)}, |diff| = {F(diff)} > allowed {F(allowed)}");
    }

    /// <summary>Element-wise <see cref="Close(double, double, double, double, string?)"/>.</summary>
    public static void AllClose(
        ReadOnlySpan<double> expected, ReadOnlySpan<double> actual, double abs, double rel = 0, string? what = null)
    {
        Assert.Equal(expected.Length, actual.Length);
        for (int i = 0; i < expected.Length; i++)
        {
            Close(expected[i], actual[i], abs, rel, $"{what ?? "element"}[{i}]");
        }
    }

    /// <summary>
    /// A value published with <paramref name="decimals"/> digits after the point: the published value is the true
    /// value rounded, so |true − published| ≤ ½·10^−decimals; a little slack covers our own rounding.
    /// </summary>
    public static void Published(double published, double actual, int decimals, string? what = null) =>
        Close(published, actual, (0.5 + 1e-6) * Math.Pow(10, -decimals), 0, what);

    /// <summary>Element-wise <see cref="Published(double, double, int, string?)"/>.</summary>
    public static void Published(ReadOnlySpan<double> published, ReadOnlySpan<double> actual, int decimals, string? what = null)
    {
        Assert.Equal(published.Length, actual.Length);
        for (int i = 0; i < published.Length; i++)
        {
            Published(published[i], actual[i], decimals, $"{what ?? "element"}[{i}]");
        }
    }

    /// <summary>Asserts two doubles are within <paramref name="ulps"/> units in the last place of the larger.</summary>
    public static void Ulps(double expected, double actual, int ulps, string? what = null)
    {
        if (!double.IsFinite(expected) || !double.IsFinite(actual))
        {
            Assert.True(expected.Equals(actual), $"{what ?? "value"}: expected {F(expected)}, actual {F(actual)}");
            return;
        }

        double allowed = ulps * Ulp(Math.Max(Math.Abs(expected), Math.Abs(actual)));
        Assert.True(
            Math.Abs(expected - actual) <= allowed,
            $"{what ?? "value"}: expected {F(expected)}, actual {F(actual)}, more than {ulps} ulps apart");
    }

    /// <summary>
    /// Asserts that a T result (float, Half, …) is within <paramref name="ulps"/> units in T's last place of a reference
    /// computed in double (or better): |actual − exact| ≤ ulps·ulp_T(exact), non-finite values equal.
    /// </summary>
    public static void UlpsOf<T>(double exact, T actual, int ulps, string? what = null)
        where T : System.Numerics.IFloatingPointIeee754<T>
    {
        double a = double.CreateChecked(actual);
        if (!double.IsFinite(exact) || !double.IsFinite(a))
        {
            Assert.True(exact.Equals(a), $"{what ?? "value"}: expected {F(exact)}, actual {F(a)}");
            return;
        }

        T rounded = T.Abs(T.CreateChecked(exact));
        double ulp = double.CreateChecked(T.BitIncrement(rounded) - rounded);
        Assert.True(
            Math.Abs(exact - a) <= ulps * ulp,
            $"{what ?? "value"}: exact {F(exact)}, actual {F(a)}, {Math.Abs(exact - a) / ulp:G3} ulps of {typeof(T).Name} apart (allowed {ulps})");
    }

    public static string F(double x) => x.ToString("R", CultureInfo.InvariantCulture);

    public static string F(ReadOnlySpan<double> x)
    {
        var parts = new string[x.Length];
        for (int i = 0; i < x.Length; i++)
        {
            parts[i] = F(x[i]);
        }

        return "[" + string.Join(", ", parts) + "]";
    }
}
