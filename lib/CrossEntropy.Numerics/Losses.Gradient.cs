using System.Numerics;
using System.Numerics.Tensors;

namespace CrossEntropy.Numerics;

public static partial class Losses
{
    /// <summary>
    /// Gradient of the reduced class-index cross-entropy with respect to the logits, written into
    /// <paramref name="gradient"/> (N × C): ∂L/∂x_{n,j} = [w̄_n·q_{n,j} − (1 − ε)·w[y_n]·δ_{j,y_n} − (ε / C)·w_j] / D,
    /// with q_n = softmax(x_n), w̄_n = (1 − ε)·w[y_n] + (ε / C)·Σ_c w_c.
    /// </summary>
    /// <remarks>
    /// Without weights and smoothing this is (q_n − onehot(y_n)) / D: "softmax minus target". D = Σ w[y_n] over counted
    /// rows for Mean (NaN everywhere when all rows are ignored), 1 for Sum. Ignored rows get 0.
    /// Each row sums to 0 when there are no weights.
    /// </remarks>
    public static void CrossEntropyGradient<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> gradient,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        int rows = CheckClassIndexBatch(logits, nameof(logits), classCount, targets, options);
        Guard.DestinationLength(logits, gradient, nameof(gradient));
        Guard.SameOrNoOverlap(logits, gradient, nameof(gradient));
        // D first, so each row is written once with coefficients that are ratios of sums: weights of any magnitude give
        // the same gradient as their scaled copies, with no product overflowing or underflowing on the way.
        var denominator = ExtendedSum.Of(1);
        if (reduction == Reduction.Mean)
        {
            denominator = default;
            for (int r = 0; r < rows; r++)
            {
                if (targets[r] != options.IgnoreIndex)
                {
                    denominator.Add(WeightOf(options, targets[r]));
                }
            }
        }
        else if (reduction != Reduction.Sum)
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }

        for (int r = 0; r < rows; r++)
        {
            Span<T> g = gradient.Slice(r * classCount, classCount);
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            int k = Guard.IndexOfMaxLogit(row, nameof(logits), r * classCount, classCount);
            int y = targets[r];
            if (y == options.IgnoreIndex)
            {
                g.Clear();
                continue;
            }

            StableMath.SoftmaxCore(row, g, k);
            double scale = ExtendedSum.ProductRatio(WeightOf(options, y), 1, denominator);
            if (options.LabelSmoothing == 0 && T.IsNormal(T.CreateChecked(scale)))
            {
                // (q − onehot(y))·w[y] / D in T's SIMD. When y is the most likely class, q_y − 1 would cancel (q_y rounds
                // to 1 long before 1 − q_y underflows); it equals −Σ_{j≠y} q_j, which does not.
                TensorPrimitives.Multiply(g, T.CreateChecked(scale), g);
                g[y] = y == k ? -(TensorPrimitives.Sum<T>(g[..y]) + TensorPrimitives.Sum<T>(g[(y + 1)..])) : g[y] - T.CreateChecked(scale);
                continue;
            }

            WriteGradientRow(g, k, options, [], y, denominator);
        }

        if (reduction == Reduction.Mean && denominator.Value == 0)
        {
            gradient.Fill(T.NaN); // 0 / 0: no row counts, as the mean loss itself is NaN.
        }
    }

    /// <summary>
    /// Gradient of the reduced probability-target cross-entropy with respect to the logits:
    /// ∂L/∂x_{n,j} = [q_{n,j}·Σ_c w_c·t_{n,c} − w_j·t_{n,j}] / D with smoothed targets t = (1 − ε)·y + ε / C,
    /// q_n = softmax(x_n), D = N for Mean and 1 for Sum. Without weights: (q_n − t_n) / D.
    /// </summary>
    public static void CrossEntropyGradient<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targetProbabilities, Span<T> gradient,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        int rows = CheckSoftTargetBatch(logits, classCount, targetProbabilities, options);
        Guard.DestinationLength(logits, gradient, nameof(gradient));
        Guard.SameOrNoOverlap(logits, gradient, nameof(gradient));
        Guard.NoOverlap(targetProbabilities, gradient, nameof(gradient));
        ExtendedSum denominator = reduction switch
        {
            Reduction.Mean => ExtendedSum.Of(rows),
            Reduction.Sum => ExtendedSum.Of(1),
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            ReadOnlySpan<T> target = targetProbabilities.Slice(r * classCount, classCount);
            Span<T> g = gradient.Slice(r * classCount, classCount);
            int k = Guard.IndexOfMaxLogit(row, nameof(logits), r * classCount, classCount);
            StableMath.SoftmaxCore(row, g, k);
            WriteGradientRow(g, k, options, target, -1, denominator);
        }
    }

    /// <summary>
    /// Turns a softmax row q (in <paramref name="g"/>) into its gradient g_j = (q_j·Σ_c w_c·t_c − w_j·t_j) / D, with
    /// t the smoothed <paramref name="target"/> row, or the smoothed one-hot of <paramref name="y"/> when it is empty.
    /// Each entry is formed in double from ratios of extended sums and rounded once, so no weight, product or scale
    /// overflows or underflows, and q·a − b never becomes ∞ − ∞ in T. For the most likely class k, q_k = 1 − Σ_{j≠k} q_j
    /// and g_k = (Σ_{j≠k} w_j·t_j) / D − a·Σ_{j≠k} q_j: a one-hot target at k gives −a·Σ_{j≠k} q_j exactly, where
    /// q_k·a − a would cancel to 0.
    /// </summary>
    private static void WriteGradientRow<T>(
        Span<T> g, int k, CrossEntropyOptions options, ReadOnlySpan<T> target, int y, in ExtendedSum denominator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var mass = default(ExtendedSum);
        var othersMass = default(ExtendedSum);
        double othersProbability = 0;
        for (int c = 0; c < g.Length; c++)
        {
            double t = GradientTarget(options, target, y, c, g.Length);
            mass.AddProduct(WeightOf(options, c), t);
            if (c != k)
            {
                othersMass.AddProduct(WeightOf(options, c), t);
                othersProbability += double.CreateChecked(g[c]);
            }
        }

        double scale = ExtendedSum.Ratio(mass, denominator);
        for (int c = 0; c < g.Length; c++)
        {
            double t = GradientTarget(options, target, y, c, g.Length);
            double value = c == k
                ? ExtendedSum.Ratio(othersMass, denominator) - (scale * othersProbability)
                : (double.CreateChecked(g[c]) * scale) - ExtendedSum.ProductRatio(WeightOf(options, c), t, denominator);
            g[c] = T.CreateChecked(value);
        }
    }

    /// <summary>The smoothed target t_c: of the <paramref name="target"/> row, or of onehot(<paramref name="y"/>) when it is empty.</summary>
    private static double GradientTarget<T>(CrossEntropyOptions options, ReadOnlySpan<T> target, int y, int c, int classCount)
        where T : IFloatingPointIeee754<T> =>
        target.IsEmpty
            ? ((1 - options.LabelSmoothing) * (c == y ? 1 : 0)) + (options.LabelSmoothing / classCount)
            : SmoothedTarget(options, target, c);
}
