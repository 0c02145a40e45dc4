using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>Sigmoid, log-sigmoid, softplus and an accurate log(1 + x): the two-class members of the stable family.</summary>
/// <remarks>
/// These act element by element, so a NaN input gives NaN in that element only (the IEEE result) instead of an
/// exception; ±∞ give their limits.
/// </remarks>
public static partial class StableMath
{
    /// <summary>Logistic sigmoid σ(x) = 1 / (1 + e^{−x}).</summary>
    /// <remarks>
    /// Evaluated as 1 / (1 + e^{−x}) for x ≥ 0 and e^{x} / (1 + e^{x}) for x &lt; 0, so the exponential never
    /// overflows and small results keep full relative precision. σ(−∞) = 0, σ(+∞) = 1, σ(NaN) = NaN.
    /// </remarks>
    public static T Sigmoid<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        if (x >= T.Zero)
        {
            return T.One / (T.One + T.Exp(-x));
        }

        T e = T.Exp(x);
        return e / (T.One + e);
    }

    /// <summary>Element-wise <see cref="Sigmoid{T}(T)"/> into <paramref name="destination"/> (same length, may alias <paramref name="x"/>).</summary>
    public static void Sigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T> => Map(x, destination, Sigmoid);

    /// <summary>Softplus: log(1 + e^{x}), computed as max(x, 0) + log1p(e^{−|x|}).</summary>
    /// <remarks>
    /// Never overflows: softplus(1000) = 1000, softplus(−1000) = e^{−1000} (0 in double, correctly rounded).
    /// softplus(+∞) = +∞, softplus(−∞) = 0, softplus(NaN) = NaN. The derivative of softplus is the sigmoid.
    /// </remarks>
    public static T Softplus<T>(T x)
        where T : IFloatingPointIeee754<T> => T.Max(x, T.Zero) + LogP1(T.Exp(-T.Abs(x))); // Max propagates NaN

    /// <summary>Element-wise <see cref="Softplus{T}(T)"/> into <paramref name="destination"/> (same length, may alias <paramref name="x"/>).</summary>
    public static void Softplus<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T> => Map(x, destination, Softplus);

    /// <summary>Log-sigmoid: log σ(x) = −softplus(−x).</summary>
    /// <remarks>
    /// Finite for every finite x (log σ(−1000) = −1000), whereas log(sigmoid(x)) is −∞ once σ(x) underflows.
    /// log σ(+∞) = 0, log σ(−∞) = −∞, NaN → NaN.
    /// </remarks>
    public static T LogSigmoid<T>(T x)
        where T : IFloatingPointIeee754<T> => -Softplus(-x);

    /// <summary>Element-wise <see cref="LogSigmoid{T}(T)"/> into <paramref name="destination"/> (same length, may alias <paramref name="x"/>).</summary>
    public static void LogSigmoid<T>(ReadOnlySpan<T> x, Span<T> destination)
        where T : IFloatingPointIeee754<T> => Map(x, destination, LogSigmoid);

    /// <summary>log(1 + x), accurate for tiny x where 1 + x rounds to 1.</summary>
    /// <remarks>
    /// .NET's LogP1 is log(1 + x) evaluated naively, which returns 0 for |x| below half an ulp of 1. This uses
    /// Goldberg's correction: with u = 1 + x (rounded), log1p(x) = log(u) · x / (u − 1), exact to a few ulps.
    /// log1p(−1) = −∞; x &lt; −1 gives NaN; log1p(+∞) = +∞.
    /// </remarks>
    public static T LogP1<T>(T x)
        where T : IFloatingPointIeee754<T>
    {
        T u = T.One + x;
        if (u == T.One)
        {
            return x;
        }

        T logU = T.Log(u);
        return T.IsInfinity(u) || T.IsZero(u) ? logU : logU * (x / (u - T.One));
    }

    private static void Map<T>(ReadOnlySpan<T> x, Span<T> destination, Func<T, T> f)
    {
        Guard.DestinationLength(x, destination, nameof(destination));
        Guard.SameOrNoOverlap(x, destination, nameof(destination));
        for (int i = 0; i < x.Length; i++)
        {
            destination[i] = f(x[i]);
        }
    }
}
