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
        T smoothingPerClass = T.CreateChecked(options.LabelSmoothing / classCount);
        T keep = T.CreateChecked(1 - options.LabelSmoothing);
        T weightTotal = T.Zero;
        for (int c = 0; c < classCount; c++)
        {
            weightTotal += WeightOf<T>(options, c);
        }

        T denominator = T.Zero;
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

            StableMath.SoftmaxCore(row, g, k, T.One);
            T wy = WeightOf<T>(options, y);
            TensorPrimitives.Multiply(g, (keep * wy) + (smoothingPerClass * weightTotal), g);
            g[y] -= keep * wy;
            if (smoothingPerClass != T.Zero)
            {
                for (int c = 0; c < classCount; c++)
                {
                    g[c] -= smoothingPerClass * WeightOf<T>(options, c);
                }
            }

            denominator += wy;
        }

        ScaleForReduction(gradient, denominator, reduction);
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
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            ReadOnlySpan<T> target = targetProbabilities.Slice(r * classCount, classCount);
            Span<T> g = gradient.Slice(r * classCount, classCount);
            StableMath.SoftmaxCore(row, g, Guard.IndexOfMaxLogit(row, nameof(logits), r * classCount, classCount), T.One);
            T weightedTargetMass = T.Zero;
            for (int c = 0; c < classCount; c++)
            {
                weightedTargetMass += WeightedTarget(options, target, c);
            }

            for (int c = 0; c < classCount; c++)
            {
                g[c] = (g[c] * weightedTargetMass) - WeightedTarget(options, target, c);
            }
        }

        ScaleForReduction(gradient, T.CreateChecked(rows), reduction);
    }

    private static void ScaleForReduction<T>(Span<T> gradient, T meanDenominator, Reduction reduction)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (reduction == Reduction.Mean)
        {
            TensorPrimitives.Divide(gradient, meanDenominator, gradient);
        }
        else if (reduction != Reduction.Sum)
        {
            throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction.");
        }
    }
}
