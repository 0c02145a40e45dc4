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
    /// rows for Mean (NaN everywhere when all rows are ignored), 1 for Sum. Ignored rows get 0. A counted row of only −∞
    /// is NaN, as its loss (see <see cref="Losses"/>). Each row sums to 0 when there are no weights. The gradient may be
    /// written over the logits.
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
        var denominator = new GradientDenominator(MeanDenominator(reduction, CountedWeight(targets, options)));
        if (!(RowParallel.Worthwhile(options, rows, classCount)
            && TryGradientRowsInParallel(logits, classCount, targets, gradient, options, denominator)))
        {
            for (int r = 0; r < rows; r++)
            {
                ClassIndexGradientRow(logits, classCount, targets, gradient, options, denominator, r);
            }
        }

        if (denominator.Sum.Value == 0)
        {
            gradient.Fill(T.NaN); // 0 / 0: no row counts (or all weigh 0), as the mean loss itself is NaN.
        }
    }

    /// <summary>Rows of up to this many kernel blocks (2,048 entries each) keep their block shifts on the stack.</summary>
    private const int MaxBlocksOnStack = 256;

    /// <summary>
    /// One row of the class-index gradient. Without smoothing, and when a = w[y]/D (a ratio of extended sums) is a
    /// normal T, in two passes over the row: the loss's pass gives M and S = Σ_j e^{x_j − M} (in double) and writes
    /// each term against the running maximum of its block, e^{x_j − M_b}; a second pass multiplies each block by
    /// e^{M_b − M}·(a/S), formed in double and rounded once, so g_j = q_j·a to two roundings in T (rows longer
    /// than <see cref="MaxBlocksOnStack"/> blocks, and Half or NFloat, compute each exponential again instead); then
    /// g_y = q_y·a − a; when the target is the most likely class (q_y &gt; 1/2)
    /// q_y − 1 would cancel (q_y rounds to 1 long before 1 − q_y underflows), so g_y = −Σ_{j≠y} g_j, which does not.
    /// Otherwise <see cref="WriteGradientRow{T}"/> forms each entry in double. A row of only −∞ that counts is NaN (as
    /// its loss is); ignored rows are validated, then 0.
    /// </summary>
    private static void ClassIndexGradientRow<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> gradient,
        CrossEntropyOptions options, in GradientDenominator denominator, int r)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int offset = r * classCount;
        ReadOnlySpan<T> row = logits.Slice(offset, classCount);
        Span<T> g = gradient.Slice(offset, classCount);
        int y = targets[r];
        if (y == options.IgnoreIndex)
        {
            RowKernel.Validate(row, nameof(logits), offset);
            g.Clear();
            return;
        }

        double a = denominator.Scale(WeightOf(options, y));
        T scale = T.CreateChecked(a);
        if (options.LabelSmoothing != 0 || !T.IsNormal(scale))
        {
            // Decided before anything is written: the gradient may be the logits themselves.
            WriteGradientRow(row, g, nameof(logits), offset, options, [], y, denominator.Sum);
            return;
        }

        T target = row[y]; // read before g, which may be the row, is written
        int blocks = RowKernel.BlockCount(classCount);
        bool onePass = RowKernel.WritesTerms<T>() && blocks <= MaxBlocksOnStack;
        if (onePass && row.Overlaps(g))
        {
            RowKernel.Validate(row, nameof(logits), offset); // in place, bad logits are named before any is overwritten
        }

        Span<T> blockShifts = onePass ? stackalloc T[blocks] : default;
        RowKernel.LogSumExp<T> lse = onePass
            ? RowKernel.AnalyseWritingTerms(row, g, blockShifts, nameof(logits), offset)
            : RowKernel.Analyse(row, nameof(logits), offset);
        if (lse.IsEmpty)
        {
            g.Fill(T.NaN); // a row of only −∞: no distribution
            return;
        }

        double sum = 1 + lse.Rest; // S = Σ_j e^{x_j − M}
        bool targetDominates = RowKernel.ExpOfDifferenceInDouble(target, lse.Max) * 2 > sum;
        if (onePass)
        {
            RowKernel.ScaleBlocks(g, blockShifts, lse.Max, a / sum);
        }
        else
        {
            RowKernel.ScaledExponentials(row, lse.Max, T.CreateChecked(a / sum), g);
        }

        if (targetDominates)
        {
            g[y] = T.Zero;
            g[y] = T.CreateChecked(-RowKernel.Sum<T>(g));
        }
        else
        {
            g[y] -= scale;
        }
    }

    /// <summary>
    /// The gradient's divisor D and 1/D, rounded once: the scale of every row whose target weighs 1 (all rows without
    /// weights), computed once per call instead of once per row.
    /// </summary>
    private readonly struct GradientDenominator(ExtendedSum sum)
    {
        private readonly double _ofUnitWeight = ExtendedSum.ProductRatio(1, 1, sum);

        public ExtendedSum Sum { get; } = sum;

        /// <summary>w / D, rounded once (the same bits as <see cref="ExtendedSum.ProductRatio"/>(w, 1, D)).</summary>
        public double Scale(double weight) => weight == 1 ? _ofUnitWeight : ExtendedSum.ProductRatio(weight, 1, Sum);
    }

    /// <summary>Gradient rows on several threads; false (nothing thrown) if a row is bad, so the serial loop reports it.</summary>
    private static unsafe bool TryGradientRowsInParallel<T>(
        ReadOnlySpan<T> logits, int classCount, ReadOnlySpan<int> targets, Span<T> gradient,
        CrossEntropyOptions options, GradientDenominator denominator)
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
        Guard.SameOrNoOverlap(logits, gradient, nameof(gradient));
        Guard.NoOverlap(targetProbabilities, gradient, nameof(gradient));
        ExtendedSum denominator = MeanDenominator(reduction, ExtendedSum.Of(rows));
        for (int r = 0; r < rows; r++)
        {
            int offset = r * classCount;
            WriteGradientRow(
                logits.Slice(offset, classCount), gradient.Slice(offset, classCount), nameof(logits), offset, options,
                targetProbabilities.Slice(offset, classCount), -1, denominator);
        }
    }

    /// <summary>
    /// Writes the gradient row g_j = (q_j·Σ_c w_c·t_c − w_j·t_j) / D, q_j = e_j / S, with t the smoothed
    /// <paramref name="target"/> row, or the smoothed one-hot of <paramref name="y"/> when it is empty. The
    /// exponentials e_j = e^{x_j − M} and S are formed in double (the kernel's own exponential, the same bits everywhere)
    /// and each entry from ratios of extended sums, rounded once to T, so no weight, product or scale overflows or
    /// underflows, q·a − b never becomes ∞ − ∞ in T, and an entry that is a small difference of two near-equal terms
    /// (a smoothed target on a nearly uniform row) keeps float's precision down to about 10⁻¹⁶ of the row's terms
    /// (double's resolution of q and t; beyond that no double formula keeps it). The entries of a row sum to 0 (Σ_c q_c = 1), so
    /// the most likely class k gets g_k = −Σ_{j≠k} g_j: a sum of the small entries themselves, which neither cancels two
    /// sums near 1 (near-uniform rows) nor forms q_k·a − a (a one-hot target at k gives −a·Σ_{j≠k} q_j). The row is
    /// read before each chunk of <paramref name="g"/> is written (g_k last), so <paramref name="g"/> may be the row
    /// itself. A row of only −∞ gives NaN everywhere.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is written before it is read
    private static void WriteGradientRow<T>(
        ReadOnlySpan<T> row, Span<T> g, string name, int offset, CrossEntropyOptions options, ReadOnlySpan<T> target, int y,
        in ExtendedSum denominator)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var (lse, k) = RowKernel.AnalyseInDouble(row, name, offset);
        if (lse.IsEmpty)
        {
            g.Fill(T.NaN);
            return;
        }

        // Σ_c w_c·t_c = (1 − ε)·Σ_c w_c·y_c + (ε / C)·Σ_c w_c: the smoothing's share is one product with a sum of weights
        // (C itself without weights), not C products of ε / C that would each add a rounding near a uniform row.
        var targetMass = default(ExtendedSum);
        var weightMass = default(ExtendedSum);
        for (int c = 0; c < g.Length; c++)
        {
            double w = WeightOf(options, c);
            weightMass.Add(w);
            targetMass.AddProduct(w, target.IsEmpty ? (c == y ? 1 : 0) : double.CreateChecked(target[c]));
        }

        var mass = default(ExtendedSum);
        mass.AddProduct(1 - options.LabelSmoothing, targetMass);
        mass.AddProduct(options.LabelSmoothing / g.Length, weightMass);

        double normaliser = 1 + lse.Rest;
        double scale = ExtendedSum.Ratio(mass, denominator);
        double others = 0; // Σ_{c≠k} g_c, in entry order
        Span<double> e = stackalloc double[RowKernel.ChunkLength];
        for (int start = 0; start < g.Length; start += RowKernel.ChunkLength)
        {
            int length = Math.Min(RowKernel.ChunkLength, g.Length - start);
            RowKernel.ExponentialsInDouble(row.Slice(start, length), lse.Max, e);
            for (int i = 0; i < length; i++)
            {
                int c = start + i;
                if (c != k)
                {
                    double value = (e[i] / normaliser * scale) - ExtendedSum.ProductRatio(WeightOf(options, c), GradientTarget(options, target, y, c, g.Length), denominator);
                    others += value;
                    g[c] = T.CreateChecked(value);
                }
            }
        }

        g[k] = T.CreateChecked(-others); // written last: its logit has been read with its chunk
    }

    /// <summary>The smoothed target t_c: of the <paramref name="target"/> row, or of onehot(<paramref name="y"/>) when it is empty.</summary>
    private static double GradientTarget<T>(CrossEntropyOptions options, ReadOnlySpan<T> target, int y, int c, int classCount)
        where T : IFloatingPointIeee754<T> =>
        target.IsEmpty
            ? ((1 - options.LabelSmoothing) * (c == y ? 1 : 0)) + (options.LabelSmoothing / classCount)
            : SmoothedTarget(options, target, c);

    /// <summary>The divisor of a gradient: <paramref name="meanDenominator"/> for Mean, 1 for Sum.</summary>
    private static ExtendedSum MeanDenominator(Reduction reduction, in ExtendedSum meanDenominator) => reduction switch
    {
        Reduction.Sum => ExtendedSum.Of(1),
        Reduction.Mean => meanDenominator,
        _ => throw new ArgumentOutOfRangeException(nameof(reduction), reduction, "Unknown reduction."),
    };
}
