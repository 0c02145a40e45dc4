using System.Numerics;

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
        T denominator = MeanDenominator(reduction, CountedWeight<T>(targets, options));
        if (RowParallel.Worthwhile(options, rows, classCount)
            && TryGradientRowsInParallel(logits, classCount, targets, gradient, options, denominator))
        {
            return;
        }

        for (int r = 0; r < rows; r++)
        {
            ClassIndexGradientRow(logits, classCount, targets, gradient, options, denominator, r);
        }
    }

    /// <summary>
    /// One row of the class-index gradient, in two passes over the row: the kernel writes e^{x_j − M} and returns
    /// S = Σ_j e^{x_j − M}, then g_j = e_j·w̄/(S·D) and the target terms are subtracted. Ignored rows: validated, then 0
    /// (NaN when every row is ignored and the reduction is the mean: D = 0).
    /// </summary>
    private static void ClassIndexGradientRow<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> gradient,
        CrossEntropyOptions options, T denominator, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = r * classCount;
        ReadOnlySpan<T> row = logits.Slice(offset, classCount);
        Span<T> g = gradient.Slice(offset, classCount);
        int y = targets[r];
        if (y == options.IgnoreIndex)
        {
            RowKernel.Validate(logits[offset..], classCount, nameof(logits), offset);
            g.Fill(denominator == T.Zero ? T.NaN : T.Zero);
            return;
        }

        T keep = T.CreateChecked(1 - options.LabelSmoothing);
        T smoothingPerClass = T.CreateChecked(options.LabelSmoothing / classCount);
        T wy = WeightOf<T>(options, y);
        T weightTotal = options.Weight is null ? T.CreateChecked(classCount) : T.Zero;
        if (options.Weight is not null && smoothingPerClass != T.Zero)
        {
            for (int c = 0; c < classCount; c++)
            {
                weightTotal += WeightOf<T>(options, c);
            }
        }

        T sum = RowKernel.Exponentials(logits[offset..], classCount, g, nameof(logits), offset);
        RowKernel.Scale(g, ((keep * wy) + (smoothingPerClass * weightTotal)) / sum / denominator);
        g[y] -= keep * wy / denominator;
        if (smoothingPerClass != T.Zero)
        {
            for (int c = 0; c < classCount; c++)
            {
                g[c] -= smoothingPerClass * WeightOf<T>(options, c) / denominator;
            }
        }
    }

    /// <summary>Gradient rows on several threads; false (nothing thrown) if a row is bad, so the serial loop reports it.</summary>
    private static unsafe bool TryGradientRowsInParallel<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> gradient,
        CrossEntropyOptions options, T denominator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* logitsPointer = logits)
        fixed (int* targetsPointer = targets)
        fixed (T* gradientPointer = gradient)
        {
            (nint x, nint t, nint g, int length, int rows) = ((nint)logitsPointer, (nint)targetsPointer, (nint)gradientPointer, logits.Length, targets.Length);
            return RowParallel.TryFor(rows, classCount, options.MaxDegreeOfParallelism, (first, end) =>
            {
                var rowLogits = new ReadOnlySpan<T>((T*)x, length);
                var rowTargets = new ReadOnlySpan<int>((int*)t, rows);
                var rowGradient = new Span<T>((T*)g, length);
                for (int r = first; r < end; r++)
                {
                    ClassIndexGradientRow(rowLogits, classCount, rowTargets, rowGradient, options, denominator, r);
                }
            });
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
        T denominator = MeanDenominator(reduction, T.CreateChecked(rows));
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            ReadOnlySpan<T> target = targetProbabilities.Slice(r * classCount, classCount);
            Span<T> g = gradient.Slice(r * classCount, classCount);
            T weightedTargetMass = T.Zero;
            for (int c = 0; c < classCount; c++)
            {
                weightedTargetMass += WeightedTarget(options, target, c);
            }

            T sum = RowKernel.Exponentials(logits[(r * classCount)..], classCount, g, nameof(logits), r * classCount);
            RowKernel.Scale(g, weightedTargetMass / sum / denominator);
            for (int c = 0; c < classCount; c++)
            {
                g[c] -= WeightedTarget(options, target, c) / denominator;
            }
        }
    }

    /// <summary>The divisor of a gradient: <paramref name="meanDenominator"/> for Mean, 1 for Sum.</summary>
    private static T MeanDenominator<T>(Reduction reduction, T meanDenominator)
        where T : IFloatingPointIeee754<T> => reduction switch
        {
            Reduction.Sum => T.One,
            Reduction.Mean => meanDenominator,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };
}
