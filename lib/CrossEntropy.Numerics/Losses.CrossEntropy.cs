using System.Numerics;
using System.Runtime.Intrinsics;

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
/// negative, label smoothing outside [0, 1]. A −∞ logit is a mask: if the target class is masked the row's loss is +∞.</para>
/// <para>Rows of only −∞, one rule for loss and gradient: such a row has no distribution (softmax is 0/0), so if it
/// counts, its loss is NaN and every entry of its gradient row is NaN, whatever its target, weights, label smoothing or
/// target probabilities (a weight of 0 does not make it 0: there is nothing to weigh); the reduced loss is then NaN.
/// A row that does not count (its target is the ignore index) is 0 in both, as every ignored row.</para>
/// <para>Precision: each −log q_c, softplus and log p − log q is formed in double whatever T is (and, in double, carried
/// with its own power of two where it would overflow or underflow), then multiplied by its weight, smoothing or target
/// in extended range and rounded to T once: a float or Half loss is within a few ulps of the true value wherever that
/// is representable, even when a term alone is not (3e38f − (−3e38f) with smoothing 0.1, softplus(−115)·1e30).</para>
/// <para>Weights and smoothing use 0 · ∞ = 0: a class with weight 0, or a target probability of 0, contributes nothing
/// even where its logit is −∞ (PyTorch's formula evaluates that product to NaN).</para>
/// <para>Range: weights and ε stay double (never narrowed to float), and every product w·t·l and every sum over rows
/// is formed with a significand and an int exponent, rounding to T once at the end. So weights are a pure scale
/// (uniform weights of 5e−324 or 1e308 give the unweighted mean), and a mean is finite whenever it is representable,
/// even where its sum is not (NllLoss&lt;double&gt;([−1e308, −1e308], 1, [0, 0]) = 1e308); Sum is +∞ when the true sum
/// exceeds MaxValue, and a single row's unreduced loss is +∞ when it does.</para>
/// <para>Aliasing: an unreduced losses span (length N) must not overlap the N × C input or the target probabilities;
/// the element-wise losses (binary with logits, KL) may be written over any of their inputs of the same length;
/// a gradient may be written over the logits, but not over the target probabilities. Other overlaps throw
/// <see cref="ArgumentException"/> naming the destination.</para>
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
        var (total, weightSum) = ClassIndexLosses(logits, classCount, targets, options, RowInput.Logits, Span<T>.Empty);
        return Reduce<T>(total, weightSum, reduction);
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
        ClassIndexLosses(logits, classCount, targets, options, RowInput.Logits, losses, unreduced: true);
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
        ExtendedSum total = SoftTargetLosses(logits, classCount, targetProbabilities, options, Span<T>.Empty);
        return Reduce<T>(total, ExtendedSum.Of(logits.Length / classCount), reduction);
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
        var (total, weightSum) = ClassIndexLosses(logProbabilities, classCount, targets, options, RowInput.LogProbabilities, Span<T>.Empty);
        return Reduce<T>(total, weightSum, reduction);
    }

    /// <summary>NLL loss, unreduced: writes l_n = −w[y_n]·input[n, y_n] (0 for ignored rows) into <paramref name="losses"/>.</summary>
    public static void NllLoss<T>(
        ReadOnlySpan<T> logProbabilities, int classCount, ReadOnlySpan<int> targets, Span<T> losses,
        CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ClassIndexLosses(logProbabilities, classCount, targets, options, RowInput.LogProbabilities, losses, unreduced: true);
    }

    private enum RowInput
    {
        Logits,
        LogProbabilities,
    }

    /// <summary>
    /// Per-row class-index losses: writes each l_n into <paramref name="losses"/> (unless empty) and returns Σ l_n and
    /// Σ w[y_n] over the rows that count. Weights stay double and every product and sum is formed in
    /// <see cref="ExtendedSum"/>, so weights of any magnitude (5e−324, 1e308) and losses near MaxValue neither overflow
    /// nor underflow on the way. Every path (serial, short-row groups, parallel) computes each row with
    /// <see cref="RowLoss{T}"/> and adds the rows in row order, so they agree bit for bit.
    /// </summary>
    private static (ExtendedSum Total, ExtendedSum WeightSum) ClassIndexLosses<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions? options,
        RowInput kind, Span<T> losses, bool unreduced = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        string inputName = kind == RowInput.Logits ? "logits" : "logProbabilities";
        int rows = CheckClassIndexBatch(input, inputName, classCount, targets, options);
        if (unreduced)
        {
            CheckLossesLength(losses, rows);
            Guard.NoOverlap(input, losses, nameof(losses));
        }

        if (kind == RowInput.LogProbabilities)
        {
            CheckLogProbabilities(input, inputName);
            if (options.LabelSmoothing != 0)
            {
                throw new ArgumentException(
                    $"LabelSmoothing = {Guard.Format(options.LabelSmoothing)}, but NLL loss has no label smoothing; " +
                    "use CrossEntropy on logits.",
                    nameof(options));
            }
        }

        ExtendedSum weightSum = CountedWeight(targets, options);
        var total = default(ExtendedSum);
        if (kind == RowInput.Logits && RowParallel.Worthwhile(options, rows, classCount))
        {
            var perRow = new ExtendedSum[rows];
            if (TryClassIndexRowsInParallel(input, classCount, targets, options, perRow))
            {
                for (int r = 0; r < rows; r++)
                {
                    Accumulate(ref total, perRow[r], targets[r] != options.IgnoreIndex, losses, r);
                }

                return (total, weightSum);
            }
        }

        if (kind == RowInput.Logits && RowKernel.IsShortRow<T>(classCount))
        {
            Span<ExtendedSum> group = stackalloc ExtendedSum[ShortRowGroup<T>()];
            for (int first = 0; first < rows; first += group.Length)
            {
                Span<ExtendedSum> groupLosses = group[..Math.Min(group.Length, rows - first)];
                ShortRowLosses(input, classCount, targets, options, first, groupLosses);
                for (int i = 0; i < groupLosses.Length; i++)
                {
                    Accumulate(ref total, groupLosses[i], targets[first + i] != options.IgnoreIndex, losses, first + i);
                }
            }

            return (total, weightSum);
        }

        for (int r = 0; r < rows; r++)
        {
            Accumulate(ref total, ClassIndexRowLoss(input, classCount, targets, options, kind, r), targets[r] != options.IgnoreIndex, losses, r);
        }

        return (total, weightSum);
    }

    /// <summary>Writes row <paramref name="r"/>'s loss rounded to T (unless <paramref name="losses"/> is empty) and adds it to the total if the row counts.</summary>
    private static void Accumulate<T>(ref ExtendedSum total, in ExtendedSum loss, bool counts, Span<T> losses, int r)
        where T : IFloatingPointIeee754<T>
    {
        if (!losses.IsEmpty)
        {
            losses[r] = T.CreateChecked(loss.Value);
        }

        if (counts)
        {
            total.Add(loss);
        }
    }

    /// <summary>
    /// Σ w[y_n] over the rows that are not ignored, in row order, in double weights. Without weights it is the count of
    /// those rows, an integer the extended sum would hold exactly, so it is formed directly (the same bits, no per-row work).
    /// </summary>
    private static ExtendedSum CountedWeight(ReadOnlySpan<int> targets, CrossEntropyOptions options)
    {
        if (options.Weight is null)
        {
            return ExtendedSum.Of(targets.Length - targets.Count(options.IgnoreIndex));
        }

        var weightSum = default(ExtendedSum);
        foreach (int y in targets)
        {
            if (y != options.IgnoreIndex)
            {
                weightSum.Add(WeightOf(options, y));
            }
        }

        return weightSum;
    }

    /// <summary>
    /// Row losses computed on several threads into <paramref name="perRow"/>; false (nothing thrown) if a row is bad,
    /// so that the caller's serial loop throws the first bad row's error, as the serial path does.
    /// </summary>
    private static unsafe bool TryClassIndexRowsInParallel<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, Span<ExtendedSum> perRow)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        fixed (T* inputPointer = input)
        fixed (int* targetsPointer = targets)
        fixed (ExtendedSum* perRowPointer = perRow)
        {
            (nint x, int xLength, nint t, nint l, int rows) = ((nint)inputPointer, input.Length, (nint)targetsPointer, (nint)perRowPointer, perRow.Length);
            return RowParallel.TryFor(rows, classCount, options.MaxDegreeOfParallelism, (first, end) =>
            {
                var logits = new ReadOnlySpan<T>((T*)x, xLength);
                var rowTargets = new ReadOnlySpan<int>((int*)t, rows);
                var losses = new Span<ExtendedSum>((ExtendedSum*)l, rows);
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
    private static ExtendedSum ClassIndexRowLoss<T>(
        ReadOnlySpan<T> input, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, RowInput kind, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = r * classCount;
        ReadOnlySpan<T> row = input.Slice(offset, classCount);
        int y = targets[r];
        var loss = default(ExtendedSum);
        if (kind == RowInput.LogProbabilities)
        {
            if (y != options.IgnoreIndex)
            {
                loss.AddProduct(WeightOf(options, y), -double.CreateChecked(row[y]));
            }

            return loss;
        }

        // Logits are checked in every row, ignored or not: a NaN is a bug upstream wherever it appears.
        if (y == options.IgnoreIndex)
        {
            RowKernel.Validate(row, "logits", offset);
            return loss;
        }

        return RowLoss(row, y, RowKernel.Analyse(row, "logits", offset), options);
    }

    /// <summary>
    /// Losses of the rows [first, first + losses.Length) of a batch of short rows (<see cref="RowKernel.IsShortRow{T}"/>),
    /// one kernel call for the whole group; ignored rows get 0.
    /// </summary>
    private static void ShortRowLosses<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, CrossEntropyOptions options, int first, Span<ExtendedSum> losses)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        RowKernel.AnalyseShortRows(logits, classCount, first, losses.Length, nameof(logits), out var max, out var rest);
        ReadOnlySpan<int> groupTargets = targets.Slice(first, losses.Length);
        for (int i = 0; i < losses.Length; i++)
        {
            int y = groupTargets[i];
            losses[i] = y == options.IgnoreIndex
                ? default
                : RowLoss(logits.Slice((first + i) * classCount, classCount), y, new(max[i], double.CreateChecked(rest[i])), options);
        }
    }

    /// <summary>Rows per group of the short-row path: one per lane.</summary>
    private static int ShortRowGroup<T>()
        where T : unmanaged, IFloatingPointIeee754<T> => Vector512<T>.Count;

    /// <summary>
    /// l = (1 − ε)·w_y·(−log q_y) + (ε / C)·Σ_c w_c·(−log q_c) from the row's log-sum-exp: each −log q_c formed in double
    /// (halved where it would overflow, <see cref="RowKernel.LogSumExp{T}.NegativeLogSoftmax"/>), each product with the
    /// double weight and ε formed in <see cref="ExtendedSum"/>, so a term beyond T's range that the weight or ε brings
    /// back is kept (a zero weight removes its term, even at a masked logit). A row of only −∞ gives NaN. The serial,
    /// short-row and parallel paths all use it.
    /// </summary>
    private static ExtendedSum RowLoss<T>(ReadOnlySpan<T> row, int y, RowKernel.LogSumExp<T> lse, CrossEntropyOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (lse.IsEmpty)
        {
            return ExtendedSum.Of(double.NaN);
        }

        double smoothing = options.LabelSmoothing;
        double logRest = lse.LogRest;
        var (targetTerm, targetScale) = lse.NegativeLogSoftmax(row[y], logRest);
        var loss = default(ExtendedSum);
        if (smoothing == 0 && options.Weight is null && targetScale == 0)
        {
            loss.Add(targetTerm); // the bits of the product with 1 · 1, without its checks
        }
        else
        {
            loss.AddScaledProduct(targetScale, 1 - smoothing, WeightOf(options, y), targetTerm);
        }

        if (smoothing != 0)
        {
            double smoothingPerClass = smoothing / row.Length;
            for (int c = 0; c < row.Length; c++)
            {
                var (term, scale) = lse.NegativeLogSoftmax(row[c], logRest);
                loss.AddScaledProduct(scale, smoothingPerClass, WeightOf(options, c), term);
            }
        }

        return loss;
    }

    /// <summary>Per-row soft-target losses (written into <paramref name="losses"/> unless empty); returns Σ l_n.</summary>
    private static ExtendedSum SoftTargetLosses<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<T> targets, CrossEntropyOptions? options, Span<T> losses,
        bool unreduced = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        int rows = CheckSoftTargetBatch(logits, classCount, targets, options);
        if (unreduced)
        {
            CheckLossesLength(losses, rows);
            Guard.NoOverlap(logits, losses, nameof(losses));
            Guard.NoOverlap(targets, losses, nameof(losses));
        }

        var total = default(ExtendedSum);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = logits.Slice(r * classCount, classCount);
            ReadOnlySpan<T> target = targets.Slice(r * classCount, classCount);
            RowKernel.LogSumExp<T> lse = RowKernel.Analyse(row, nameof(logits), r * classCount);
            var loss = lse.IsEmpty ? ExtendedSum.Of(double.NaN) : default;
            double logRest = lse.LogRest;
            for (int c = 0; c < classCount && !lse.IsEmpty; c++)
            {
                var (term, scale) = lse.NegativeLogSoftmax(row[c], logRest);
                loss.AddScaledProduct(scale, WeightOf(options, c), SmoothedTarget(options, target, c), term);
            }

            Accumulate(ref total, loss, counts: true, losses, r);
        }

        return total;
    }

    /// <summary>The smoothed target t' = (1 − ε)·t + ε / C (C = the row's length), in double so ε is never narrowed.</summary>
    private static double SmoothedTarget<T>(CrossEntropyOptions options, ReadOnlySpan<T> target, int c)
        where T : IFloatingPointIeee754<T>
    {
        double epsilon = options.LabelSmoothing;
        return ((1 - epsilon) * double.CreateChecked(target[c])) + (epsilon / target.Length); // exactly t when ε = 0
    }

    /// <summary>w_c as given (double, never narrowed to T), or 1 without weights.</summary>
    private static double WeightOf(CrossEntropyOptions options, int c) => options.Weight is { } w ? w[c] : 1;

    /// <summary>Sum: Σ l rounded to T (+∞ when it is not representable). Mean: Σ l / denominator, rounded once.</summary>
    private static T Reduce<T>(in ExtendedSum total, in ExtendedSum denominator, Reduction reduction)
        where T : IFloatingPointIeee754<T> => reduction switch
        {
            Reduction.Sum => T.CreateChecked(total.Value),
            Reduction.Mean => T.CreateChecked(ExtendedSum.Ratio(total, denominator)),
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
        RowParallel.CheckDegree(options.MaxDegreeOfParallelism, nameof(options));
        if (options.IgnoreIndex != CrossEntropyOptions.DefaultIgnoreIndex)
        {
            throw new ArgumentException(
                $"IgnoreIndex = {options.IgnoreIndex} is set, but it applies to class-index targets only; probability " +
                $"targets cannot ignore rows (leave it at {CrossEntropyOptions.DefaultIgnoreIndex}).",
                nameof(options));
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
