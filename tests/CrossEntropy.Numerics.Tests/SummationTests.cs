using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The two internal accumulators, step by step: Neumaier's compensated sum (Information) and the extended-range sum
/// of products (Losses). Each case is built so that plain double summation gives a different, wrong answer.
/// </summary>
public class SummationTests
{
    // 1 + 1e−16 + 1e−16 − 1: plain summation loses both small terms (each is below half an ulp of 1) and returns 0.
    [Fact]
    public void Compensation_recovers_terms_below_half_an_ulp_of_the_sum()
    {
        var sum = new CompensatedSum();
        foreach (double x in new[] { 1, 1e-16, 1e-16, -1 })
        {
            sum.Add(x);
        }

        Assert.Equal(2e-16, sum.Value);
    }

    // When the new term is the larger one, its rounding error is (x − t) + s, not (s − t) + x: 2e−16 + 1 − 1.
    [Fact]
    public void Compensation_uses_the_smaller_operand_for_the_error_term()
    {
        var sum = new CompensatedSum();
        foreach (double x in new[] { 1e-16, 1e-16, 1, -1 })
        {
            sum.Add(x);
        }

        Assert.Equal(2e-16, sum.Value);
    }

    [Fact]
    public void Compensated_sum_of_an_infinite_term_is_infinite()
    {
        var sum = new CompensatedSum();
        sum.Add(1e-16);
        sum.Add(double.PositiveInfinity);
        sum.Add(1);
        Assert.Equal(double.PositiveInfinity, sum.Value);
    }

    // Through the public API: entropy of one dominant outcome and many tiny ones, against the decimal reference.
    [Fact]
    public void Entropy_of_many_tiny_terms_is_compensated()
    {
        double[] p = new double[10_001];
        Array.Fill(p, 1e-9);
        p[0] = 1 - (1e-9 * 10_000);
        Tolerance.Ulps((double)HighPrecision.Entropy(p), Information.Entropy(p), 2);
    }

    [Fact]
    public void Extended_sum_holds_sums_beyond_double_range()
    {
        var sum = default(ExtendedSum);
        sum.Add(double.MaxValue);
        sum.Add(double.MaxValue);
        Assert.Equal(double.PositiveInfinity, sum.Value);
        sum.Add(-double.MaxValue);
        Assert.Equal(double.MaxValue, sum.Value);
        Assert.Equal(double.MaxValue, ExtendedSum.Ratio(sum, ExtendedSum.Of(1)));
        sum.Add(-double.MaxValue);
        Assert.Equal(0, sum.Value);
        sum.Add(3);
        Assert.Equal(3, sum.Value);
    }

    [Fact]
    public void Extended_products_neither_overflow_nor_underflow()
    {
        var big = default(ExtendedSum);
        big.AddProduct(1e300, 1e300, 1e-300, 1e-299); // 10 exactly in exact arithmetic; rounded four times here
        Tolerance.Ulps(10, big.Value, 4);
        var tiny = default(ExtendedSum);
        tiny.AddProduct(5e-324, 3);
        tiny.AddProduct(5e-324, 5e-324, 1e300); // 2.4e−347: 2^−80 below the first term, rounded away as in double
        Assert.Equal(1.5e-323, tiny.Value);
        Assert.Equal(3, ExtendedSum.Ratio(tiny, ExtendedSum.Of(5e-324)));
        // ProductRatio: (1e200 · 1e200) / 1e300 = 1e100, whose numerator alone is beyond double.
        Tolerance.Ulps(1e100, ExtendedSum.ProductRatio(1e200, 1e200, ExtendedSum.Of(1e300)), 4);
        // A scaled copy of another sum.
        var scaled = default(ExtendedSum);
        scaled.AddProduct(1e300, big);
        scaled.AddProduct(-1e300, big);
        scaled.AddProduct(2, ExtendedSum.Of(0.25));
        Assert.Equal(0.5, scaled.Value);
    }

    [Fact]
    public void Extended_sum_keeps_mixed_magnitudes_in_order()
    {
        // A term 2^−60 below the running sum is rounded away, as in double; one 2^−40 below it is kept.
        var sum = ExtendedSum.Of(1);
        sum.Add(Math.ScaleB(1.0, -60));
        Assert.Equal(1, sum.Value);
        sum.Add(Math.ScaleB(1.0, -40));
        Assert.Equal(1 + Math.ScaleB(1.0, -40), sum.Value);
        var small = ExtendedSum.Of(Math.ScaleB(1.0, -40));
        small.Add(1); // the larger term second
        Assert.Equal(1 + Math.ScaleB(1.0, -40), small.Value);
        var negative = ExtendedSum.Of(-4);
        negative.Add(1);
        Assert.Equal(-3, negative.Value);
    }

    // Zero factors remove a term even next to ∞ or NaN (0·∞ = 0: a zero weight or target); otherwise ∞ and NaN decide.
    [Fact]
    public void Extended_sum_of_special_values()
    {
        var sum = ExtendedSum.Of(1);
        sum.AddProduct(0, double.PositiveInfinity);
        sum.AddProduct(double.NaN, 0);
        sum.AddProduct(2, 3, 0);
        sum.AddProduct(2, 3, 4, 0);
        sum.AddProduct(0, ExtendedSum.Of(double.PositiveInfinity));
        Assert.Equal(1, sum.Value);
        sum.AddProduct(2, double.PositiveInfinity);
        Assert.Equal(double.PositiveInfinity, sum.Value);
        Assert.Equal(double.PositiveInfinity, ExtendedSum.Ratio(sum, ExtendedSum.Of(2)));
        Assert.Equal(0, ExtendedSum.Ratio(ExtendedSum.Of(2), sum));
        var withInfiniteFactor = default(ExtendedSum);
        withInfiniteFactor.AddProduct(double.NegativeInfinity, ExtendedSum.Of(2));
        Assert.Equal(double.NegativeInfinity, withInfiniteFactor.Value);
        var infiniteTimesInfinite = default(ExtendedSum);
        infiniteTimesInfinite.AddProduct(double.PositiveInfinity, ExtendedSum.Of(double.PositiveInfinity)); // no finite part: not ∞ · 0
        Assert.Equal(double.PositiveInfinity, infiniteTimesInfinite.Value);
        var fromInfiniteSum = default(ExtendedSum);
        fromInfiniteSum.AddProduct(-1, sum);
        Assert.Equal(double.NegativeInfinity, fromInfiniteSum.Value);
        var nan = ExtendedSum.Of(double.PositiveInfinity);
        nan.Add(double.NegativeInfinity);
        Assert.True(double.IsNaN(nan.Value));
        var merged = ExtendedSum.Of(1);
        merged.Add(nan);
        Assert.True(double.IsNaN(merged.Value));
        Assert.True(double.IsNaN(ExtendedSum.Ratio(default, default)));
        Assert.Equal(double.PositiveInfinity, ExtendedSum.Ratio(ExtendedSum.Of(1), default));
    }

    // Each factor position of a product can carry the ∞ (or NaN), and a scaled copy of a sum beyond double's range
    // keeps its exponent (1e−300 × (1e300 · 1e300) = 1e300, not 1e−300 × ∞).
    [Fact]
    public void Extended_products_with_special_or_out_of_range_factors()
    {
        var third = default(ExtendedSum);
        third.AddProduct(2, 3, double.PositiveInfinity);
        Assert.Equal(double.PositiveInfinity, third.Value);
        var fourth = default(ExtendedSum);
        fourth.AddProduct(2, 3, 4, double.PositiveInfinity);
        Assert.Equal(double.PositiveInfinity, fourth.Value);
        var second = default(ExtendedSum);
        second.AddProduct(2, double.NegativeInfinity, 4);
        Assert.Equal(double.NegativeInfinity, second.Value);
        Assert.Equal(double.PositiveInfinity, ExtendedSum.Of(double.PositiveInfinity).Value);
        var huge = default(ExtendedSum);
        huge.AddProduct(1e300, 1e300);
        var back = default(ExtendedSum);
        back.AddProduct(1e-300, huge);
        Tolerance.Ulps(1e300, back.Value, 4);
        var nine = default(ExtendedSum);
        nine.AddProduct(3, ExtendedSum.Of(3)); // significands 1.5 · 1.5
        Assert.Equal(9, nine.Value);
    }

    // The extended sum rounds each addition once, whatever the scale: terms x_i·2^k summed and divided by 2^k give the
    // plain double sum of the x_i bit for bit, for k from far below the subnormals to far beyond MaxValue. Near k = 0
    // the sum stays a plain double; at large |k| it is held as significand and exponent; in between it moves between
    // the two, term by term. 2^k is passed as three factors 2^a, 2^b, 2^c in double's range, in any order of size, so
    // partial products x·2^a and x·2^a·2^b may leave the normal range while the whole term does not, and vice versa.
    [Fact]
    public void Extended_sum_rounds_like_double_addition_at_every_scale()
    {
        Gen.Select(Generators.LogUniform(-30, 30).Array[1, 40], Gen.Int[-1000, 1000].Array[3]).Sample((terms, exponents) =>
        {
            double plain = 0;
            foreach (double x in terms)
            {
                plain += x;
            }

            var (a, b, c) = (Math.ScaleB(1.0, exponents[0]), Math.ScaleB(1.0, exponents[1]), Math.ScaleB(1.0, exponents[2]));
            var scaled = default(ExtendedSum);
            foreach (double x in terms)
            {
                scaled.AddProduct(x, a, b, c);
            }

            var scale = default(ExtendedSum);
            scale.AddProduct(1, a, b, c);
            Assert.Equal(plain, ExtendedSum.Ratio(scaled, scale));
        }, iter: 20 * Generators.Iterations);
    }

    // A sum at the edges of double's range: beyond MaxValue and back, below the smallest normal and back, each step
    // with the bits of the exact sum rounded once.
    [Fact]
    public void Extended_sum_crosses_the_edges_of_the_normal_range()
    {
        const double smallestNormal = 2.2250738585072014e-308;
        var sum = ExtendedSum.Of(double.MaxValue);
        sum.Add(double.MaxValue);                      // 2·MaxValue: beyond double
        Assert.Equal(double.PositiveInfinity, sum.Value);
        Assert.Equal(2, ExtendedSum.Ratio(sum, ExtendedSum.Of(double.MaxValue)));
        sum.Add(-double.MaxValue);                     // back inside
        Assert.Equal(double.MaxValue, sum.Value);
        var small = ExtendedSum.Of(smallestNormal);
        small.Add(-smallestNormal / 4);                // subnormal: held as significand and exponent
        Assert.Equal(0.75 * smallestNormal, small.Value);
        Assert.Equal(0.75, ExtendedSum.Ratio(small, ExtendedSum.Of(smallestNormal)));
        small.Add(1);                                  // normal again
        Assert.Equal(1, small.Value);
    }

    // A product of normal factors is formed in plain double only while each partial product is normal: here exactly
    // one of a·b, a·b·c and a·b·c·d is subnormal (it would drop the last bit of x = 1 + 2^−52), and the term must still
    // be x·2^k to the last bit.
    [Theory]
    [InlineData(-1060, 1000, 60)]   // a·b subnormal
    [InlineData(-1000, -60, 1000)]  // a·b·c subnormal
    [InlineData(-1000, -60, 0)]     // the whole term subnormal: held as significand and exponent
    public void Extended_product_keeps_bits_a_subnormal_partial_product_would_drop(int b, int c, int d)
    {
        double x = 1 + Math.ScaleB(1.0, -52);
        var (fb, fc, fd) = (Math.ScaleB(1.0, b), Math.ScaleB(1.0, c), Math.ScaleB(1.0, d));
        var term = default(ExtendedSum);
        term.AddProduct(x, fb, fc, fd);
        var scale = default(ExtendedSum);
        scale.AddProduct(1, fb, fc, fd);
        Assert.Equal(x, ExtendedSum.Ratio(term, scale));
    }

    // Every sum whose value is a normal double is held as that double, whichever path formed it: here sums held as
    // significand and exponent come back into range exactly at the smallest normal and at 2^1023.
    [Fact]
    public void Extended_sum_in_the_normal_range_is_held_as_a_double()
    {
        var low = default(ExtendedSum);
        low.AddProduct(1, Math.ScaleB(1.0, -1000), Math.ScaleB(1.0, -30)); // 2^−1030: below the normal range
        Assert.False(low.IsDouble);
        low.AddProduct(1, Math.ScaleB(1.0, -1000), Math.ScaleB(1.0, -22)); // + 2^−1022: exponent −1022
        Assert.True(low.IsDouble);
        Assert.Equal(Math.ScaleB(1.0, -1022) + Math.ScaleB(1.0, -1030), low.Value);
        var high = default(ExtendedSum);
        high.AddProduct(1, Math.ScaleB(1.0, 1000), Math.ScaleB(1.0, 24)); // 2^1024: beyond double
        Assert.False(high.IsDouble);
        high.Add(-Math.ScaleB(1.0, 1023)); // 2^1023: exponent 1023
        Assert.True(high.IsDouble);
        Assert.Equal(Math.ScaleB(1.0, 1023), high.Value);
        Assert.True(ExtendedSum.Of(3).IsDouble);
    }
}
