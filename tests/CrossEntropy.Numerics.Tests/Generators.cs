using CsCheck;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// CsCheck generators shared by the property tests. They deliberately reach the extremes: logits up to ±1e300 (and
/// the largest finite double) in double, ±1e4 … ±3e38 in float, −∞ masks, clusters around a large common offset,
/// and probability vectors with exact zeros and tiny (down to subnormal) entries.
/// </summary>
internal static class Generators
{
    /// <summary>Every property runs at least this many generated cases.</summary>
    public const int Iterations = 1000;

    /// <summary>Moderate logits, where every formula is well conditioned.</summary>
    public static readonly Gen<double> ModerateDouble = Gen.Double[-20, 20];

    /// <summary>sign · 10^e with e uniform in [lo, hi]: every order of magnitude equally likely.</summary>
    public static Gen<double> LogUniform(double lo, double hi) =>
        Gen.Select(Gen.Bool, Gen.Double[lo, hi], (negative, e) => (negative ? -1 : 1) * Math.Pow(10, e));

    /// <summary>A finite double logit of any magnitude up to ±1e300, with the special values that break naive code.</summary>
    public static readonly Gen<double> FiniteDouble = Gen.Frequency(
        (4, ModerateDouble),
        (4, LogUniform(-5, 300)),
        (1, Gen.OneOf(0.0, 1e300, -1e300, 710.0, -745.0, 1e4, -1e4, double.MaxValue, -double.MaxValue)));

    /// <summary>A double logit: finite, or −∞ (a mask) one time in ten.</summary>
    public static readonly Gen<double> LogitDouble =
        Gen.Frequency((9, FiniteDouble), (1, Gen.Const(double.NegativeInfinity)));

    /// <summary>Logits sharing a large common offset (up to 1e12) plus small spread: cancellation-prone input.</summary>
    public static readonly Gen<double[]> ClusteredDouble =
        Gen.Select(LogUniform(0, 12), Gen.Double[-10, 10].Array[1, 12], (offset, spread) =>
            spread.Select(s => offset + s).ToArray());

    /// <summary>A row of double logits (length 1–16), at least one entry not −∞.</summary>
    public static readonly Gen<double[]> RowDouble = Gen.Frequency(
            (4, LogitDouble.Array[1, 16]),
            (1, ClusteredDouble))
        .Where(r => r.Any(double.IsFinite));

    /// <summary>A row of finite double logits.</summary>
    public static readonly Gen<double[]> FiniteRowDouble = Gen.Frequency(
        (4, FiniteDouble.Array[1, 16]),
        (1, ClusteredDouble));

    /// <summary>A finite float logit: moderate, or sign · 10^e up to ±3e38, or ±1e4.</summary>
    public static readonly Gen<float> FiniteFloat = Gen.Frequency(
        (4, Gen.Float[-20, 20]),
        (4, LogUniform(-3, 38.47).Select(x => (float)x)),
        (1, Gen.OneOf(0f, 1e4f, -1e4f, 3e38f, -3e38f, 88f, -104f, float.MaxValue, -float.MaxValue)));

    /// <summary>A row of float logits (length 1–16): finite, −∞ one time in ten, at least one entry not −∞.</summary>
    public static readonly Gen<float[]> RowFloat =
        Gen.Frequency((9, FiniteFloat), (1, Gen.Const(float.NegativeInfinity))).Array[1, 16]
            .Where(r => r.Any(float.IsFinite));

    /// <summary>A raw weight for a probability: exact 0, uniform, tiny down to subnormal, or 1.</summary>
    private static readonly Gen<double> RawWeight = Gen.Frequency(
        (2, Gen.Const(0.0)),
        (5, Gen.Double[0, 1]),
        (2, Gen.Double[-323, -1].Select(e => Math.Pow(10, e))),
        (1, Gen.Const(1.0)));

    /// <summary>Normalises non-negative weights into a probability vector (a zero vector becomes one-hot).</summary>
    public static double[] Normalize(double[] w)
    {
        double sum = w.Sum();
        if (sum == 0)
        {
            w[0] = 1;
            sum = 1;
        }

        return w.Select(v => v / sum).ToArray();
    }

    /// <summary>A probability vector of length n, with zeros and tiny entries.</summary>
    public static Gen<double[]> Distribution(int n) => RawWeight.Array[n].Select(Normalize);

    /// <summary>A probability vector of length 1–12.</summary>
    public static readonly Gen<double[]> AnyDistribution = Gen.Int[1, 12].SelectMany(Distribution);

    /// <summary>Two probability vectors of the same length 1–12.</summary>
    public static readonly Gen<(double[] P, double[] Q)> DistributionPair =
        Gen.Int[1, 12].SelectMany(n => Gen.Select(Distribution(n), Distribution(n)));

    /// <summary>A probability vector with every entry ≥ 1e−3 of the largest (for comparisons that need log q finite and moderate).</summary>
    public static Gen<double[]> PositiveDistribution(int n) => Gen.Double[1e-3, 1].Array[n].Select(Normalize);
}
