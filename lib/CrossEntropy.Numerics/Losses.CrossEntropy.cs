using System.Numerics;

namespace CrossEntropy.Numerics;

/// <summary>
/// Losses computed from logits over a batch, with PyTorch's semantics: cross-entropy with class-index or probability
/// targets, NLL, binary cross-entropy (with logits and on probabilities) and KL divergence, plus the gradient of
/// cross-entropy with respect to the logits.
/// </summary>
/// <remarks>
/// <para>A batch is a flat row-major span of N × C values with C = classCount. Losses are computed in nats through
/// log-sum-exp, never through log(softmax), so every finite logit works (1e4 in float, 1e300 in double).</para>
/// <para>Bad input throws, naming the argument and the flat index (with row and class): NaN or +∞ logits, a class
/// index outside [0, C) that is not the ignore index, targets of the wrong length, weights of the wrong length or
/// negative, label smoothing outside [0, 1]. A −∞ logit is a mask: if the target class is masked the row's loss is +∞;
/// a row whose logits are all −∞ has no distribution and its loss is NaN.</para>
/// <para>Weights and smoothing use 0 · ∞ = 0: a class with weight 0, or a target probability of 0, contributes nothing
/// even where its logit is −∞ (PyTorch's formula evaluates that product to NaN).</para>
/// </remarks>
public static partial class Losses
{
    /// <summary>
    /// Cross-entropy with class-index targets, reduced: l_n = (1 − ε)·w[y_n]·(−log softmax(x_n)[y_n]) + (ε / C)·Σ_c w_c·(−log softmax(x_n)_c),
    /// with −log softmax(x_n)_c = LSE(x_n) − x_{n,c}.
    /// </summary>
    /// <remarks>
    /// Rows with y_n = IgnoreIndex contribute 0 and do not count. Mean = Σ_n l_n / Σ_n w[y_n] over the rows that count
    /// (Σ w[y_n] is the number of such rows without weights); all rows ignored gives 0 / 0 = NaN, as in PyTorch.
    /// Sum = Σ_n l_n. With ε = 0 and no weights this is the mean of −log q_{y_n}: the negative log-likelihood of the data.
    /// </remarks>
    /// <param name="logits">N × C raw scores, row-major.</param>
    /// <param name="classCount">C.</param>
    /// <param name="targets">N class indices in [0, C) or the ignore index.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="options">Weights, ignore index and label smoothing; <see cref="CrossEntropyOptions.Default"/> when null.</param>
    public static T CrossEntropy<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = ClassIndexLosses(logits, classCount, targets, options, RowInput.Logits, [], out T weightSum);
        return Reduce(total, weightSum, reduction);
    }

    /// <summary>
    /// Cross-entropy with class-index targets, unreduced (PyTorch's reduction = 'none'): writes l_n of every row into
    /// <paramref name="losses"/> (length N); ignored rows get 0. Formula as in the reduced overload.
    /// </summary>
    public static void CrossEntropy<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> losses,
        CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ClassIndexLosses(logits, classCount, targets, options, RowInput.Logits, losses, out _, unreduced: true);
    }

    /// <summary>
    /// Cross-entropy with probability ("soft") targets, reduced: l_n = −Σ_c w_c·t_{n,c}·log softmax(x_n)_c with smoothed
    /// targets t = (1 − ε)·y + ε / C. Mean = Σ_n l_n / N (weights do not enter the denominator); Sum = Σ_n l_n.
    /// </summary>
    /// <remarks>
    /// Each target row must be non-negative and sum to 1 within √ε_T (1.5e−8 for double, 3.5e−4 for float); PyTorch
    /// does not check this, but a target that is not a distribution makes the value no cross-entropy. Terms with
    /// t_{n,c} = 0 are 0 even if x_{n,c} = −∞. Without weights l_n = H(t_n, softmax(x_n)) in nats.
    /// </remarks>
    /// <param name="logits">N × C raw scores, row-major.</param>
    /// <param name="classCount">C.</param>
    /// <param name="targetProbabilities">N × C target distributions, row-major.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="options">Weights and label smoothing; an ignore index other than −100 throws.</param>
    public static T CrossEntropy<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targetProbabilities,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = SoftTargetLosses(logits, classCount, targetProbabilities, options, []);
        return Reduce(total, T.CreateChecked(logits.Length / classCount), reduction);
    }

    /// <summary>Cross-entropy with probability targets, unreduced: writes l_n of every row into <paramref name="losses"/> (length N).</summary>
    public static void CrossEntropy<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targetProbabilities, Span<T> losses,
        CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        SoftTargetLosses(logits, classCount, targetProbabilities, options, losses, unreduced: true);
    }

    /// <summary>
    /// Negative log-likelihood loss on log-probabilities (PyTorch's nll_loss): l_n = −w[y_n]·input[n, y_n]; ignored rows
    /// contribute 0; Mean = Σ l_n / Σ w[y_n] (NaN when every row is ignored), Sum = Σ l_n.
    /// </summary>
    /// <remarks>
    /// The input is taken as log-probabilities (for example from <see cref="StableMath.LogSoftmaxRows{T}"/>); it is not
    /// renormalised. NLL(LogSoftmax(x)) = CrossEntropy(x). Label smoothing is not part of NLL: a non-zero value throws.
    /// </remarks>
    public static T NllLoss<T>(
        ReadOnlySpan<T> logProbabilities, int classCount, ReadOnlySpan<int> targets,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T total = ClassIndexLosses(logProbabilities, classCount, targets, options, RowInput.LogProbabilities, [], out T weightSum);
        return Reduce(total, weightSum, reduction);
    }

    /// <summary>NLL loss, unreduced: writes l_n = −w[y_n]·input[n, y_n] (0 for ignored rows) into <paramref name="losses"/>.</summary>
    public static void NllLoss<T>(
        ReadOnlySpan<T> logProbabilities, int classCount, ReadOnlySpan<int> targets, Span<T> losses,
        CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ClassIndexLosses(logProbabilities, classCount, targets, options, RowInput.LogProbabilities, losses, out _, unreduced: true);
    }

    private enum RowInput
    {
        Logits,
        LogProbabilities,
    }

    /// <summary>Per-row class-index losses; returns Σ l_n and, through <paramref name="weightSum"/>, Σ w[y_n] over counted rows.</summary>
    private static T ClassIndexLosses<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions? options,
        RowInput kind, Span<T> losses, out T weightSum, bool unreduced = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        string inputName = kind == RowInput.Logits ? "logits" : "logProbabilities";
        int rows = CheckClassIndexBatch(input, inputName, classCount, targets, options);
        if (unreduced)
        {
            CheckLossesLength(losses, rows);
        }

        if (kind == RowInput.LogProbabilities)
        {
            Guard.NoNaN(input, inputName);
            if (options.LabelSmoothing != 0)
            {
                throw new ArgumentException("NLL loss has no label smoothing; use CrossEntropy on logits.", nameof(options));
            }
        }

        weightSum = CountedWeight<T>(targets, options);
        if (kind == RowInput.Logits && RowParallel.Worthwhile(options, rows, classCount))
        {
            Span<T> perRow = unreduced ? losses : new T[rows];
            if (TryClassIndexRowsInParallel(input, classCount, targets, options, perRow))
            {
                T sum = T.Zero;
                for (int r = 0; r < rows; r++)
                {
                    if (targets[r] != options.IgnoreIndex)
                    {
                        sum += perRow[r];
                    }
                }

                return sum;
            }
        }

        T total = T.Zero;
        if (kind == RowInput.Logits && RowKernel.IsShortRow<T>(classCount))
        {
            Span<T> group = stackalloc T[ShortRowGroup<T>()];
            for (int first = 0; first < rows; first += group.Length)
            {
                Span<T> groupLosses = group[..Math.Min(group.Length, rows - first)];
                ShortRowLosses(input, classCount, targets, options, first, groupLosses);
                for (int i = 0; i < groupLosses.Length; i++)
                {
                    if (!losses.IsEmpty)
                    {
                        losses[first + i] = groupLosses[i];
                    }

                    if (targets[first + i] != options.IgnoreIndex)
                    {
                        total += groupLosses[i];
                    }
                }
            }

            return total;
        }

        for (int r = 0; r < rows; r++)
        {
            T loss = ClassIndexRowLoss(input, classCount, targets, options, kind, r);
            if (!losses.IsEmpty)
            {
                losses[r] = loss;
            }

            if (targets[r] != options.IgnoreIndex)
            {
                total += loss;
            }
        }

        return total;
    }

    /// <summary>Σ w[y_n] over the rows that are not ignored, in row order.</summary>
    private static T CountedWeight<T>(ReadOnlySpan<int> targets, CrossEntropyOptions options)
        where T : IFloatingPointIeee754<T>
    {
        T weightSum = T.Zero;
        foreach (int y in targets)
        {
            if (y != options.IgnoreIndex)
            {
                weightSum += WeightOf<T>(options, y);
            }
        }

        return weightSum;
    }

    /// <summary>
    /// Row losses computed on several threads into <paramref name="perRow"/>; false (nothing thrown) if a row is bad,
    /// so that the caller's serial loop throws the first bad row's error, as the serial path does.
    /// </summary>
    private static unsafe bool TryClassIndexRowsInParallel<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, Span<T> perRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* inputPointer = input)
        fixed (int* targetsPointer = targets)
        fixed (T* perRowPointer = perRow)
        {
            (nint x, int xLength, nint t, nint l, int rows) = ((nint)inputPointer, input.Length, (nint)targetsPointer, (nint)perRowPointer, perRow.Length);
            return RowParallel.TryFor(rows, classCount, options.MaxDegreeOfParallelism, (first, end) =>
            {
                var logits = new ReadOnlySpan<T>((T*)x, xLength);
                var rowTargets = new ReadOnlySpan<int>((int*)t, rows);
                var losses = new Span<T>((T*)l, rows);
                if (RowKernel.IsShortRow<T>(classCount))
                {
                    // Ranges start at multiples of the group size, so the groups are those of the serial path.
                    for (int group = first; group < end; group += ShortRowGroup<T>())
                    {
                        ShortRowLosses(logits, classCount, rowTargets, options, group, losses[group..Math.Min(group + ShortRowGroup<T>(), end)]);
                    }
                }
                else
                {
                    for (int r = first; r < end; r++)
                    {
                        losses[r] = ClassIndexRowLoss(logits, classCount, rowTargets, options, RowInput.Logits, r);
                    }
                }
            });
        }
    }

    /// <summary>
    /// l_r of one row (0 for an ignored row, whose logits are still validated): from logits through the fused kernel,
    /// l = (1 − ε)·w_y·(−log q_y) + (ε / C)·Σ_c w_c·(−log q_c); from log-probabilities, l = −w_y·input[y].
    /// </summary>
    private static T ClassIndexRowLoss<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, RowInput kind, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = r * classCount;
        ReadOnlySpan<T> row = input.Slice(offset, classCount);
        int y = targets[r];
        if (kind == RowInput.LogProbabilities)
        {
            return y == options.IgnoreIndex ? T.Zero : Weighted(WeightOf<T>(options, y), -row[y]);
        }

        // Logits are checked in every row, ignored or not: a NaN is a bug upstream wherever it appears.
        if (y == options.IgnoreIndex)
        {
            RowKernel.Validate(input[offset..], classCount, "logits", offset);
            return T.Zero;
        }

        return RowLoss(row, y, RowKernel.Analyse(input[offset..], classCount, "logits", offset), options);
    }

    /// <summary>
    /// Losses of the rows [first, first + losses.Length) of a batch of short rows (<see cref="RowKernel.IsShortRow{T}"/>),
    /// one kernel call for the whole group; ignored rows get 0.
    /// </summary>
    private static void ShortRowLosses<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, int first, Span<T> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowKernel.AnalyseShortRows(logits, classCount, first, losses.Length, nameof(logits), out var max, out var rest);
        for (int i = 0; i < losses.Length; i++)
        {
            int y = targets[first + i];
            losses[i] = y == options.IgnoreIndex
                ? T.Zero
                : RowLoss(logits.Slice((first + i) * classCount, classCount), y, new(max[i], rest[i]), options);
        }
    }

    /// <summary>Rows per group of the short-row path: one per lane.</summary>
    private static int ShortRowGroup<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => System.Runtime.Intrinsics.Vector512<T>.Count;

    /// <summary>l = (1 − ε)·w_y·(−log q_y) + (ε / C)·Σ_c w_c·(−log q_c) from the row's log-sum-exp.</summary>
    private static T RowLoss<T>(ReadOnlySpan<T> row, int y, RowKernel.LogSumExp<T> lse, CrossEntropyOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int classCount = row.Length;
        T smoothing = T.CreateChecked(options.LabelSmoothing);
        T loss = Weighted((T.One - smoothing) * WeightOf<T>(options, y), lse.NegativeLogSoftmax(row[y]));
        if (smoothing != T.Zero)
        {
            T smooth = T.Zero;
            for (int c = 0; c < classCount; c++)
            {
                smooth += Weighted(WeightOf<T>(options, c), lse.NegativeLogSoftmax(row[c]));
            }

            loss += smoothing / T.CreateChecked(classCount) * smooth;
        }

        return loss;
    }

    /// <summary>Per-row soft-target losses; returns Σ l_n.</summary>
    private static T SoftTargetLosses<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targets, CrossEntropyOptions? options, Span<T> losses,
        bool unreduced = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        int rows = CheckSoftTargetBatch(logits, classCount, targets, options);
        if (unreduced)
        {
            CheckLossesLength(losses, rows);
        }

        T total = T.Zero;
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            ReadOnlySpan<T> target = targets.Slice(r * classCount, classCount);
            RowKernel.LogSumExp<T> lse = RowKernel.Analyse(logits[(r * classCount)..], classCount, nameof(logits), r * classCount);
            T loss = T.Zero;
            for (int c = 0; c < classCount; c++)
            {
                loss += Weighted(WeightedTarget(options, target, c), lse.NegativeLogSoftmax(row[c]));
            }

            if (!losses.IsEmpty)
            {
                losses[r] = loss;
            }

            total += loss;
        }

        return total;
    }

    /// <summary>w_c·t'_c with the smoothed target t' = (1 − ε)·t + ε / C, C = the row's length.</summary>
    private static T WeightedTarget<T>(CrossEntropyOptions options, ReadOnlySpan<T> target, int c)
        where T : IFloatingPointIeee754<T>
    {
        double epsilon = options.LabelSmoothing;
        T smoothed = epsilon == 0
            ? target[c]
            : (T.CreateChecked(1 - epsilon) * target[c]) + T.CreateChecked(epsilon / target.Length);
        return WeightOf<T>(options, c) * smoothed;
    }

    /// <summary>w·v with 0·∞ = 0: a zero weight or zero target probability removes the term, even at a masked logit.</summary>
    private static T Weighted<T>(T weight, T value)
        where T : IFloatingPointIeee754<T> => weight == T.Zero ? T.Zero : weight * value;

    private static T WeightOf<T>(CrossEntropyOptions options, int c)
        where T : IFloatingPointIeee754<T> => options.Weight is { } w ? T.CreateChecked(w[c]) : T.One;

    private static T Reduce<T>(T total, T denominator, Reduction reduction)
        where T : IFloatingPointIeee754<T> => reduction switch
        {
            Reduction.Sum => total,
            Reduction.Mean => total / denominator,
            _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
        };

    /// <summary>All checks of a class-index batch, done once before any row is computed; returns N.</summary>
    private static int CheckClassIndexBatch<T>(
        ReadOnlySpan<T> input, string inputName, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options)
    {
        int rows = Guard.Rows(input, classCount, inputName);
        CheckTargetCount(targets, rows);
        CheckWeights(options, classCount);
        Guard.LabelSmoothing(options.LabelSmoothing, nameof(options));
        RowParallel.CheckDegree(options.MaxDegreeOfParallelism, nameof(options));
        for (int r = 0; r < rows; r++)
        {
            if (targets[r] != options.IgnoreIndex)
            {
                CheckClassIndex(targets[r], r, classCount, options.IgnoreIndex, nameof(targets));
            }
        }

        return rows;
    }

    /// <summary>All checks of a probability-target batch; returns N.</summary>
    private static int CheckSoftTargetBatch<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targetProbabilities, CrossEntropyOptions options)
        where T : IFloatingPointIeee754<T>
    {
        int rows = Guard.Rows(logits, classCount, nameof(logits));
        CheckSoftTargets(targetProbabilities, logits.Length, classCount, nameof(targetProbabilities));
        CheckWeights(options, classCount);
        Guard.LabelSmoothing(options.LabelSmoothing, nameof(options));
        if (options.IgnoreIndex != CrossEntropyOptions.DefaultIgnoreIndex)
        {
            throw new ArgumentException(
                "IgnoreIndex applies to class-index targets only; probability targets cannot ignore rows.", nameof(options));
        }

        return rows;
    }

    private static void CheckWeights(CrossEntropyOptions options, int classCount)
    {
        if (options.Weight is not { } w)
        {
            return;
        }

        if (w.Count != classCount)
        {
            throw new ArgumentException(
                $"Weight has length {w.Count} but there are {classCount} classes; they must be equal.", nameof(options));
        }

        for (int c = 0; c < w.Count; c++)
        {
            if (!(w[c] >= 0) || double.IsPositiveInfinity(w[c]))
            {
                throw new ArgumentOutOfRangeException(
                    nameof(options), w[c], $"Weight[{c}] = {Guard.Format(w[c])} must be finite and non-negative.");
            }
        }
    }

    private static void CheckTargetCount(ReadOnlySpan<int> targets, int rows)
    {
        if (targets.Length != rows)
        {
            throw new ArgumentException(
                $"targets has length {targets.Length} but the input has {rows} rows; they must be equal.", nameof(targets));
        }
    }

    private static void CheckClassIndex(int y, int row, int classCount, int ignoreIndex, string targetsName)
    {
        if ((uint)y >= (uint)classCount)
        {
            throw new ArgumentOutOfRangeException(
                targetsName, y,
                $"{targetsName}[{row}] = {y} is not a class index in [0, {classCount}) nor the ignore index {ignoreIndex}.");
        }
    }

    private static void CheckSoftTargets<T>(ReadOnlySpan<T> targets, int expectedLength, int classCount, string name)
        where T : IFloatingPointIeee754<T>
    {
        if (targets.Length != expectedLength)
        {
            throw new ArgumentException(
                $"{name} has length {targets.Length} but logits has length {expectedLength}; they must be equal.", name);
        }

        Guard.NonNegativeFinite(targets, name);
        T tolerance = T.Sqrt(MachineEpsilon<T>());
        for (int r = 0; r < targets.Length / classCount; r++)
        {
            T sum = System.Numerics.Tensors.TensorPrimitives.Sum(targets.Slice(r * classCount, classCount));
            if (T.Abs(sum - T.One) > tolerance)
            {
                throw new ArgumentException(
                    $"{name} row {r} sums to {Guard.Format(sum)}, not 1 (tolerance {Guard.Format(tolerance)}).", name);
            }
        }
    }

    /// <summary>The distance from 1 to the next representable number: 2^−52 for double, 2^−23 for float.</summary>
    private static T MachineEpsilon<T>()
        where T : IFloatingPointIeee754<T> => T.BitIncrement(T.One) - T.One;

    private static void CheckLossesLength<T>(Span<T> losses, int rows)
    {
        if (losses.Length != rows)
        {
            throw new ArgumentException(
                $"losses has length {losses.Length} but there are {rows} rows; they must be equal.", nameof(losses));
        }
    }
}
