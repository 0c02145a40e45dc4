using System.Numerics;

namespace CrossEntropy.Numerics;

public static partial class Losses
{
    /// <summary>
    /// Binary cross-entropy from logits, reduced (PyTorch's binary_cross_entropy_with_logits):
    /// l_i = w_i·[(1 − t_i)·softplus(x_i) + p_i·t_i·softplus(−x_i)], p = posWeight. Mean = Σ l_i / (number of
    /// elements), Sum = Σ l_i (+∞ when the sum exceeds MaxValue).
    /// </summary>
    /// <remarks>
    /// <para>Equal to −w·[p·t·log σ(x) + (1 − t)·log(1 − σ(x))] and to PyTorch's w·[(1 − t)·x − ℓ·log σ(x)] with
    /// ℓ = (p − 1)·t + 1, but both terms here are ≥ 0, so nothing cancels: at x = −115, t = 0 the loss is
    /// softplus(−115) = 1.14e−50 to full precision, where PyTorch's form computes x + softplus(−x) ≈ −115 + 115 = 0.
    /// It is finite for every finite logit, where BCE on sigmoid(x) saturates (σ(40) = 1 in double, and
    /// log(1 − 1) = −∞). Products and the sum are formed in extended range, so a mean near MaxValue (x = 1e308, t = 0)
    /// does not overflow through its sum, and softplus is formed in double with its own power of two, so a term below
    /// T's range is kept for its weight: BinaryCrossEntropyWithLogits&lt;float&gt;([−115], [0], Sum, weight: [1e30]) =
    /// 1.14e−20.</para>
    /// <para>t_i ∈ [0, 1] (soft targets allowed). posWeight and weight are optional (empty = all 1) and broadcast along
    /// the last dimension: an array of length k applies entry i mod k to element i, so pos_weight of length C weighs
    /// each class of an N × C multi-label batch; k must divide the number of elements. Logits must be finite.</para>
    /// </remarks>
    public static T BinaryCrossEntropyWithLogits<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Reduction reduction = Reduction.Mean,
        ReadOnlySpan<T> posWeight = default, ReadOnlySpan<T> weight = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ExtendedSum total = BinaryWithLogits(logits, targets, posWeight, weight, Span<T>.Empty);
        return Reduce<T>(total, ExtendedSum.Of(logits.Length), reduction);
    }

    /// <summary>Binary cross-entropy from logits, unreduced: l_i of every element into <paramref name="losses"/>; formula as in the reduced overload.</summary>
    public static void BinaryCrossEntropyWithLogits<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, Span<T> losses,
        ReadOnlySpan<T> posWeight = default, ReadOnlySpan<T> weight = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.DestinationLength(logits, losses, nameof(losses));
        Guard.SameOrNoOverlap(logits, losses, nameof(losses));
        Guard.SameOrNoOverlap(targets, losses, nameof(losses));
        Guard.SameOrNoOverlap(posWeight, losses, nameof(losses));
        Guard.SameOrNoOverlap(weight, losses, nameof(losses));
        BinaryWithLogits(logits, targets, posWeight, weight, losses);
    }

    /// <summary>
    /// Binary cross-entropy on probabilities, reduced (PyTorch's binary_cross_entropy):
    /// l_i = −w_i·[t_i·max(log p_i, −100) + (1 − t_i)·max(log(1 − p_i), −100)]. Mean = Σ l_i / (number of elements),
    /// Sum = Σ l_i (+∞ when the sum exceeds MaxValue); both are accumulated in extended range.
    /// </summary>
    /// <remarks>
    /// The clamp of each log at −100 is PyTorch's: it keeps the loss finite (at most 100 per element) when a probability
    /// is exactly 0 or 1, at the price of a wrong value and a zero gradient there. Prefer
    /// <see cref="BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Reduction, ReadOnlySpan{T}, ReadOnlySpan{T})"/>.
    /// log(1 − p) is evaluated as log1p(−p), so a tiny p keeps its loss −log(1 − p) ≈ p (PyTorch's log(1 − p) gives 0
    /// below half an ulp of 1). p_i and t_i must be in [0, 1]; weight broadcasts as there.
    /// </remarks>
    public static T BinaryCrossEntropy<T>(
        ReadOnlySpan<T> probabilities, ReadOnlySpan<T> targets, Reduction reduction = Reduction.Mean,
        ReadOnlySpan<T> weight = default)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBinaryInputs(probabilities, targets, nameof(probabilities));
        CheckUnitInterval(probabilities, nameof(probabilities));
        CheckBroadcast(weight, probabilities.Length, nameof(weight));
        T floor = T.CreateChecked(-100);
        var total = default(ExtendedSum);
        for (int i = 0; i < probabilities.Length; i++)
        {
            T p = probabilities[i];
            double t = double.CreateChecked(targets[i]);
            double w = double.CreateChecked(Broadcast(weight, i));
            T logP = T.Max(T.Log(p), floor);
            // log(1 − p) as log1p(−p): 1 − p would round to 1 for a tiny p and lose the whole loss −log(1 − p) ≈ p.
            T logNotP = T.Max(StableMath.LogP1(-p), floor);
            total.AddProduct(w, t, -double.CreateChecked(logP));
            total.AddProduct(w, 1 - t, -double.CreateChecked(logNotP));
        }

        return Reduce<T>(total, ExtendedSum.Of(probabilities.Length), reduction);
    }

    private static ExtendedSum BinaryWithLogits<T>(
        ReadOnlySpan<T> logits, ReadOnlySpan<T> targets, ReadOnlySpan<T> posWeight, ReadOnlySpan<T> weight, Span<T> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckBinaryInputs(logits, targets, nameof(logits));
        for (int i = 0; i < logits.Length; i++)
        {
            if (!T.IsFinite(logits[i]))
            {
                throw new ArgumentException($"logits[{i}] = {Guard.Format(logits[i])} must be finite.", nameof(logits));
            }
        }

        CheckBroadcast(posWeight, logits.Length, nameof(posWeight));
        CheckBroadcast(weight, logits.Length, nameof(weight));
        var total = default(ExtendedSum);
        for (int i = 0; i < logits.Length; i++)
        {
            T x = logits[i];
            double t = double.CreateChecked(targets[i]);
            double w = double.CreateChecked(Broadcast(weight, i));
            var loss = default(ExtendedSum);
            var (softplus, scale) = ScaledSoftplus(double.CreateChecked(x));
            loss.AddScaledProduct(scale, w, 1 - t, softplus);
            (softplus, scale) = ScaledSoftplus(-double.CreateChecked(x));
            loss.AddScaledProduct(scale, w, double.CreateChecked(Broadcast(posWeight, i)), t, softplus);
            if (!losses.IsEmpty)
            {
                losses[i] = T.CreateChecked(loss.Value);
            }

            total.Add(loss);
        }

        return total;
    }

    /// <summary>
    /// softplus(x) = log(1 + e^x) as value·2^scale, in double whatever T is, so that a weight can bring back a term
    /// below T's (or double's) smallest number: softplus(−115) = 1.1e−50 is kept for float, and for x &lt; −700, where
    /// softplus(x) = e^x to double precision, e^x = e^r·2^n with x = n·ln 2 + r (|r| ≤ ln 2 / 2), so e^(−800)·1e300 is
    /// still 2.7e−48. Below −10⁶ the term is 0 for any pair of weights.
    /// </summary>
    private static (double Value, int Scale) ScaledSoftplus(double x)
    {
        if (x > -700)
        {
            return (StableMath.Softplus(x), 0);
        }

        if (x < -1e6)
        {
            return (0, 0);
        }

        const double ln2High = 0.693147180369123816490; // ln 2 with its low 32 bits cleared: n·ln2High is exact
        const double ln2Low = 1.90821492927058770002e-10;
        double n = Math.Round(x * 1.4426950408889634);
        double r = (x - (n * ln2High)) - (n * ln2Low);
        return (Math.Exp(r), (int)n);
    }

    private static void CheckBinaryInputs<T>(ReadOnlySpan<T> input, ReadOnlySpan<T> targets, string inputName)
        where T : IFloatingPointIeee754<T>
    {
        Guard.NotEmpty(input, inputName);
        Guard.SameLength(input, inputName, targets, nameof(targets));
        Guard.NoNaN(input, inputName);
        CheckUnitInterval(targets, nameof(targets));
    }

    private static void CheckUnitInterval<T>(ReadOnlySpan<T> x, string name)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < x.Length; i++)
        {
            if (!(x[i] >= T.Zero && x[i] <= T.One))
            {
                throw new ArgumentOutOfRangeException(name, x[i], $"{name}[{i}] = {Guard.Format(x[i])} must be in [0, 1].");
            }
        }
    }

    private static void CheckBroadcast<T>(ReadOnlySpan<T> factors, int elementCount, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (factors.IsEmpty)
        {
            return;
        }

        if (elementCount % factors.Length != 0)
        {
            throw new ArgumentException(
                $"{name} has length {factors.Length}, which does not divide the {elementCount} elements it broadcasts over.", name);
        }

        Guard.NonNegativeFinite(factors, name);
    }

    /// <summary>Entry i mod k of a broadcast factor, or 1 when there is none.</summary>
    private static T Broadcast<T>(ReadOnlySpan<T> factors, int i)
        where T : IFloatingPointIeee754<T> => factors.IsEmpty ? T.One : factors[i % factors.Length];
}
