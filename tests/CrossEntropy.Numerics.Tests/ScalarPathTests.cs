namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// Floating-point types without a SIMD path in the row kernel (Half here; NFloat takes the same code) go through its
/// scalar path: the same formulas, two passes, T's own Exp. These tests hold that path to the semantics of the vector
/// one: the loss, the gradient and the soft-target loss agree with double on the same (exactly converted) logits to
/// Half's precision, ties with the maximum and −∞ masks included, and bad logits throw naming the same index.
/// </summary>
public class ScalarPathTests
{
    // Half has an 11-bit significand: a few of its ulps relative, plus an absolute floor for gradients near 0.
    private const double HalfRelative = 4e-3;
    private const double HalfAbsolute = 1e-3;

    /// <summary>Rows with a unique maximum, a tie for the maximum (target inside and outside it), a −∞ mask, a single class and a row of 17.</summary>
    private static IEnumerable<(Half[] Logits, int Classes, int[] Targets)> Batches()
    {
        yield return (H(2, -1, 0.5, 3, 1, 3, 0, -2, 3, -1, double.NegativeInfinity, 2.5), 4, [3, 1, 0]);
        yield return (H(1, 1, 1, 1, -3, 0.25), 3, [0, 2]);
        yield return (H(5, 7), 1, [0, 0]);
        yield return (H(0.5, 2, -1, 3, 1, 1), 3, [CrossEntropyOptions.DefaultIgnoreIndex, 2]); // an ignored row: validated, then 0
        yield return (H(Enumerable.Range(0, 34).Select(i => ((i * 7) % 11) - 4.0).ToArray()), 17, [6, 16]);
    }

    private static Half[] H(params double[] values) => values.Select(v => (Half)v).ToArray();

    private static double[] D(Half[] values) => values.Select(v => (double)v).ToArray();

    private static void Close(double expected, Half actual, string what) =>
        Assert.True(
            Math.Abs((double)actual - expected) <= (HalfRelative * Math.Abs(expected)) + HalfAbsolute,
            $"{what}: Half gives {(double)actual}, double gives {expected}");

    [Fact]
    public void Half_losses_agree_with_double()
    {
        foreach (var (logits, classes, targets) in Batches())
        {
            var half = new Half[targets.Length];
            var reference = new double[targets.Length];
            Losses.CrossEntropy<Half>(logits, classes, targets, half);
            Losses.CrossEntropy<double>(D(logits), classes, targets, reference);
            for (int r = 0; r < targets.Length; r++)
            {
                Close(reference[r], half[r], $"C = {classes}, row {r}");
            }

            Close(Losses.CrossEntropy<double>(D(logits), classes, targets), Losses.CrossEntropy<Half>(logits, classes, targets), $"C = {classes}, mean");
        }
    }

    [Fact]
    public void Half_gradients_agree_with_double()
    {
        foreach (var (logits, classes, targets) in Batches())
        {
            var half = new Half[logits.Length];
            var reference = new double[logits.Length];
            Losses.CrossEntropyGradient<Half>(logits, classes, targets, half, Reduction.Sum);
            Losses.CrossEntropyGradient<double>(D(logits), classes, targets, reference, Reduction.Sum);
            for (int i = 0; i < logits.Length; i++)
            {
                Close(reference[i], half[i], $"C = {classes}, entry {i}");
            }
        }
    }

    [Fact]
    public void Half_soft_target_losses_agree_with_double()
    {
        Half[] logits = H(2, -1, 0.5, 3, 3, double.NegativeInfinity);
        Half[] targets = H(0.25, 0.25, 0.5, 0.5, 0.5, 0);
        var half = new Half[2];
        var reference = new double[2];
        Losses.CrossEntropy<Half>(logits, 3, targets, half);
        Losses.CrossEntropy<double>(D(logits), 3, D(targets), reference);
        Close(reference[0], half[0], "row 0");
        Close(reference[1], half[1], "row 1");
    }

    [Fact]
    public void Half_masked_rows_give_infinity_or_nan_as_in_double()
    {
        Half[] logits = H(double.NegativeInfinity, 1, double.NegativeInfinity, double.NegativeInfinity);
        var losses = new Half[2];
        Losses.CrossEntropy<Half>(logits, 2, [0, 1], losses);
        Assert.Equal(Half.PositiveInfinity, losses[0]); // the target class is masked
        Assert.True(Half.IsNaN(losses[1]));            // no class left: no distribution
        var gradient = new Half[4];
        Losses.CrossEntropyGradient<Half>(logits, 2, [1, 1], gradient, Reduction.Sum);
        Assert.Equal(Half.Zero, gradient[0]);
        Assert.Equal(Half.Zero, gradient[1]);       // q = [0, 1] with target 1
        Assert.True(Half.IsNaN(gradient[2]) && Half.IsNaN(gradient[3]));
    }

    [Theory]
    [InlineData(double.NaN, "logits[4] (row 1, class 1) is NaN.")]
    [InlineData(double.PositiveInfinity, "logits[4] (row 1, class 1) is +∞")]
    public void Half_bad_logits_are_named_in_every_pass(double bad, string message)
    {
        Half[] logits = H(0, 1, 2, 0, bad, 1);
        foreach (int[] targets in new[] { new[] { 0, 2 }, new[] { 0, -100 } }) // counted and ignored row
        {
            Assert.Contains(message, Assert.Throws<ArgumentException>(() => Losses.CrossEntropy<Half>(logits, 3, targets)).Message);
            Assert.Contains(message, Assert.Throws<ArgumentException>(
                () => Losses.CrossEntropyGradient<Half>(logits, 3, targets, new Half[6])).Message);
        }
    }
}
