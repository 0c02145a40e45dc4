using CrossEntropy.Numerics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// A confident, correct prediction has a tiny loss, −log q_y ≈ Σ_{i≠y} e^{x_i − x_y}. Computing it as LSE − x_y cancels
/// every digit against x_y; the library must keep full relative precision. The decimal reference cannot judge losses this
/// small (its resolution is 1e-28 absolute), so the expected values come from mpmath.
/// </summary>
public class SmallLossPrecisionTests
{
    // Expected values: mpmath at 30 digits, −log softmax(x)_0 = log(1 + Σ_{i>0} e^{x_i − x_0}) on the exact doubles.
    [Theory]
    [InlineData(new[] { 10.0, 0 }, 4.53988992168646467694878293071e-5)]
    [InlineData(new[] { 40.0, 0 }, 4.24835425529158898630497784363e-18)]
    [InlineData(new[] { 30.0, 1, -2 }, 2.67030730286750814121772001381e-13)]
    [InlineData(new[] { 1e6 + 30, 1e6 }, 9.35762296883973677937769742468e-14)]
    [InlineData(new[] { 0.7, 0.3 }, 0.513015252399952637034757945126)]
    public void Double_loss_of_the_top_class_has_full_relative_precision(double[] logits, double expected)
    {
        double[] target = new double[logits.Length];
        target[0] = 1;
        AssertRelative(expected, Losses.CrossEntropy<double>(logits, logits.Length, [0]), 1e-15);
        AssertRelative(expected, Losses.CrossEntropy<double>(logits, logits.Length, target), 1e-15);
        AssertRelative(expected, -StableMath.LogSoftmax<double>(logits)[0], 1e-15);
    }

    [Fact]
    public void Float_loss_is_shift_invariant_for_a_confident_prediction()
    {
        // [10, 0] and [1000, 990] have the same true loss, log1p(e^-10) (mpmath).
        const double reference = 4.53988992168646467694878293071e-5;
        AssertRelative(reference, Losses.CrossEntropy<float>([10f, 0f], 2, [0]), 1e-6);
        AssertRelative(reference, Losses.CrossEntropy<float>([1000f, 990f], 2, [0]), 1e-6);
    }

    [Fact]
    public void Float_loss_does_not_round_to_zero_while_it_is_representable()
    {
        // log1p(e^-20) (mpmath): far above float's smallest normal, so it must not come out as 0.
        const double reference = 2.06115362031438070323898279888e-9;
        AssertRelative(reference, Losses.CrossEntropy<float>([20f, 0f], 2, [0]), 1e-6);
    }

    [Fact]
    public void Smoothed_loss_keeps_precision_in_its_small_term()
    {
        // With ε = 0.1 the loss is 0.9·nll_0 + 0.05·(nll_0 + nll_1); every term is non-negative, so no cancellation.
        double[] logits = [40, 0];
        decimal nll0 = HighPrecision.CrossEntropyFromLogits([1, 0], logits);
        decimal nll1 = HighPrecision.CrossEntropyFromLogits([0, 1], logits);
        double reference = (double)((0.9m * nll0) + (0.05m * (nll0 + nll1)));
        AssertRelative(reference, Losses.CrossEntropy<double>(logits, 2, [0], options: new CrossEntropyOptions { LabelSmoothing = 0.1 }), 1e-15);
    }

    private static void AssertRelative(double expected, double actual, double tolerance) =>
        Assert.True(Math.Abs(actual - expected) <= tolerance * Math.Abs(expected),
            $"expected {expected:R}, got {actual:R} (relative error {Math.Abs(actual - expected) / Math.Abs(expected):E2})");
}
