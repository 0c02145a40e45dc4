using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>Identities of sigmoid, softplus and log-sigmoid over every magnitude.</summary>
public class SigmoidProperties
{
    private const double MinNormal = 2.2250738585072014E-308;

    private static readonly Gen<double> AnyFinite = Generators.FiniteDouble;

    [Fact]
    public void Softplus_x_minus_softplus_minus_x_is_x() =>
        AnyFinite.Sample(x =>
        {
            double difference = StableMath.Softplus(x) - StableMath.Softplus(-x);
            // Each softplus is within an ulp or two of its value; the difference inherits ≈ 2 ulps of the larger one.
            double scale = Math.Max(Math.Abs(x), Math.Log(2));
            Tolerance.Close(x, difference, 4 * Tolerance.Ulp(scale), 0, $"x = {Tolerance.F(x)}");
        }, iter: Generators.Iterations);

    [Fact]
    public void Sigmoid_x_plus_sigmoid_minus_x_is_one() =>
        AnyFinite.Sample(x =>
        {
            Tolerance.Close(1.0, StableMath.Sigmoid(x) + StableMath.Sigmoid(-x), 2 * Tolerance.EpsD, 0, $"x = {Tolerance.F(x)}");
            Assert.InRange(StableMath.Sigmoid(x), 0.0, 1.0);
        }, iter: Generators.Iterations);

    [Fact]
    public void Sigmoid_float_x_plus_sigmoid_minus_x_is_one() =>
        Generators.FiniteFloat.Sample(x =>
            Tolerance.Close(1.0, StableMath.Sigmoid(x) + StableMath.Sigmoid(-x), 2 * Tolerance.EpsF, 0, $"x = {x}"),
            iter: Generators.Iterations);

    // log σ(x) ≤ 0 always, and equals log(σ(x)) wherever σ(x) is a normal number (there both are accurate).
    [Fact]
    public void Log_sigmoid_is_non_positive_and_matches_log_of_sigmoid() =>
        AnyFinite.Sample(x =>
        {
            double ls = StableMath.LogSigmoid(x);
            Assert.True(ls <= 0, $"log σ({Tolerance.F(x)}) = {Tolerance.F(ls)} > 0");
            double s = StableMath.Sigmoid(x);
            if (s >= MinNormal)
            {
                // log(σ) rounds σ first: ≤ ε absolute error near σ = 1, relative error ε elsewhere.
                Tolerance.Close(Math.Log(s), ls, 2 * Tolerance.EpsD, 4 * Tolerance.EpsD, $"x = {Tolerance.F(x)}");
            }
        }, iter: Generators.Iterations);

    // softplus'(x) = σ(x): central difference at moderate x.
    [Fact]
    public void Softplus_derivative_is_sigmoid() =>
        Generators.ModerateDouble.Sample(x =>
        {
            const double h = 1e-5;
            double fd = (StableMath.Softplus(x + h) - StableMath.Softplus(x - h)) / (2 * h);
            Tolerance.Close(StableMath.Sigmoid(x), fd, 1e-9, 0, $"x = {Tolerance.F(x)}");
        }, iter: Generators.Iterations);
}
