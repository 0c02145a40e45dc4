using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The analytic gradient equals a central finite difference of the loss, for class-index and probability targets,
/// with weights, label smoothing, ignored rows, mean and sum. Double precision, moderate logits (|x| ≤ 5).
/// </summary>
/// <remarks>
/// Step h = 1e−5: the truncation error of the central difference is h²·|L'''|/6 ≲ 1e−10 for these losses, and the
/// rounding error is ≈ ε·|L|/h ≲ 1e−10; the tolerance 1e−7 absolute + 1e−6 relative sits well above both and far
/// below any real mistake (a wrong sign, a missing weight or a wrong denominator changes entries by ≳ 1e−2).
/// </remarks>
public class GradientProperties
{
    private const double H = 1e-5;

    private static readonly Gen<Reduction> AnyReduction = Gen.OneOf(Reduction.Mean, Reduction.Sum);

    private static readonly Gen<(double[] X, int C, int N)> Logits =
        Gen.Int[2, 6].SelectMany(c => Gen.Int[1, 4].SelectMany(n => Gen.Double[-5, 5].Array[n * c].Select(x => (x, c, n))));

    private static Gen<double[]?> Weights(int c) =>
        Gen.Select(Gen.Int[0, 2], Gen.Double[0.1, 3].Array[c], (k, w) => k == 0 ? null : (double[]?)w);

    private static readonly Gen<double> Smoothing = Gen.Frequency((1, Gen.Const(0.0)), (2, Gen.Double[0, 1]));

    private static void AssertGradientMatchesFiniteDifference(double[] x, double[] gradient, Func<double[], double> loss)
    {
        for (int i = 0; i < x.Length; i++)
        {
            double[] plus = (double[])x.Clone(), minus = (double[])x.Clone();
            plus[i] += H;
            minus[i] -= H;
            double fd = (loss(plus) - loss(minus)) / (2 * H);
            Tolerance.Close(fd, gradient[i], 1e-7, 1e-6, $"∂L/∂x[{i}]");
        }
    }

    [Fact]
    public void Class_index_gradient_equals_finite_difference() =>
        Logits.SelectMany(l => Gen.Select(
                Gen.Frequency((5, Gen.Int[0, l.C - 1]), (1, Gen.Const(CrossEntropyOptions.DefaultIgnoreIndex))).Array[l.N]
                    .Where(y => y.Any(v => v >= 0)),   // at least one counted row, else the mean is NaN by design
                Weights(l.C), Smoothing, AnyReduction,
                (y, w, eps, red) => (l.X, l.C, y, new CrossEntropyOptions { Weight = w, LabelSmoothing = eps }, red)))
            .Sample(t =>
            {
                var (x, c, y, options, reduction) = t;
                double[] gradient = new double[x.Length];
                Losses.CrossEntropyGradient<double>(x, c, y, gradient, reduction, options);
                AssertGradientMatchesFiniteDifference(x, gradient, v => Losses.CrossEntropy<double>(v, c, y, reduction, options));
            }, iter: Generators.Iterations);

    [Fact]
    public void Soft_target_gradient_equals_finite_difference() =>
        Logits.SelectMany(l => Gen.Select(
                Generators.Distribution(l.C).Array[l.N].Select(rows => rows.SelectMany(r => r).ToArray()),
                Weights(l.C), Smoothing, AnyReduction,
                (t, w, eps, red) => (l.X, l.C, t, new CrossEntropyOptions { Weight = w, LabelSmoothing = eps }, red)))
            .Sample(s =>
            {
                var (x, c, t, options, reduction) = s;
                double[] gradient = new double[x.Length];
                Losses.CrossEntropyGradient<double>(x, c, t, gradient, reduction, options);
                AssertGradientMatchesFiniteDifference(x, gradient, v => Losses.CrossEntropy<double>(v, c, t, reduction, options));
            }, iter: Generators.Iterations);

    // Row-wise: the batch gradient (sum reduction) equals the gradient of each row alone.
    [Fact]
    public void Batch_gradient_rows_equal_single_row_gradients() =>
        Logits.SelectMany(l => Gen.Select(Gen.Int[0, l.C - 1].Array[l.N], Weights(l.C), Smoothing,
                (y, w, eps) => (l.X, l.C, y, new CrossEntropyOptions { Weight = w, LabelSmoothing = eps })))
            .Sample(t =>
            {
                var (x, c, y, options) = t;
                double[] gradient = new double[x.Length];
                Losses.CrossEntropyGradient<double>(x, c, y, gradient, Reduction.Sum, options);
                for (int r = 0; r < y.Length; r++)
                {
                    double[] single = new double[c];
                    Losses.CrossEntropyGradient<double>(x.AsSpan(r * c, c), c, y.AsSpan(r, 1), single, Reduction.Sum, options);
                    Assert.Equal(single, gradient[(r * c)..((r + 1) * c)]);
                }
            }, iter: Generators.Iterations);
}
