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
        double keep = 1 - options.LabelSmoothing;
        double smoothingPerClass = options.LabelSmoothing / classCount;
        var weightTotal = default(ExtendedSum);
        for (int c = 0; c < classCount; c++)
        {
            weightTotal.Add(WeightOf(options, c));
        }

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
            double wy = WeightOf(options, y);
            var rowWeight = default(ExtendedSum); // w̄_n = (1 − ε)·w[y] + (ε / C)·Σ_c w_c
            rowWeight.AddProduct(keep, wy);
            rowWeight.AddProduct(smoothingPerClass, weightTotal);
            double scale = ExtendedSum.Ratio(rowWeight, denominator);
            double targetShare = ExtendedSum.ProductRatio(keep, wy, denominator);
            if (smoothingPerClass == 0 && T.IsNormal(T.CreateChecked(scale)))
            {
                TensorPrimitives.Multiply(g, T.CreateChecked(scale), g);
                g[y] -= T.CreateChecked(targetShare);
                continue;
            }

            // Smoothing, or a scale beyond T's range (a float row with weight 1e39 in sum mode): each entry is formed in
            // double and rounded once, so q·a − b does not become ∞ − ∞.
            for (int c = 0; c < classCount; c++)
            {
                double subtrahend = (c == y ? targetShare : 0) +
                    ExtendedSum.ProductRatio(smoothingPerClass, WeightOf(options, c), denominator);
                g[c] = T.CreateChecked((double.CreateChecked(g[c]) * scale) - subtrahend);
            }
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
            StableMath.SoftmaxCore(row, g, Guard.IndexOfMaxLogit(row, nameof(logits), r * classCount, classCount));
            var weightedTargetMass = default(ExtendedSum);
            for (int c = 0; c < classCount; c++)
            {
                weightedTargetMass.AddProduct(WeightOf(options, c), SmoothedTarget(options, target, c));
            }

            double scale = ExtendedSum.Ratio(weightedTargetMass, denominator);
            for (int c = 0; c < classCount; c++)
            {
                double subtrahend = ExtendedSum.ProductRatio(WeightOf(options, c), SmoothedTarget(options, target, c), denominator);
                g[c] = T.CreateChecked((double.CreateChecked(g[c]) * scale) - subtrahend);
            }
        }
    }
}
