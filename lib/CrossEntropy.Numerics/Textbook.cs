using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>
/// The formulas exactly as textbooks and the source blog post write them, kept apart so the notebooks can show
/// where each one breaks next to <see cref="StableMath"/>, <see cref="Information"/> and <see cref="Losses"/>.
/// Do not use them for real work.
/// </summary>
/// <remarks>
/// Nothing here validates its values or special-cases anything: each function is the literal formula evaluated in
/// IEEE arithmetic, so it returns whatever NaN or ∞ that arithmetic produces. Each remark says where it breaks.
/// Only the shape is checked: p and q of different lengths throw <see cref="ArgumentException"/> naming q, since
/// no formula gives that a meaning.
/// </remarks>
public static class Textbook
{
    /// <summary>Naive softmax: σ(x)_i = e^{x_i} / Σ_j e^{x_j}, without subtracting the maximum.</summary>
    /// <remarks>
    /// Breaks when e^{x} overflows — above ln(float.MaxValue) ≈ 88.72 in float and ln(double.MaxValue) ≈ 709.78 in
    /// double — giving ∞ / ∞ = NaN; and when every e^{x} underflows (x below about −104 in float, −745 in double),
    /// giving 0 / 0 = NaN. Mathematically identical to <see cref="StableMath.Softmax{T}(ReadOnlySpan{T}, double)"/>.
    /// </remarks>
    public static T[] Softmax<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        var result = new T[x.Length];
        T sum = T.Zero;
        for (int i = 0; i < x.Length; i++)
        {
            result[i] = T.Exp(x[i]);
            sum += result[i];
        }

        for (int i = 0; i < result.Length; i++)
        {
            result[i] /= sum;
        }

        return result;
    }

    /// <summary>Naive log-sum-exp: log Σ_i e^{x_i}.</summary>
    /// <remarks>+∞ as soon as one e^{x_i} overflows (x_i &gt; 709.78 in double), −∞ when all underflow.</remarks>
    public static T LogSumExp<T>(ReadOnlySpan<T> x)
        where T : IFloatingPointIeee754<T>
    {
        T sum = T.Zero;
        foreach (T xi in x)
        {
            sum += T.Exp(xi);
        }

        return T.Log(sum);
    }

    /// <summary>Log of softmax: log(σ(x)_i), with σ computed stably — the "softmax, then log" pipeline.</summary>
    /// <remarks>
    /// Even with a stable softmax, a probability that underflows to 0 has log −∞: log(softmax([1000, 1])) = [0, −∞]
    /// where the true log-softmax is [0, −999] (<see cref="StableMath.LogSoftmax{T}(ReadOnlySpan{T}, double)"/>).
    /// </remarks>
    public static T[] LogOfSoftmax<T>(ReadOnlySpan<T> x)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T[] q = StableMath.Softmax(x);
        for (int i = 0; i < q.Length; i++)
        {
            q[i] = T.Log(q[i]);
        }

        return q;
    }

    /// <summary>Cross-entropy as the blog writes it: −Σ_i p_i · ln q_i (NumPy's -np.sum(p * np.log(q))).</summary>
    /// <remarks>
    /// With p_i = 0 and q_i = 0 the term is 0 · (−∞) = NaN, where the limit convention gives 0; with q_i = 0 &lt; p_i the
    /// result is +∞ (correct, but it poisons a mean). No check that p and q are distributions.
    /// </remarks>
    public static T CrossEntropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q)
        where T : IFloatingPointIeee754<T> => CrossEntropyWithLog(p, q, T.Log);

    /// <summary>
    /// The blog's "numerically stable" variant: −Σ_i p_i · log10 q_i. It is not more stable: log10 q = ln q / ln 10, so
    /// the result is the cross-entropy in hartleys, <see cref="CrossEntropy{T}"/> / ln 10, and log10(0) is still −∞.
    /// </summary>
    public static T CrossEntropyLog10<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q)
        where T : IFloatingPointIeee754<T> => CrossEntropyWithLog(p, q, T.Log10);

    /// <summary>
    /// Cross-entropy with clipped probabilities, as Keras does: −Σ_i p_i · ln(clip(q_i, ε, 1 − ε)), ε = 1e−7 by default.
    /// </summary>
    /// <remarks>
    /// Keeps the value finite (each term is at most −ln ε ≈ 16.1 per unit of p), but biased: any q_i below ε is treated as
    /// ε, so a confidently wrong model gets at most 16.1 nats instead of its true loss, and the gradient there is 0.
    /// (Keras also rescales q to sum to 1 first, which changes nothing for a softmax output.) ε must be in [0, 0.5].
    /// </remarks>
    public static T ClippedCrossEntropy<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, double epsilon = 1e-7)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(p, nameof(p), q, nameof(q));
        if (!(epsilon >= 0 && epsilon <= 0.5))
        {
            throw new ArgumentOutOfRangeException(
                nameof(epsilon), epsilon, $"epsilon = {Guard.Format(epsilon)} must be in [0, 0.5]: the clip interval [ε, 1 − ε] must not be empty.");
        }

        T eps = T.CreateChecked(epsilon);
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            sum -= p[i] * T.Log(T.Clamp(q[i], eps, T.One - eps));
        }

        return sum;
    }

    /// <summary>Naive sigmoid: 1 / (1 + e^{−x}).</summary>
    /// <remarks>
    /// Rounds to exactly 1 for x ≥ 37 in double (17 in float), so 1 − σ(x) becomes 0. Below x ≈ −709.78 (−88.72 in
    /// float) e^{−x} overflows to ∞ and σ(x) = 1 / ∞ = 0, although the true value is still a normal number.
    /// </remarks>
    public static T Sigmoid<T>(T x)
        where T : IFloatingPointIeee754<T> => T.One / (T.One + T.Exp(-x));

    /// <summary>
    /// Binary cross-entropy on a naive sigmoid: −[t · ln σ(x) + (1 − t) · ln(1 − σ(x))].
    /// </summary>
    /// <remarks>
    /// Once σ(x) rounds to 1 (x ≥ 37 in double), ln(1 − σ(x)) = −∞: the loss is +∞ for t = 0 and NaN (0 · −∞) for t = 1.
    /// For x below about −709.78, e^{−x} overflows, σ(x) = 0 and ln σ(x) = −∞: the loss is +∞ for t = 1. Compare
    /// <see cref="Losses.BinaryCrossEntropyWithLogits{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, Reduction, ReadOnlySpan{T}, ReadOnlySpan{T})"/>.
    /// </remarks>
    public static T BinaryCrossEntropyOfSigmoid<T>(T x, T t)
        where T : IFloatingPointIeee754<T>
    {
        T s = Sigmoid(x);
        return -((t * T.Log(s)) + ((T.One - t) * T.Log(T.One - s)));
    }

    private static T CrossEntropyWithLog<T>(ReadOnlySpan<T> p, ReadOnlySpan<T> q, Func<T, T> log)
        where T : IFloatingPointIeee754<T>
    {
        Guard.SameLength(p, nameof(p), q, nameof(q));
        T sum = T.Zero;
        for (int i = 0; i < p.Length; i++)
        {
            sum -= p[i] * log(q[i]);
        }

        return sum;
    }
}
