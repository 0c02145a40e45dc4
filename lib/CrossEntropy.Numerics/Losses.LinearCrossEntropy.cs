using System.Numerics;
using System.Numerics.Tensors;
using System.Runtime.InteropServices;

namespace CrossEntropy.Numerics;

public static partial class Losses
{
    /// <summary>Entries of the one block of logits the fused linear cross-entropy holds (rows × classes).</summary>
    internal const int LinearBlockEntries = 1 << 16;

    /// <summary>At most this many rows per block: W is packed for the multiply once per block of rows, so more is faster.</summary>
    internal const int LinearMaxRowBlock = 512;

    /// <summary>
    /// Classes per step of each row's online log-sum-exp: blocks of classes are multiples of it and the recurrence runs
    /// over these chunks in class order, so a row's bits do not depend on N or on the block shape.
    /// </summary>
    internal const int LinearClassChunk = 128;

    /// <summary>At most this many classes per block.</summary>
    internal const int LinearMaxClassBlock = 512;

    /// <summary>
    /// Fused linear cross-entropy, reduced: the class-index <see cref="CrossEntropy{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Reduction, CrossEntropyOptions?)"/>
    /// of the logits z = h·Wᵀ + b, computed block by block so that the N × V logits never exist.
    /// </summary>
    /// <remarks>
    /// <para><b>Math.</b> z_{n,v} = Σ_k h_{n,k}·W_{v,k} + b_v; l_n = (1 − ε)·w[y_n]·(LSE(z_n) − z_{n,y_n}) +
    /// (ε / V)·Σ_v w_v·(LSE(z_n) − z_{n,v}); Mean = Σ_n l_n / Σ_n w[y_n] over the rows that are not ignored, Sum = Σ_n l_n,
    /// exactly as the class-index loss on the materialised logits (same options: class weights, ignore index, label
    /// smoothing).</para>
    /// <para><b>Blockwise.</b> Rows in blocks of up to 512, classes in blocks of 128 to 512 (65,536 logits a block): each
    /// block of logits is computed by <see cref="MatrixMultiply"/> and folded into each row's online log-sum-exp (running
    /// maximum M, sum rescaled by e^{M − M'} when the maximum grows; see <see cref="RowKernel"/>), 128 classes at a time
    /// in class order whatever the block shape, then discarded. Extra memory:
    /// one block of logits, the multiply's packing buffers and per-row state, about 0.6 MB for float and 1.2 MB for double
    /// whatever N and V are (plus a copy of the class weights when they are given as neither double[] nor List&lt;double&gt;).</para>
    /// <para><b>What is exact and what is not.</b> Each logit is the T value <see cref="LinearLogits{T}"/> returns: a
    /// chain of fused multiply-adds over k in order, in T (float accumulation for float), then + b_v rounded once; its
    /// error is that of a float dot product, |ẑ − z| ≤ d·u·Σ_k |h_k·W_{v,k}|. From those logits on, everything is
    /// double (exponentials, sums, the row loss), summed in a fixed lane order and rounded to T once, so the result is
    /// within a few ulps of the class-index loss of the exact values of those T logits, and the same bits on every
    /// machine and vector width.</para>
    /// <para><b>Edge cases.</b> N = 0 (empty hidden and targets): Sum is 0, Mean is 0 / 0 = NaN. Every row ignored (or
    /// every counted weight 0): Mean is NaN, as in PyTorch. The logits are finite products of finite inputs, so no class
    /// is masked (−∞); a logit that overflows T (±∞, or NaN from ∞ − ∞ inside the dot product) throws
    /// <see cref="ArgumentException"/> naming the row and class. For double, a spread M − z_v above double.MaxValue
    /// (logits beyond ±8.9e307) makes that term +∞.</para>
    /// <para><b>Bad input</b> throws, naming the argument and index: hiddenSize ≤ 0; weight empty or not V × hiddenSize;
    /// hidden not N × hiddenSize with N = targets.Length; bias neither empty nor of length V; a NaN or ±∞ in hidden, weight
    /// or bias; a target outside [0, V) that is not the ignore index; weights, label smoothing or
    /// MaxDegreeOfParallelism as for the class-index loss. Runs on the calling thread (MaxDegreeOfParallelism is checked,
    /// not used). Float and double only (<see cref="NotSupportedException"/> otherwise).</para>
    /// </remarks>
    /// <param name="hidden">N × d hidden states, row-major.</param>
    /// <param name="weight">V × d output matrix, row-major (one row per class, as PyTorch's nn.Linear).</param>
    /// <param name="bias">V biases, or empty for none.</param>
    /// <param name="hiddenSize">d.</param>
    /// <param name="targets">N class indices in [0, V) or the ignore index.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="options">Weights, ignore index and label smoothing; <see cref="CrossEntropyOptions.Default"/> when null.</param>
    public static T LinearCrossEntropy<T>(
        ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, ReadOnlySpan<int> targets,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        var problem = new LinearProblem<T>(hidden, weight, bias, hiddenSize, targets, options);
        ExtendedSum weightSum = CountedWeight(targets, options);
        MeanDenominator(reduction, weightSum); // checks the reduction before any work
        ExtendedSum total = LinearPasses(problem, options, Span<T>.Empty, default, withGradient: false);
        return Reduce<T>(total, weightSum, reduction);
    }

    /// <summary>
    /// Fused linear cross-entropy, unreduced: writes l_n of every row into <paramref name="losses"/> (length N; 0 for
    /// ignored rows). Formula, accuracy, memory and errors as in the reduced overload.
    /// </summary>
    public static void LinearCrossEntropy<T>(
        ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, ReadOnlySpan<int> targets,
        Span<T> losses, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        var problem = new LinearProblem<T>(hidden, weight, bias, hiddenSize, targets, options);
        CheckLossesLength(losses, targets.Length);
        problem.CheckDestination(losses, nameof(losses));
        LinearPasses(problem, options, losses, default, withGradient: false);
    }

    /// <summary>
    /// Fused linear cross-entropy and its gradients: returns the reduced loss (as
    /// <see cref="LinearCrossEntropy{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, ReadOnlySpan{int}, Reduction, CrossEntropyOptions?)"/>)
    /// and writes ∂L/∂h into <paramref name="hiddenGradient"/>, ∂L/∂W into <paramref name="weightGradient"/> and ∂L/∂b
    /// into <paramref name="biasGradient"/>, without ever holding the N × V logits.
    /// </summary>
    /// <remarks>
    /// <para><b>Math.</b> With G = ∂L/∂z (N × V), G_{n,v} = [ā_n·q_{n,v} − (1 − ε)·w[y_n]·δ_{v,y_n} − (ε / V)·w_v] / D,
    /// q_n = softmax(z_n), ā_n = (1 − ε)·w[y_n] + (ε / V)·Σ_v w_v, D = Σ w[y_n] (Mean) or 1 (Sum), and G_n = 0 for an
    /// ignored row (the logits gradient of <see cref="CrossEntropyGradient{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Span{T}, Reduction, CrossEntropyOptions?)"/>):
    /// ∂L/∂h = G·W (N × d), ∂L/∂W = Gᵀ·h (V × d), ∂L/∂b_v = Σ_n G_{n,v}.</para>
    /// <para><b>Two passes</b>, as Liger-Kernel and Cut Cross-Entropy: per block of rows, the first pass over the classes
    /// finds each row's log-sum-exp and loss; the second recomputes each block of logits (the same bits), turns it into
    /// G in place (G_{n,v} formed in double from e^{z − M}, rounded to T once; when the target is the row's maximum,
    /// q_y − 1 = −rest / (1 + rest) so it does not cancel) and adds G·W_block into ∂L/∂h and G_blockᵀ·h into ∂L/∂W.
    /// Cost: four products of the size of h·Wᵀ (the logits twice, then both gradients), plus O(N·V) exponentials.</para>
    /// <para><b>Bits.</b> ∂L/∂h_{n,k} is one fma chain in T over v = 0 … V − 1, ∂L/∂W_{v,k} one over n = 0 … N − 1, ∂L/∂b_v
    /// a sum in T over n in order: fixed orders, so the same bits on every machine and vector width.</para>
    /// <para>Mean with every row ignored (or N = 0): every gradient entry is NaN, as the loss. Sum with N = 0: zeros.
    /// The destinations must not overlap each other or the inputs. <paramref name="biasGradient"/> may be empty (not
    /// computed), also when there is a bias. Memory, accuracy and errors as in the loss.</para>
    /// </remarks>
    /// <param name="hidden">N × d hidden states, row-major.</param>
    /// <param name="weight">V × d output matrix, row-major.</param>
    /// <param name="bias">V biases, or empty for none.</param>
    /// <param name="hiddenSize">d.</param>
    /// <param name="targets">N class indices in [0, V) or the ignore index.</param>
    /// <param name="hiddenGradient">N × d destination for ∂L/∂h.</param>
    /// <param name="weightGradient">V × d destination for ∂L/∂W.</param>
    /// <param name="biasGradient">V destination for ∂L/∂b, or empty.</param>
    /// <param name="reduction">Mean (default) or sum.</param>
    /// <param name="options">Weights, ignore index and label smoothing.</param>
    /// <returns>The reduced loss.</returns>
    public static T LinearCrossEntropyGradient<T>(
        ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, ReadOnlySpan<int> targets,
        Span<T> hiddenGradient, Span<T> weightGradient, Span<T> biasGradient,
        Reduction reduction = Reduction.Mean, CrossEntropyOptions? options = null)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        options ??= CrossEntropyOptions.Default;
        var problem = new LinearProblem<T>(hidden, weight, bias, hiddenSize, targets, options);
        Guard.DestinationLength(hidden, hiddenGradient, nameof(hiddenGradient));
        Guard.DestinationLength(weight, weightGradient, nameof(weightGradient));
        if (!biasGradient.IsEmpty && biasGradient.Length != problem.Classes)
        {
            throw new ArgumentException(
                $"biasGradient has length {biasGradient.Length} but weight has {problem.Classes} rows (classes); pass V entries or an empty span.",
                nameof(biasGradient));
        }

        problem.CheckDestination(hiddenGradient, nameof(hiddenGradient));
        problem.CheckDestination(weightGradient, nameof(weightGradient));
        problem.CheckDestination(biasGradient, nameof(biasGradient));
        Guard.NoOverlap(hiddenGradient, weightGradient, nameof(weightGradient));
        Guard.NoOverlap(hiddenGradient, biasGradient, nameof(biasGradient));
        Guard.NoOverlap(weightGradient, biasGradient, nameof(biasGradient));

        ExtendedSum weightSum = CountedWeight(targets, options);
        var gradients = new LinearGradients<T>(hiddenGradient, weightGradient, biasGradient, MeanDenominator(reduction, weightSum));
        ExtendedSum total = LinearPasses(problem, options, Span<T>.Empty, gradients, withGradient: true);
        if (gradients.Denominator.Value == 0)
        {
            // 0 / 0: no row counts (or all weigh 0), as the mean loss itself is NaN.
            hiddenGradient.Fill(T.NaN);
            weightGradient.Fill(T.NaN);
            biasGradient.Fill(T.NaN);
        }

        return Reduce<T>(total, weightSum, reduction);
    }

    /// <summary>
    /// The logits z = h·Wᵀ + b (N × V, row-major) that the fused loss computes block by block, with the same bits: each
    /// z_{n,v} is a chain of fused multiply-adds over k in order in T, then + b_v rounded once. For comparison with the
    /// materialised path; it needs the N × V memory the fused loss avoids.
    /// </summary>
    /// <param name="hidden">N × d hidden states, row-major.</param>
    /// <param name="weight">V × d output matrix, row-major.</param>
    /// <param name="bias">V biases, or empty for none.</param>
    /// <param name="hiddenSize">d.</param>
    /// <param name="logits">N × V destination; N = hidden.Length / hiddenSize.</param>
    public static void LinearLogits<T>(
        ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, Span<T> logits)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (hiddenSize > 0 && hidden.Length % hiddenSize != 0)
        {
            throw new ArgumentException(
                $"hidden has length {hidden.Length}, which is not a multiple of hiddenSize = {hiddenSize} (expected N × d, row-major).",
                nameof(hidden));
        }

        int rows = hiddenSize > 0 ? hidden.Length / hiddenSize : 0;
        var problem = new LinearProblem<T>(hidden, weight, bias, hiddenSize, rows, CrossEntropyOptions.Default);
        if (logits.Length != (long)rows * problem.Classes)
        {
            throw new ArgumentException(
                $"logits has length {logits.Length} but N × V = {rows} × {problem.Classes}; they must be equal.", nameof(logits));
        }

        problem.CheckDestination(logits, nameof(logits));
        BlockLogits(problem, hidden, 0, problem.Classes, logits, new MatrixMultiply.Workspace<T>());
    }

    /// <summary>
    /// The two passes over blocks of rows and classes (see the public overloads); returns Σ l_n over the rows that count,
    /// writes each l_n into <paramref name="losses"/> unless it is empty, and the gradients when
    /// <paramref name="withGradient"/>.
    /// </summary>
    private static ExtendedSum LinearPasses<T>(
        in LinearProblem<T> problem, CrossEntropyOptions options, Span<T> losses, in LinearGradients<T> gradients, bool withGradient)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = problem.Rows, classes = problem.Classes, size = problem.Size;
        if (withGradient)
        {
            gradients.Bias.Clear();
            if (rows == 0)
            {
                gradients.Weight.Clear();
            }
        }

        if (rows == 0)
        {
            return default;
        }

        var (rowBlock, classBlock) = LinearBlockShape(rows, classes);
        var workspace = new MatrixMultiply.Workspace<T>();
        T[] tile = GC.AllocateUninitializedArray<T>(rowBlock * classBlock);
        var states = new LinearRowState[rowBlock];
        var coefficients = withGradient ? new LinearRowGradient[rowBlock] : [];
        bool smoothing = options.LabelSmoothing != 0;
        var total = default(ExtendedSum);
        for (int first = 0; first < rows; first += rowBlock)
        {
            int count = Math.Min(rowBlock, rows - first);
            ReadOnlySpan<T> hidden = problem.Hidden.Slice(first * size, count * size);
            ReadOnlySpan<int> targets = problem.Targets.Slice(first, count);
            states.AsSpan(0, count).Fill(LinearRowState.Empty);
            double weightSeen = 0;
            for (int start = 0; start < classes; start += classBlock)
            {
                int width = Math.Min(classBlock, classes - start);
                Span<T> logits = tile.AsSpan(0, count * width);
                BlockLogits(problem, hidden, start, width, logits, workspace);
                for (int chunk = start; chunk < start + width; chunk += LinearClassChunk)
                {
                    int chunkWidth = Math.Min(LinearClassChunk, start + width - chunk);
                    ReadOnlySpan<double> weights = problem.WeightsOf(chunk, chunkWidth);
                    for (int i = 0; i < count; i++)
                    {
                        int offset = (i * width) + chunk - start;
                        int bad = states[i].Add<T>(logits.Slice(offset, chunkWidth), weights, smoothing, weightSeen, targets[i] - chunk);
                        if (bad >= 0)
                        {
                            ThrowOverflowedLogit(first + i, chunk + bad, logits[offset + bad]);
                        }
                    }

                    weightSeen = problem.AddWeights(weightSeen, chunk, chunkWidth);
                }
            }

            for (int i = 0; i < count; i++)
            {
                Accumulate(ref total, LinearRowLoss(states[i], targets[i], problem, options), targets[i] != options.IgnoreIndex, losses, first + i);
            }

            if (withGradient)
            {
                for (int i = 0; i < count; i++)
                {
                    coefficients[i] = LinearRowGradient.Of(states[i], targets[i], problem.WeightTotal, classes, options, gradients.Denominator);
                }

                GradientPass(problem, first, count, classBlock, states, coefficients, gradients, tile, workspace, options.IgnoreIndex);
            }
        }

        return total;
    }

    /// <summary>
    /// The second pass over one block of rows: per block of classes, the logits again, G in their place, then
    /// ∂L/∂h_rows += G·W_block, ∂L/∂W_block += Gᵀ·h_rows and ∂L/∂b_block += Σ_rows G.
    /// </summary>
    private static void GradientPass<T>(
        in LinearProblem<T> problem, int first, int count, int classBlock, LinearRowState[] states, LinearRowGradient[] coefficients,
        in LinearGradients<T> gradients, T[] tile, MatrixMultiply.Workspace<T> workspace, int ignoreIndex)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int classes = problem.Classes, size = problem.Size;
        ReadOnlySpan<T> hidden = problem.Hidden.Slice(first * size, count * size);
        Span<T> hiddenGradient = gradients.Hidden.Slice(first * size, count * size);
        for (int start = 0; start < classes; start += classBlock)
        {
            int width = Math.Min(classBlock, classes - start);
            Span<T> g = tile.AsSpan(0, count * width);
            BlockLogits(problem, hidden, start, width, g, workspace);
            ReadOnlySpan<double> weights = problem.WeightsOf(start, width);
            for (int i = 0; i < count; i++)
            {
                Span<T> row = g.Slice(i * width, width);
                int y = problem.Targets[first + i];
                if (y == ignoreIndex)
                {
                    row.Clear();
                    continue;
                }

                states[i].WriteGradient(row, weights, coefficients[i].Alpha, coefficients[i].Beta);
                if ((uint)(y - start) < (uint)width)
                {
                    row[y - start] = T.CreateTruncating(coefficients[i].Target);
                }
            }

            ReadOnlySpan<T> blockWeight = problem.Weight.Slice(start * size, width * size);
            MatrixMultiply.Multiply(
                new MatrixMultiply.Operand<T>(g, width, 1), new MatrixMultiply.Operand<T>(blockWeight, size, 1),
                hiddenGradient, size, count, size, width, accumulate: start > 0, workspace);
            MatrixMultiply.Multiply(
                new MatrixMultiply.Operand<T>(g, 1, width), new MatrixMultiply.Operand<T>(hidden, size, 1),
                gradients.Weight.Slice(start * size, width * size), size, width, size, count, accumulate: first > 0, workspace);
            if (!gradients.Bias.IsEmpty)
            {
                Span<T> biasGradient = gradients.Bias.Slice(start, width);
                for (int i = 0; i < count; i++)
                {
                    TensorPrimitives.Add(biasGradient, g.Slice(i * width, width), biasGradient);
                }
            }
        }
    }

    /// <summary>
    /// Rows and classes per block: as many rows as fit (up to <see cref="LinearMaxRowBlock"/>) with at least one chunk of
    /// classes, then as many whole chunks of classes as the block holds (up to <see cref="LinearMaxClassBlock"/>).
    /// </summary>
    private static (int Rows, int Classes) LinearBlockShape(int rows, int classes)
    {
        int rowBlock = Math.Min(rows, LinearMaxRowBlock);
        int classBlock = Math.Clamp(LinearBlockEntries / rowBlock / LinearClassChunk * LinearClassChunk, LinearClassChunk, LinearMaxClassBlock);
        return (rowBlock, Math.Min(classBlock, classes));
    }

    /// <summary>Logits of rows <paramref name="hidden"/> and classes [start, start + width): h·W_blockᵀ (+ b_block).</summary>
    private static void BlockLogits<T>(
        in LinearProblem<T> problem, ReadOnlySpan<T> hidden, int start, int width, Span<T> logits, MatrixMultiply.Workspace<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int size = problem.Size, count = hidden.Length / size;
        MatrixMultiply.Multiply(
            new MatrixMultiply.Operand<T>(hidden, size, 1),
            new MatrixMultiply.Operand<T>(problem.Weight.Slice(start * size, width * size), 1, size), // B[k, v] = W[v, k]
            logits, width, count, width, size, accumulate: false, workspace);
        if (!problem.Bias.IsEmpty)
        {
            ReadOnlySpan<T> bias = problem.Bias.Slice(start, width);
            for (int i = 0; i < count; i++)
            {
                Span<T> row = logits.Slice(i * width, width);
                TensorPrimitives.Add(row, bias, row);
            }
        }
    }

    /// <summary>
    /// l = (1 − ε)·w_y·((M − z_y) + log1p(rest)) + (ε / V)·(Σ_v w_v·(M − z_v) + W·log1p(rest)), W = Σ_v w_v: every term
    /// ≥ 0, each product formed in <see cref="ExtendedSum"/>; 0 for an ignored row.
    /// </summary>
    private static ExtendedSum LinearRowLoss<T>(in LinearRowState state, int y, in LinearProblem<T> problem, CrossEntropyOptions options)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var loss = default(ExtendedSum);
        if (y == options.IgnoreIndex)
        {
            return loss;
        }

        double smoothing = options.LabelSmoothing;
        double logRest = StableMath.LogP1(state.Rest);
        double targetTerm = (state.Max - state.TargetLogit) + logRest;
        if (smoothing == 0 && problem.Weights.IsEmpty)
        {
            loss.Add(targetTerm);
        }
        else
        {
            loss.AddProduct(1 - smoothing, problem.WeightOf(y), targetTerm);
        }

        if (smoothing != 0)
        {
            double perClass = smoothing / problem.Classes;
            loss.AddProduct(perClass, state.Smoothing);
            loss.AddProduct(perClass, problem.WeightTotal, logRest);
        }

        return loss;
    }

    [System.Diagnostics.CodeAnalysis.DoesNotReturn]
    private static void ThrowOverflowedLogit<T>(int row, int @class, T value, string hidden = "hidden")
        where T : IFloatingPointIeee754<T> =>
        throw new ArgumentException(
            $"The logit of row {row}, class {@class} (hidden row {row} · weight row {@class} + bias[{@class}]) is " +
            $"{Guard.Format(value)}: the product overflowed {typeof(T).Name}. Scale hidden or weight down.",
            hidden);

    /// <summary>
    /// Per-row factors of G = ∂L/∂z: G_v = α·e^{z_v − M} − β·w_v for v ≠ y and G_y = <see cref="Target"/>, with
    /// α = ā / (S·D), β = (ε / V) / D, S = 1 + rest.
    /// </summary>
    private readonly record struct LinearRowGradient(double Alpha, double Beta, double Target)
    {
        public static LinearRowGradient Of(
            in LinearRowState state, int y, double weightTotal, int classes, CrossEntropyOptions options, in ExtendedSum denominator)
        {
            if (y == options.IgnoreIndex)
            {
                return default;
            }

            double smoothing = options.LabelSmoothing, perClass = smoothing / classes;
            double weight = WeightOf(options, y);
            double rest = state.Rest, normaliser = 1 + rest;
            double targetShare = ExtendedSum.ProductRatio(1 - smoothing, weight, denominator); // (1 − ε)·w_y / D
            double beta = ExtendedSum.ProductRatio(perClass, 1, denominator);
            double alpha = ExtendedSum.ProductRatio((1 - smoothing) * weight + (perClass * weightTotal), 1, denominator) / normaliser;

            // At the maximum, q_y − 1 = −rest / S exactly: G_y = −(1 − ε)·w_y·rest / (S·D) + (ε / V)·(W / S − w_y) / D.
            double target = state.TargetLogit == state.Max
                ? (-targetShare * (rest / normaliser)) + (beta * ((weightTotal / normaliser) - weight))
                : (alpha * LinearRowState.ExpOfDifference(state.TargetLogit, state.Max)) - (beta * weight) - targetShare;
            return new(alpha, beta, target);
        }
    }

    /// <summary>The gradient destinations and the divisor D.</summary>
    private readonly ref struct LinearGradients<T>(Span<T> hidden, Span<T> weight, Span<T> bias, ExtendedSum denominator)
    {
        public Span<T> Hidden { get; } = hidden;

        public Span<T> Weight { get; } = weight;

        public Span<T> Bias { get; } = bias;

        public ExtendedSum Denominator { get; } = denominator;
    }

    /// <summary>The checked inputs of a fused linear cross-entropy: shapes, values, targets and options.</summary>
    private readonly ref struct LinearProblem<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>Checks everything (see the loss's remarks) for targets given as class indices.</summary>
        public LinearProblem(
            ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, ReadOnlySpan<int> targets,
            CrossEntropyOptions options)
            : this(hidden, weight, bias, hiddenSize, targets.Length, options)
        {
            if (hidden.Length != (long)targets.Length * hiddenSize)
            {
                throw new ArgumentException(
                    $"hidden has length {hidden.Length} but targets has {targets.Length} entries and hiddenSize = {hiddenSize}: " +
                    $"expected N × d = {(long)targets.Length * hiddenSize}.",
                    nameof(hidden));
            }

            Targets = targets;
            for (int r = 0; r < targets.Length; r++)
            {
                if (targets[r] != options.IgnoreIndex)
                {
                    CheckClassIndex(targets[r], r, Classes, options.IgnoreIndex, nameof(targets));
                }
            }
        }

        /// <summary>Checks the shapes and values of hidden (N rows), weight and bias, and the options.</summary>
        public LinearProblem(
            ReadOnlySpan<T> hidden, ReadOnlySpan<T> weight, ReadOnlySpan<T> bias, int hiddenSize, int rows, CrossEntropyOptions options)
        {
            MatrixMultiply.CheckType<T>();
            if (hiddenSize <= 0)
            {
                throw new ArgumentOutOfRangeException(nameof(hiddenSize), hiddenSize, "hiddenSize must be positive.");
            }

            if (weight.IsEmpty || weight.Length % hiddenSize != 0)
            {
                throw new ArgumentException(
                    $"weight has length {weight.Length}, which is not a positive multiple of hiddenSize = {hiddenSize} " +
                    "(expected V × d, row-major, V ≥ 1).",
                    nameof(weight));
            }

            Classes = weight.Length / hiddenSize;
            if (!bias.IsEmpty && bias.Length != Classes)
            {
                throw new ArgumentException(
                    $"bias has length {bias.Length} but weight has {Classes} rows (classes); pass V entries or an empty span.",
                    nameof(bias));
            }

            CheckWeights(options, Classes);
            Guard.LabelSmoothing(options.LabelSmoothing, nameof(options));
            RowParallel.CheckDegree(options.MaxDegreeOfParallelism, nameof(options));
            CheckFinite(hidden, nameof(hidden), hiddenSize);
            CheckFinite(weight, nameof(weight), hiddenSize);
            CheckFinite(bias, nameof(bias), 0);
            Hidden = hidden;
            Weight = weight;
            Bias = bias;
            Size = hiddenSize;
            Rows = rows;
            Weights = options.Weight switch
            {
                null => default,
                double[] array => array,
                List<double> list => CollectionsMarshal.AsSpan(list),
                { } other => other.ToArray(),
            };

            // Σ w_v in class order: the same additions, in the same order, as the running sums of AddWeights.
            WeightTotal = AddWeights(0, 0, Classes);
        }

        public ReadOnlySpan<T> Hidden { get; }

        public ReadOnlySpan<T> Weight { get; }

        public ReadOnlySpan<T> Bias { get; }

        public ReadOnlySpan<int> Targets { get; }

        /// <summary>The class weights, or empty for all 1.</summary>
        public ReadOnlySpan<double> Weights { get; }

        /// <summary>d.</summary>
        public int Size { get; }

        /// <summary>N.</summary>
        public int Rows { get; }

        /// <summary>V.</summary>
        public int Classes { get; }

        /// <summary>W = Σ_v w_v (V without weights).</summary>
        public double WeightTotal { get; }

        public double WeightOf(int c) => Weights.IsEmpty ? 1 : Weights[c];

        /// <summary>The weights of classes [start, start + width), or empty without weights.</summary>
        public ReadOnlySpan<double> WeightsOf(int start, int width) => Weights.IsEmpty ? default : Weights.Slice(start, width);

        /// <summary><paramref name="sum"/> + w_start + … + w_{start+width−1}, added in class order.</summary>
        public double AddWeights(double sum, int start, int width)
        {
            if (Weights.IsEmpty)
            {
                return sum + width;
            }

            foreach (double w in Weights.Slice(start, width))
            {
                sum += w;
            }

            return sum;
        }

        /// <summary>Rejects a destination that shares memory with hidden, weight or bias.</summary>
        public void CheckDestination(Span<T> destination, string name)
        {
            Guard.NoOverlap(Hidden, destination, name);
            Guard.NoOverlap(Weight, destination, name);
            Guard.NoOverlap(Bias, destination, name);
        }

        private static void CheckFinite(ReadOnlySpan<T> values, string name, int rowLength)
        {
            // A vector pass (x − x is 0 exactly for finite x), then a scalar one only to name the first bad entry.
            int i = 0;
            for (; i <= values.Length - System.Runtime.Intrinsics.Vector512<T>.Count; i += System.Runtime.Intrinsics.Vector512<T>.Count)
            {
                var x = System.Runtime.Intrinsics.Vector512.Create(values.Slice(i, System.Runtime.Intrinsics.Vector512<T>.Count));
                if (!System.Runtime.Intrinsics.Vector512.EqualsAll(x - x, System.Runtime.Intrinsics.Vector512<T>.Zero))
                {
                    break;
                }
            }

            for (; i < values.Length; i++)
            {
                if (!T.IsFinite(values[i]))
                {
                    string position = rowLength > 0 ? $" (row {i / rowLength}, column {i % rowLength})" : string.Empty;
                    throw new ArgumentException(
                        $"{name}[{i}]{position} is {Guard.Format(values[i])}; inputs must be finite.", name);
                }
            }
        }
    }
}
