using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using System.Runtime.Intrinsics.X86;

namespace CrossEntropy.Numerics;

/// <summary>
/// The fused, streaming row kernel under <see cref="Losses.CrossEntropy{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Reduction, CrossEntropyOptions?)"/>
/// and <see cref="Losses.CrossEntropyGradient{T}(ReadOnlySpan{T}, int, ReadOnlySpan{int}, Span{T}, Reduction, CrossEntropyOptions?)"/>:
/// one row's log-sum-exp in one pass over the logits, validation included, and the row's softmax in one more pass.
/// Argument checks and the public overloads live in the Losses files.
/// </summary>
/// <remarks>
/// <para><b>Online log-sum-exp.</b> The row is read in blocks of <see cref="BlockLength"/> entries (8 KiB of float, so
/// a block read twice stays in L1). For each block: its maximum b (which also validates it: NaN and +∞ make b
/// non-finite), then, with the running maximum M' = max(M, b), the sum of e^{x − M'} over the block. When M' &gt; M the
/// running sum is rescaled once, by e^{M − M'}. At the end LSE = M + log(S) with S = Σ_i e^{x_i − M}.</para>
/// <para><b>Small losses.</b> The entries equal to the running maximum are counted instead of added (their terms are
/// exactly 1), so the kernel returns rest = S − 1 = Σ_{i≠k} e^{x_i − M} without ever forming 1 + rest, and
/// −log softmax(x)_c = (M − x_c) + log1p(rest) keeps full relative precision when the loss is tiny.</para>
/// <para><b>Same bits on every machine.</b> The sum is kept in the 64 bytes of one <see cref="Vector512{T}"/>
/// (16 float or 8 double lanes), whatever the hardware's vector width: .NET runs Vector512 operations as two 256-bit
/// or four 128-bit halves (or scalar code) where AVX-512 is absent, lane by lane with the same IEEE operations, so the
/// order of every addition is fixed by the data alone. Entry i of a row always goes to lane i mod lanes; the tail
/// (fewer than a vector) is padded with −∞ (a term of exactly 0); lanes are summed in a fixed tree. The exponential is
/// this file's own (<see cref="ExpNonPositive(Vector512{float})"/>), built only from operations that IEEE 754
/// defines exactly (add, multiply, fused multiply-add, integer shifts), where .NET's Vector512.Exp and
/// TensorPrimitives.Exp switch to scalar <c>MathF.Exp</c> without hardware acceleration.</para>
/// <para><b>Exact differences.</b> Every exponential is of a difference x − M, which rounds (by up to half an ulp of
/// |x − M|) and would make e^{x − M} wrong by up to |x − M| ulps, 700 in double; the rounding error, exact by
/// two-sum, is carried into the exponential's reduced argument (<see cref="ExpOfDifference(Vector512{float}, Vector512{float})"/>),
/// so each term is as accurate as the exponential of an exact argument, about 1 ulp. At a temperature τ ≠ 1 (the
/// softmax family) the quotient (x − M) / τ rounds too; its error, exact by FMA against a two-part reciprocal of τ's
/// significand, is carried the same way (<see cref="ExpOfQuotient(Vector512{float}, in Quotient{float})"/>).</para>
/// <para>Types other than float and double (Half, NFloat) take a scalar path, in the same order, with the same
/// exponential in double.</para>
/// </remarks>
[SkipLocalsInit]
internal static class RowKernel
{
    /// <summary>Entries per block: a multiple of every vector length, small enough that a block stays in L1.</summary>
    internal const int BlockLength = 2048;

    /// <summary>
    /// One row's log-sum-exp as M + log1p(rest): M = max_i x_i and rest = Σ_{i≠k} e^{x_i − M} (k one index of the
    /// maximum), rest ≥ 0, summed and held in double whatever T is. A row of only −∞ has M = −∞ and no distribution:
    /// callers give it NaN (its loss and its gradient, see <see cref="Losses"/>).
    /// </summary>
    internal readonly record struct LogSumExp<T>(T Max, double Rest)
        where T : IFloatingPointIeee754<T>
    {
        /// <summary>log Σ_i e^{x_i − M} = log1p(rest), in double.</summary>
        public double LogRest => StableMath.LogP1(Rest);

        /// <summary>Whether the row has no distribution (all its logits are −∞).</summary>
        public bool IsEmpty => T.IsNegativeInfinity(Max);

        /// <summary>
        /// −log softmax(x)_c = (M − x_c) + log1p(rest) as value·2^scale, formed in double (so a float or Half term beyond
        /// T's range, 3e38 − (−3e38), is still exact): both terms ≥ 0, so nothing cancels. Where M − x_c overflows
        /// double (1e308 − (−1e308)) the halves are used, exact at that magnitude, with scale 1; a masked x_c gives +∞.
        /// </summary>
        /// <param name="logit">x_c.</param>
        /// <param name="logRest"><see cref="LogRest"/>, computed once per row by the caller.</param>
        public (double Value, int Scale) NegativeLogSoftmax(T logit, double logRest)
        {
            double max = double.CreateChecked(Max), x = double.CreateChecked(logit);
            double value = (max - x) + logRest;
            return double.IsPositiveInfinity(value) && double.IsFinite(x)
                ? (((0.5 * max) - (0.5 * x)) + (0.5 * logRest), 1)
                : (value, 0);
        }
    }

    /// <summary>
    /// The row's maximum and rest (see <see cref="LogSumExp{T}"/>) in one streaming pass; throws, naming the index, at
    /// the first NaN of the row, or at its first +∞ if there is no NaN.
    /// </summary>
    /// <param name="row">The row's logits (at least one); its length is C for "(row r, class c)" in the message.</param>
    /// <param name="name">Argument name for the message.</param>
    /// <param name="offset">Flat index of the row's first entry.</param>
    internal static LogSumExp<T> Analyse<T>(ReadOnlySpan<T> row, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            return AnalyseScalar(row, name, offset, row.Length);
        }

        var discard = default(DiscardTerms<T>);
        return Analyse(row, name, offset, ref discard);
    }

    /// <summary>
    /// <see cref="Analyse{T}"/> that also writes every term it computes: terms[i] = e^{x_i − M_b}, where M_b =
    /// blockShifts[b] is the running maximum when block b (entries b·<see cref="BlockLength"/> onwards) was read, so
    /// that e^{x_i − M} = terms[i]·e^{M_b − M} (<see cref="ScaleBlocks{T}"/>). While M_b = −∞ the block's entries are
    /// all −∞ and their terms NaN. A NaN or +∞ throws as in <see cref="Analyse{T}"/>, after some terms may have been
    /// written, so <paramref name="terms"/> may be the row itself only if the row was validated first (or the message
    /// could name an overwritten entry).
    /// </summary>
    /// <param name="row">The row's logits; float or double only (<see cref="WritesTerms{T}"/>).</param>
    /// <param name="terms">Destination, the row's length.</param>
    /// <param name="blockShifts">One entry per block: <see cref="BlockCount"/>(row.Length).</param>
    /// <param name="name">Argument name for the message.</param>
    /// <param name="offset">Flat index of the row's first entry.</param>
    internal static LogSumExp<T> AnalyseWritingTerms<T>(ReadOnlySpan<T> row, Span<T> terms, Span<T> blockShifts, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var write = new WriteTerms<T>(terms, blockShifts);
        return Analyse(row, name, offset, ref write);
    }

    /// <summary>Blocks of <see cref="BlockLength"/> entries in a row of <paramref name="length"/> entries (at least one).</summary>
    internal static int BlockCount(int length) => Math.Max(1, (length + BlockLength - 1) / BlockLength);

    /// <summary>Whether <see cref="AnalyseWritingTerms{T}"/> serves T (float and double).</summary>
    internal static bool WritesTerms<T>() => IsVectorised<T>();

    /// <summary>
    /// terms[i] ← terms[i]·factor_b for every block b of <see cref="AnalyseWritingTerms{T}"/>'s output, with
    /// factor_b = e^{M_b − M}·scale formed in double and rounded once to T (0 for a block whose M_b = −∞: its entries
    /// are −∞, their softmax 0).
    /// </summary>
    internal static void ScaleBlocks<T>(Span<T> terms, ReadOnlySpan<T> blockShifts, T max, double scale)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int b = 0; b < blockShifts.Length; b++)
        {
            Span<T> block = terms.Slice(b * BlockLength, Math.Min(BlockLength, terms.Length - (b * BlockLength)));
            if (T.IsNegativeInfinity(blockShifts[b]))
            {
                block.Clear();
                continue;
            }

            T factor = T.CreateChecked(ExpOfDifferenceInDouble(blockShifts[b], max) * scale);
            System.Numerics.Tensors.TensorPrimitives.Multiply(block, factor, block); // one rounding per entry: the same bits at any width
        }
    }

    /// <summary>The vector path of <see cref="Analyse{T}"/>, handing every term it computes to <paramref name="sink"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static LogSumExp<T> Analyse<T, TSink>(ReadOnlySpan<T> row, string name, int offset, ref TSink sink)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TSink : ITermSink<T>, allows ref struct
    {
        int lanes = Vector512<T>.Count;
        int fullLength = row.Length - (row.Length % lanes);
        Vector512<T> tail = Tail(row[fullLength..]);
        ref T start = ref MemoryMarshal.GetReference(row);

        T max = T.NegativeInfinity;
        var sum = default(LaneSum<T>); // Σ e^{x − max}, per lane, over the entries below max
        double carried = 0;            // former maxima, rescaled, outside the lanes
        int ties = 0;                  // entries equal to max (terms of exactly 1), not yet added
        for (int blockStart = 0; blockStart < row.Length; blockStart += BlockLength)
        {
            int blockEnd = Math.Min(blockStart + BlockLength, fullLength);
            bool hasTail = blockStart + BlockLength >= row.Length; // the last block (a tail of −∞ when there is none)
            ref T block = ref Unsafe.Add(ref start, blockStart);
            int count = blockEnd - blockStart; // 0 for a block that is only the tail

            // A NaN may be missed here: its term makes the sum NaN, which is checked at the end.
            T blockMax = BlockMax(ref block, count, hasTail, tail, findsNaN: false);
            if (T.IsNaN(blockMax)) // BlockMax's word for a NaN or +∞ in the block
            {
                Guard.ThrowInvalidLogit(row, name, offset, row.Length);
            }

            if (blockMax > max)
            {
                if (!T.IsNegativeInfinity(max))
                {
                    // Rescale once per block: every earlier term, and each earlier maximum's 1, times e^{M − M'}.
                    T factor = ExpOfDifference(max, blockMax);
                    sum.Scale(factor);
                    carried = (carried + ties) * double.CreateChecked(factor);
                }

                max = blockMax;
                ties = 0;
            }

            Vector512<T> shift = Vector512.Create(max);
            int prefetchLength = Math.Min(BlockLength, fullLength - (blockStart + BlockLength)); // of the next block
            sink.StartBlock(blockStart, max);
            if (blockMax == max)
            {
                SumExp(ref block, count, hasTail, tail, shift, ref sum, countsTies: true, ref ties, prefetchLength, ref sink);
            }
            else
            {
                SumExp(ref block, count, hasTail, tail, shift, ref sum, countsTies: false, ref ties, prefetchLength, ref sink);
            }
        }

        // One maximum is the 1 left out; the other ties are exact 1s. (While M = −∞ every entry ties with it and adds
        // nothing: e^{x − M} is masked out.)
        double rest = (sum.Total() + carried) + (ties - 1);
        if (double.IsNaN(rest)) // only a NaN logit makes a term NaN
        {
            Guard.ThrowInvalidLogit(row, name, offset, row.Length);
        }

        return new(max, rest);
    }

    /// <summary>
    /// Whether rows of <paramref name="classCount"/> entries go through <see cref="AnalyseShortRows{T}"/>: rows no longer
    /// than a vector, where one row per call would leave the processor waiting on one short dependency chain.
    /// </summary>
    internal static bool IsShortRow<T>(int classCount)
        where T : unmanaged, IFloatingPointIeee754<T> => IsVectorised<T>() && classCount <= Vector512<T>.Count;

    /// <summary>
    /// <see cref="Analyse{T}"/> for up to one vector's worth of short rows at once, one row per lane: lane ℓ of
    /// <paramref name="max"/> and <paramref name="rest"/> holds row <paramref name="firstRow"/> + ℓ's M and rest.
    /// Each lane adds its row's entries in order, so the bits do not depend on the vector width either.
    /// </summary>
    /// <param name="batch">The whole batch of logits.</param>
    /// <param name="classCount">Entries per row, at most the lane count (<see cref="IsShortRow{T}"/>).</param>
    /// <param name="firstRow">The first row of the group.</param>
    /// <param name="rowCount">Rows in the group, 1 to the lane count; the other lanes are unused.</param>
    /// <param name="name">Argument name for the message.</param>
    /// <param name="max">Per lane: the row's maximum.</param>
    /// <param name="rest">Per lane: Σ_{i≠k} e^{x_i − M}.</param>
    internal static void AnalyseShortRows<T>(
        ReadOnlySpan<T> batch, int classCount, int firstRow, int rowCount, string name,
        out Vector512<T> max, out Vector512<T> rest)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Transposed: column j holds entry j of every row of the group; lanes without a row hold −∞.
        int lanes = Vector512<T>.Count;
        if ((uint)(rowCount - 1) >= (uint)lanes) // the transposition below writes unchecked
        {
            throw new ArgumentOutOfRangeException(nameof(rowCount), rowCount, $"A group holds 1 to {lanes} rows.");
        }

        ReadOnlySpan<T> group = batch.Slice(firstRow * classCount, rowCount * classCount); // the one bounds check
        Span<T> columns = stackalloc T[lanes * classCount];
        columns.Fill(T.NegativeInfinity);

        ref T column = ref MemoryMarshal.GetReference(columns);
        ref T entry = ref MemoryMarshal.GetReference(group);
        for (int lane = 0; lane < rowCount; lane++)
        {
            for (int j = 0; j < classCount; j++)
            {
                Unsafe.Add(ref column, (j * lanes) + lane) = entry;
                entry = ref Unsafe.Add(ref entry, 1);
            }
        }

        Vector512<T> m = Vector512.Create(T.NegativeInfinity);
        for (int j = 0; j < classCount; j++)
        {
            m = Vector512.Max(m, Vector512.LoadUnsafe(ref column, (nuint)(j * lanes)));
        }

        if (!Vector512.LessThanAll(m, Vector512.Create(T.PositiveInfinity)))
        {
            // Unused lanes hold −∞, so a row of the group is bad: validating row after row throws at the first one.
            for (int offset = firstRow * classCount; ; offset += classCount)
            {
                Validate(batch.Slice(offset, classCount), name, offset);
            }
        }

        Vector512<T> sum = Vector512<T>.Zero;
        Vector512<T> ties = Vector512<T>.Zero;
        for (int j = 0; j < classCount; j++)
        {
            Vector512<T> x = Vector512.LoadUnsafe(ref column, (nuint)(j * lanes));
            Vector512<T> atMax = Vector512.Equals(x, m);
            ties += atMax & Vector512<T>.One;
            sum += Vector512.AndNot(ExpOfDifference(x, m), atMax);
        }

        max = m;
        rest = sum + (ties - Vector512<T>.One);
    }

    /// <summary>Validates <paramref name="row"/> (NaN or +∞ throws, as in <see cref="Analyse{T}"/>) without computing anything else.</summary>
    internal static void Validate<T>(ReadOnlySpan<T> row, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        Max(row, name, offset, row.Length);

    /// <summary>
    /// Writes g_i = e^{x_i − M}·factor into <paramref name="destination"/> (which may be the row itself), with M = the
    /// row's maximum from <see cref="Analyse{T}"/>: the softmax scaled by a/S in one pass, each e^{x_i − M} formed as
    /// in the loss's pass (the same bits) and multiplied once. The row is not validated again: <see cref="Analyse{T}"/>
    /// did that, and nothing is written before it returns.
    /// </summary>
    /// <remarks>
    /// Computing each exponential a second time costs less than storing e_i and reading it back to scale it: the row
    /// is read twice and written once, instead of read three times and written twice. (Streaming stores, which skip
    /// the cache, were measured slower here, at 1,024 × 32,000 and 64 × 128,000.)
    /// </remarks>
    internal static void ScaledExponentials<T>(ReadOnlySpan<T> row, T max, T factor, Span<T> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            double scale = double.CreateChecked(factor);
            for (int i = 0; i < row.Length; i++)
            {
                destination[i] = T.CreateChecked(ExpOfDifferenceInDouble(row[i], max) * scale);
            }

            return;
        }

        int lanes = Vector512<T>.Count;
        int fullLength = row.Length - (row.Length % lanes);
        Vector512<T> tail = Tail(row[fullLength..]);
        ref T x = ref MemoryMarshal.GetReference(row);
        ref T d = ref MemoryMarshal.GetReference(destination);
        Vector512<T> shift = Vector512.Create(max), scaling = Vector512.Create(factor);
        for (int i = 0; i < fullLength; i += lanes)
        {
            (ExpOfDifference(Vector512.LoadUnsafe(ref x, (nuint)i), shift) * scaling).StoreUnsafe(ref d, (nuint)i);
        }

        Vector512<T> last = ExpOfDifference(tail, shift) * scaling;
        MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref last), lanes)[..(row.Length - fullLength)].CopyTo(destination[fullLength..]);
    }

    /// <summary>
    /// The maximum M of a row and Σ_{i≠k} e^{x_i − M} in double (k one index of the maximum, entries whose exponential
    /// rounds to exactly 1 counted rather than added), with each e^{x_i − M} formed in double whatever T is: the
    /// normaliser of a gradient row that is formed in double (<see cref="ExponentialsInDouble{T}"/> gives the terms).
    /// </summary>
    /// <returns>The row's log-sum-exp and k, the first index whose e^{x_k − M} is exactly 1 (the maximum, or an entry
    /// so close to it that its term rounds to the same 1): the one term the rest leaves out.</returns>
    internal static (LogSumExp<T> Lse, int IndexOfMax) AnalyseInDouble<T>(ReadOnlySpan<T> row, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        T max = Max(row, name, offset, row.Length);
        if (T.IsNegativeInfinity(max))
        {
            return (new(max, double.NaN), 0);
        }

        Span<double> e = stackalloc double[ChunkLength];
        var sum = default(LaneSum<double>);
        int ties = 0;
        int indexOfMax = -1;
        for (int start = 0; start < row.Length; start += ChunkLength)
        {
            int length = Math.Min(ChunkLength, row.Length - start);
            ExponentialsInDouble(row.Slice(start, length), max, e);
            if (indexOfMax < 0 && e[..length].IndexOf(1.0) is int i and >= 0)
            {
                indexOfMax = start + i;
            }

            AddBelowOne(e[..length], ref sum, ref ties);
        }

        return (new(max, sum.Total() + (ties - 1)), indexOfMax);
    }

    /// <summary>Entries per chunk of the double-precision passes and of the lane sums' flushes (a multiple of every lane count).</summary>
    internal const int ChunkLength = 256;

    /// <summary>
    /// e^{x_i − M} in double for a chunk of at most <see cref="ChunkLength"/> entries of a row whose maximum is
    /// <paramref name="max"/>: the exponentials of a gradient row formed in double (the same bits on every machine).
    /// </summary>
    internal static void ExponentialsInDouble<T>(ReadOnlySpan<T> chunk, T max, Span<double> destination)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var shift = Vector512.Create(double.CreateChecked(max));
        int i = 0;
        ref double d = ref MemoryMarshal.GetReference(destination);
        if (typeof(T) == typeof(float))
        {
            ReadOnlySpan<float> f = MemoryMarshal.Cast<T, float>(chunk);
            for (; i <= f.Length - Vector512<float>.Count; i += Vector512<float>.Count)
            {
                var (lower, upper) = Vector512.Widen(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(f), (nuint)i));
                ExpOfDifference(lower, shift).StoreUnsafe(ref d, (nuint)i);
                ExpOfDifference(upper, shift).StoreUnsafe(ref d, (nuint)(i + Vector512<double>.Count));
            }
        }
        else if (typeof(T) == typeof(double))
        {
            ReadOnlySpan<double> v = MemoryMarshal.Cast<T, double>(chunk);
            for (; i <= v.Length - Vector512<double>.Count; i += Vector512<double>.Count)
            {
                ExpOfDifference(Vector512.LoadUnsafe(ref MemoryMarshal.GetReference(v), (nuint)i), shift).StoreUnsafe(ref d, (nuint)i);
            }
        }

        for (; i < chunk.Length; i++)
        {
            destination[i] = ExpOfDifference(Vector512.Create(double.CreateChecked(chunk[i])), shift).ToScalar();
        }
    }

    /// <summary>sum += the entries of <paramref name="e"/> below 1 (lane i mod 8), ties += the entries equal to 1.</summary>
    private static void AddBelowOne(ReadOnlySpan<double> e, ref LaneSum<double> sum, ref int ties)
    {
        int lanes = Vector512<double>.Count;
        int full = e.Length - (e.Length % lanes);
        Vector512<double> chunkSum = Vector512<double>.Zero;
        ref double start = ref MemoryMarshal.GetReference(e);
        for (int i = 0; i < full; i += lanes)
        {
            chunkSum += BelowOne(Vector512.LoadUnsafe(ref start, (nuint)i), ref ties);
        }

        Vector512<double> tail = Vector512<double>.Zero;
        e[full..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<double>, double>(ref tail), lanes));
        sum.Add(chunkSum + BelowOne(tail, ref ties));
    }

    /// <summary>The lanes of <paramref name="e"/> below 1 (others 0); the lanes equal to 1 are counted in <paramref name="ties"/>.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> BelowOne(Vector512<double> e, ref int ties)
    {
        Vector512<double> one = Vector512.Equals(e, Vector512<double>.One);
        ties += BitOperations.PopCount(one.ExtractMostSignificantBits());
        return Vector512.AndNot(e, one);
    }

    /// <summary>
    /// destination ← e^{(source − shift) / τ} for source ≤ shift or −∞ (destination may be source), and Σ of the terms
    /// below 1 and the count of source = shift (terms of exactly 1) added to <paramref name="sum"/> and
    /// <paramref name="ties"/>, lane i mod lanes: the exponential pass of the softmax family. The rounding of
    /// source − shift, and of its quotient by τ, is corrected (<see cref="ExpOfDifference(Vector512{float}, Vector512{float})"/>,
    /// <see cref="ExpOfQuotient(Vector512{float}, in Quotient{float})"/>). Call it on consecutive
    /// chunks of a row (with the same <paramref name="temperature"/>, built once per row from τ and the row's maximum);
    /// every chunk but the last must be a multiple of the lane count.
    /// </summary>
    internal static void ExpShifted<T>(
        ReadOnlySpan<T> source, T shift, in Temperature<T> temperature, Span<T> destination, ref LaneSum<T> sum, ref int ties)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (temperature.IsOne)
        {
            ExpShifted(source, shift, default(DifferenceExp<T>), destination, ref sum, ref ties);
        }
        else
        {
            ExpShifted(source, shift, new QuotientExp<T>(temperature), destination, ref sum, ref ties);
        }
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void ExpShifted<T, TExp>(
        ReadOnlySpan<T> source, T shift, TExp exp, Span<T> destination, ref LaneSum<T> sum, ref int ties)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TExp : struct, IShiftedExp<T>
    {
        if (!IsVectorised<T>())
        {
            double total = 0; // in order, each term in double before it is rounded to T
            for (int i = 0; i < source.Length; i++)
            {
                double e = exp.ExpInDouble(source[i], shift);
                if (source[i] == shift)
                {
                    ties++;
                }
                else
                {
                    total += e;
                }

                destination[i] = T.CreateChecked(e);
            }

            sum.AddScalar(total);
            return;
        }

        int lanes = Vector512<T>.Count;
        int fullLength = source.Length - (source.Length % lanes);
        ref T from = ref MemoryMarshal.GetReference(source);
        ref T to = ref MemoryMarshal.GetReference(destination);
        Vector512<T> m = Vector512.Create(shift);
        for (int chunk = 0; chunk < fullLength; chunk += ChunkLength)
        {
            int chunkEnd = Math.Min(chunk + ChunkLength, fullLength);
            Vector512<T> chunkSum = Vector512<T>.Zero;
            for (int i = chunk; i < chunkEnd; i += lanes)
            {
                Vector512<T> v = Vector512.LoadUnsafe(ref from, (nuint)i);
                Vector512<T> one = Vector512.Equals(v, m); // e^0 = 1 exactly: counted, not added
                Vector512<T> e = exp.Exp(v, m);
                e.StoreUnsafe(ref to, (nuint)i);
                ties += BitOperations.PopCount(one.ExtractMostSignificantBits());
                chunkSum += Vector512.AndNot(e, one);
            }

            sum.Add(chunkSum);
        }

        if (fullLength < source.Length)
        {
            Vector512<T> tail = Tail(source[fullLength..]); // padded with −∞, never equal to the shift
            Vector512<T> one = Vector512.Equals(tail, m);
            Vector512<T> e = exp.Exp(tail, m);
            ties += BitOperations.PopCount(one.ExtractMostSignificantBits());
            sum.Add(Vector512.AndNot(e, one));
            MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref e), lanes)[..(source.Length - fullLength)].CopyTo(destination[fullLength..]);
        }
    }

    /// <summary>How <see cref="ExpShifted{T, TExp}"/> exponentiates x − m: a vector of T, or one value in double (scalar path).</summary>
    private interface IShiftedExp<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> Exp(Vector512<T> x, Vector512<T> m);

        double ExpInDouble(T x, T m);
    }

    /// <summary>e^{x − m} (τ = 1).</summary>
    private readonly struct DifferenceExp<T> : IShiftedExp<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Exp(Vector512<T> x, Vector512<T> m) => ExpOfDifference(x, m);

        public double ExpInDouble(T x, T m) => ExpOfDifferenceInDouble(x, m);
    }

    /// <summary>e^{(x − m) / τ} with a row's constants (m is the row's maximum, already in them).</summary>
    private readonly struct QuotientExp<T> : IShiftedExp<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Quotient<float> _inFloat;
        private readonly Quotient<double> _inDouble;

        public QuotientExp(in Temperature<T> temperature)
        {
            _inFloat = temperature.InFloat;
            _inDouble = temperature.InDouble;
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public Vector512<T> Exp(Vector512<T> x, Vector512<T> m) =>
            typeof(T) == typeof(float)
                ? ExpOfQuotient(x.As<T, float>(), _inFloat).As<float, T>()
                : ExpOfQuotient(x.As<T, double>(), _inDouble).As<double, T>();

        // Half's differences are exact in double; wider types (NFloat) are double on 64-bit machines.
        public double ExpInDouble(T x, T m) => ExpOfQuotient(Vector512.Create(double.CreateChecked(x)), _inDouble).ToScalar();
    }

    /// <summary>
    /// A temperature τ for the exponentials of one row whose maximum is known: τ = 1 (<see cref="IsOne"/>), or the
    /// constants of <see cref="ExpOfQuotient(Vector512{float}, in Quotient{float})"/> for the row, in float for a float
    /// row and in double for the others (double, and the scalar path of Half and NFloat).
    /// </summary>
    internal readonly struct Temperature<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        /// <summary>The constants for τ (finite, &gt; 0) and a row whose maximum is <paramref name="max"/> (finite).</summary>
        public Temperature(double temperature, T max)
        {
            IsOne = temperature == 1;
            if (!IsOne)
            {
                if (typeof(T) == typeof(float))
                {
                    InFloat = new Quotient<float>(temperature, (float)(object)max);
                }
                else
                {
                    InDouble = new Quotient<double>(temperature, double.CreateChecked(max));
                }
            }
        }

        /// <summary>
        /// Whether τ = 1: the exponentials are e^{x − m}, with no quotient to round. They are right even where x − m
        /// overflows: it is −∞ only where the true difference is below −MaxValue, whose exponential is 0.
        /// </summary>
        public bool IsOne { get; }

        /// <summary>The constants of a float row.</summary>
        public Quotient<float> InFloat { get; }

        /// <summary>The constants of the other rows (double; Half and NFloat, whose scalar path computes in double).</summary>
        public Quotient<double> InDouble { get; }
    }

    /// <summary>
    /// The constants of (x − m) / τ for one row (m its maximum), in float or double (TF). With τ = s·2^e (s ∈ [1, 2), e
    /// an integer) the quotient is formed as (x − m)·(1/s)·2^−e, where 1/s is held as two TF values r_hi + r_lo
    /// (r_hi = 1/s rounded; r_lo = (1 − r_hi·s)/s, whose numerator is exact by FMA in double: the remainder of a
    /// rounded reciprocal), so their sum is 1/s to about 2^−2p (p = TF's precision), and the power of two is applied
    /// exactly. Multiplying by a single rounded 1/τ would not be exact: its rounding, up to half an ulp of 1/τ, makes
    /// the quotient wrong by up to |(x − m)/τ| half-ulps, the very error to remove; dividing by τ would be (the remainder
    /// fma(−q, τ, d) is exact) but costs a division per entry.
    /// </summary>
    internal readonly struct Quotient<TF>
        where TF : unmanaged, IFloatingPointIeee754<TF>
    {
        // Scalars, broadcast where they are used (one broadcast load each): a row's constants are built and copied
        // once per row, which costs more than the exponentials of a short row when they are whole vectors.

        /// <summary>1 or 1/2: the halving of x before the difference.</summary>
        public readonly TF Halving;

        /// <summary>m times <see cref="Halving"/>.</summary>
        public readonly TF HalvedMax;

        /// <summary>r_hi·2^lift.</summary>
        public readonly TF ReciprocalHigh;

        /// <summary>r_lo·2^lift.</summary>
        public readonly TF ReciprocalLow;

        /// <summary>The rest of the power of two, 2^(scale − lift): 1 for every τ within 2^±100 of 1.</summary>
        public readonly TF Scale;

        /// <summary>
        /// The constants for τ (finite, &gt; 0) and a row whose maximum is <paramref name="max"/> (finite). When max is
        /// within a factor 2^p of MaxValue, x − max can exceed MaxValue, so x and max are halved first (exact at that
        /// magnitude for the entries that matter) and the factor 2 joins the power of two 2^scale, scale = −e (+1).
        /// As much of 2^scale as keeps r_hi and r_lo normal goes into the reciprocal ("lift": up to 2^100, and down to
        /// where r_lo·2^lift is still normal), so a subnormal difference times it is normal and keeps every bit, and
        /// the product overflows or underflows only where the quotient does; the rest is one more exact factor.
        /// </summary>
        public Quotient(double temperature, TF max)
        {
            int exponent = Math.ILogB(temperature);
            double significand = Math.ScaleB(temperature, -exponent); // s ∈ [1, 2), exact
            bool halve = TF.Abs(max) >= HalfUlpOfMaxValue<TF>();

            // A nonzero |x − m| (halved or not) is in [2^smallest, 2^(MaxExponent + 1)), smallest the exponent of the
            // least subnormal: beyond a scale of ±(11 − smallest) the quotient is below −2^10 (a term of 0) or above
            // −2^−31 (a term of exactly 1), however far beyond, so the scale is clamped there (only float reaches it:
            // τ is a double). The lift stops where r_lo·2^lift would leave the normal range.
            int smallest = TF.ILogB(TF.Epsilon);
            int precision = 1 - TF.ILogB(TF.BitIncrement(TF.One) - TF.One);
            int bound = 11 - smallest;
            int scale = Math.Clamp(-exponent + (halve ? 1 : 0), -bound, bound);
            int lift = Math.Clamp(scale, smallest + (2 * precision) + 1, 100);

            TF high = TF.CreateChecked(1 / significand);
            TF low = TF.CreateChecked(Math.FusedMultiplyAdd(-double.CreateChecked(high), significand, 1) / significand);
            TF halving = halve ? TF.CreateChecked(0.5) : TF.One;
            Halving = halving;
            HalvedMax = max * halving;
            ReciprocalHigh = TF.ScaleB(high, lift);
            ReciprocalLow = TF.ScaleB(low, lift);
            Scale = TF.ScaleB(TF.One, scale - lift);
        }
    }

    /// <summary>
    /// e^{(x − m)/τ} for x ≤ m (or x = −∞), float, as accurate as e^t of the exact quotient t: with d = x − m = hi + lo
    /// exactly (two-sum), hi·r_hi = p + e₁ exactly (FMA), the quotient is q = p·2^k and its error
    /// c = (e₁ + hi·r_lo + lo·r_hi)·2^k, which goes into the exponential's reduced argument as the two-sum error does
    /// at τ = 1 (<see cref="ExpOfDifference(Vector512{float}, Vector512{float})"/>); what is left out (lo·r_lo, the
    /// rounding of c, 1/s − r_hi − r_lo) is below 2^−40 of an ulp of q. Where q is below the underflow threshold, −∞ or
    /// NaN the exponential ignores the correction: the result is 0 or NaN anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpOfQuotient(Vector512<float> x, in Quotient<float> constants)
    {
        (Vector512<float> q, Vector512<float> c) = QuotientAndError(x, constants);
        return ExpNonPositive(q, c);
    }

    /// <summary>e^{(x − m)/τ} for x ≤ m, double: as the float version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpOfQuotient(Vector512<double> x, in Quotient<double> constants)
    {
        (Vector512<double> q, Vector512<double> c) = QuotientAndError(x, constants);
        return ExpNonPositive(q, c);
    }

    /// <summary>(x − m)/τ as q + c: q rounded, c its error to about 2^−2p of q (see <see cref="ExpOfQuotient(Vector512{float}, in Quotient{float})"/>).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static (Vector512<TF> Quotient, Vector512<TF> Error) QuotientAndError<TF>(Vector512<TF> x, in Quotient<TF> constants)
        where TF : unmanaged, IFloatingPointIeee754<TF>
    {
        Vector512<TF> a = x * Vector512.Create(constants.Halving);
        Vector512<TF> m = Vector512.Create(constants.HalvedMax);
        Vector512<TF> high = a - m;
        Vector512<TF> low = DifferenceError(a, m, high);
        Vector512<TF> reciprocalHigh = Vector512.Create(constants.ReciprocalHigh);
        Vector512<TF> product = high * reciprocalHigh;
        Vector512<TF> productError = FusedMultiplyAdd(high, reciprocalHigh, -product);
        Vector512<TF> error = productError + FusedMultiplyAdd(high, Vector512.Create(constants.ReciprocalLow), low * reciprocalHigh);
        Vector512<TF> scale = Vector512.Create(constants.Scale);
        return (product * scale, error * scale);
    }

    /// <summary>a·b + c with one rounding, float or double.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<TF> FusedMultiplyAdd<TF>(Vector512<TF> a, Vector512<TF> b, Vector512<TF> c) =>
        typeof(TF) == typeof(float)
            ? Vector512.FusedMultiplyAdd(a.As<TF, float>(), b.As<TF, float>(), c.As<TF, float>()).As<float, TF>()
            : Vector512.FusedMultiplyAdd(a.As<TF, double>(), b.As<TF, double>(), c.As<TF, double>()).As<double, TF>();

    /// <summary>Below this |max|, x − max rounds to at most MaxValue in magnitude for every finite x ≥ −MaxValue.</summary>
    internal static T HalfUlpOfMaxValue<T>()
        where T : IFloatingPointIeee754<T>
    {
        T maxValue = T.BitDecrement(T.PositiveInfinity);
        return (maxValue - T.BitDecrement(maxValue)) / T.CreateChecked(2);
    }

    /// <summary>
    /// e^{x − m} in double, for the scalar path (Half, NFloat) and for one term of any type: the difference of two such values is exact in double for
    /// Half; for wider types its rounding is corrected as in the vector code, with the same exponential.
    /// </summary>
    internal static double ExpOfDifferenceInDouble<T>(T x, T m)
        where T : IFloatingPointIeee754<T> =>
        ExpOfDifference(Vector512.Create(double.CreateChecked(x)), Vector512.Create(double.CreateChecked(m))).ToScalar();

    /// <summary>
    /// Σ values in the kernel's lane order (one compensated accumulator per lane of a 512-bit vector, flushed every
    /// <see cref="ChunkLength"/> entries, the tail zero-padded, then the lanes in order in double), so the bits do not
    /// depend on the hardware's vector width and the error does not grow with the length.
    /// </summary>
    internal static double Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            double total = 0;
            foreach (T value in values)
            {
                total += double.CreateChecked(value);
            }

            return total;
        }

        int lanes = Vector512<T>.Count;
        int fullLength = values.Length - (values.Length % lanes);
        ref T v = ref MemoryMarshal.GetReference(values);
        var sum = default(LaneSum<T>);
        for (int chunk = 0; chunk < fullLength; chunk += ChunkLength)
        {
            int chunkEnd = Math.Min(chunk + ChunkLength, fullLength);
            Vector512<T> chunkSum = Vector512<T>.Zero;
            for (int i = chunk; i < chunkEnd; i += lanes)
            {
                chunkSum += Vector512.LoadUnsafe(ref v, (nuint)i);
            }

            sum.Add(chunkSum);
        }

        Vector512<T> tail = Vector512<T>.Zero; // what is left of values, zero-padded (all 0 when nothing is)
        values[fullLength..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref tail), lanes));
        sum.Add(tail);
        return sum.Total();
    }

    /// <summary>
    /// The maximum of a row, validating it (NaN or +∞ throws, naming the index, as in <see cref="Analyse{T}"/>); −∞ for a
    /// row of only −∞. <paramref name="classCount"/> = 0 names a plain index (a vector), otherwise row and class too.
    /// </summary>
    internal static T Max<T>(ReadOnlySpan<T> row, string name, int offset, int classCount)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            return ScalarMax(row, name, offset, classCount);
        }

        int fullLength = row.Length - (row.Length % Vector512<T>.Count);
        T max = BlockMax(ref MemoryMarshal.GetReference(row), fullLength, hasTail: true, Tail(row[fullLength..]));
        if (T.IsNaN(max)) // BlockMax's word for a NaN or +∞ in the row
        {
            Guard.ThrowInvalidLogit(row, name, offset, classCount);
        }

        return max;
    }

    private static bool IsVectorised<T>() => typeof(T) == typeof(float) || typeof(T) == typeof(double);

    /// <summary>
    /// The entries after a row's last whole vector (fewer than a vector) in lanes 0, 1, …, the other lanes −∞; all −∞
    /// when there are none. Copied (once per row), so nothing past the row is read.
    /// </summary>
    private static Vector512<T> Tail<T>(ReadOnlySpan<T> entries)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> tail = Vector512.Create(T.NegativeInfinity);
        entries.CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref tail), Vector512<T>.Count));
        return tail;
    }

    /// <summary>
    /// Maximum of <paramref name="count"/> entries (a multiple of the lane count) and, if <paramref name="hasTail"/>, the
    /// tail; NaN if any is +∞, or NaN. With <paramref name="findsNaN"/> false the platform's own maximum is used (one
    /// instruction instead of three on x64), which may pass over a NaN: callers that say so find it later.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T BlockMax<T>(ref T block, int count, bool hasTail, Vector512<T> tail, bool findsNaN = true)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Maximum is exact and order-free (IEEE maximum: NaN wins, −0 < +0), so four accumulators are free to interleave.
        int lanes = Vector512<T>.Count;
        Vector512<T> m0 = hasTail ? tail : Vector512.Create(T.NegativeInfinity);
        Vector512<T> m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        if (findsNaN)
        {
            for (; i <= count - (4 * lanes); i += 4 * lanes)
            {
                m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref block, (nuint)i));
                m1 = Vector512.Max(m1, Vector512.LoadUnsafe(ref block, (nuint)(i + lanes)));
                m2 = Vector512.Max(m2, Vector512.LoadUnsafe(ref block, (nuint)(i + (2 * lanes))));
                m3 = Vector512.Max(m3, Vector512.LoadUnsafe(ref block, (nuint)(i + (3 * lanes))));
            }
        }
        else
        {
            // Without NaN, only the sign of a zero maximum may differ from the IEEE maximum (see below).
            for (; i <= count - (4 * lanes); i += 4 * lanes)
            {
                m0 = Vector512.MaxNative(m0, Vector512.LoadUnsafe(ref block, (nuint)i));
                m1 = Vector512.MaxNative(m1, Vector512.LoadUnsafe(ref block, (nuint)(i + lanes)));
                m2 = Vector512.MaxNative(m2, Vector512.LoadUnsafe(ref block, (nuint)(i + (2 * lanes))));
                m3 = Vector512.MaxNative(m3, Vector512.LoadUnsafe(ref block, (nuint)(i + (3 * lanes))));
            }
        }

        for (; i < count; i += lanes)
        {
            m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref block, (nuint)i));
        }

        Vector512<T> m = Vector512.Max(Vector512.Max(m0, m1), Vector512.Max(m2, m3));
        if (!Vector512.LessThanAll(m, Vector512.Create(T.PositiveInfinity)))
        {
            return T.NaN; // a NaN or +∞ somewhere: the caller names it
        }

        // No NaN left, so the platform's own maximum is exact here; only the sign of a zero maximum may differ, and
        // it changes no result (x − M and M − x_c are the same for M = ±0).
        Vector256<T> h256 = Vector256.MaxNative(m.GetLower(), m.GetUpper());
        Vector128<T> h128 = Vector128.MaxNative(h256.GetLower(), h256.GetUpper());
        if (typeof(T) == typeof(float))
        {
            Vector128<float> f = h128.AsSingle();
            f = Vector128.MaxNative(f, Vector128.Shuffle(f, Vector128.Create(2, 3, 0, 1)));
            f = Vector128.MaxNative(f, Vector128.Shuffle(f, Vector128.Create(1, 0, 3, 2)));
            return (T)(object)f.ToScalar();
        }

        Vector128<double> d = h128.AsDouble();
        return (T)(object)Vector128.MaxNative(d, Vector128.Shuffle(d, Vector128.Create(1L, 0L))).ToScalar();
    }

    /// <summary>
    /// sum += Σ e^{x − shift} over the block and its tail, lane by lane in entry order, flushed every
    /// <see cref="ChunkLength"/> entries, every term also handed to <paramref name="sink"/>. With
    /// <paramref name="countsTies"/> (a constant at each call, so the JIT keeps one loop per case), entries equal to the
    /// shift (the running maximum) are counted in <paramref name="ties"/>, not added. Meanwhile the first
    /// <paramref name="prefetchLength"/> entries of the next block are asked into the cache (<see cref="PrefetchNext{T}"/>).
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void SumExp<T, TSink>(
        ref T block, int count, bool hasTail, Vector512<T> tail, Vector512<T> shift, ref LaneSum<T> sum,
        bool countsTies, ref int ties, int prefetchLength, ref TSink sink)
        where T : unmanaged, IFloatingPointIeee754<T>
        where TSink : ITermSink<T>, allows ref struct
    {
        int lanes = Vector512<T>.Count;
        for (int chunk = 0; chunk < count; chunk += ChunkLength)
        {
            int chunkEnd = Math.Min(chunk + ChunkLength, count);
            Vector512<T> chunkSum = Vector512<T>.Zero;
            for (int i = chunk; i < chunkEnd; i += lanes)
            {
                PrefetchNext(ref block, i, prefetchLength);
                Vector512<T> x = Vector512.LoadUnsafe(ref block, (nuint)i); // once: the sink may write over it
                Vector512<T> e = ExpOfDifference(x, shift);
                sink.Store(i, e);
                chunkSum += countsTies ? BelowMax(x, shift, e, ref ties) : e;
            }

            sum.Add(chunkSum);
        }

        if (hasTail)
        {
            Vector512<T> e = ExpOfDifference(tail, shift);
            sink.StoreTail(count, e);
            sum.Add(countsTies ? BelowMax(tail, shift, e, ref ties) : e);
        }
    }

    /// <summary>
    /// Asks for the 64 bytes at entry <paramref name="i"/> of the block after <paramref name="block"/> (if
    /// i &lt; <paramref name="length"/>, the next block's entries), so that they arrive from memory while this block's
    /// exponentials are computed: the exponential pass is bound by arithmetic, the next block's maximum by memory, and
    /// the processor's own prefetcher does not look a whole block ahead. A hint only: no result depends on it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static unsafe void PrefetchNext<T>(ref T block, int i, int length)
        where T : unmanaged
    {
        if (Sse.IsSupported && i < length)
        {
            Sse.Prefetch0(Unsafe.AsPointer(ref Unsafe.Add(ref block, BlockLength + i)));
        }
    }

    /// <summary>The terms e = e^{x − max} of entries below the maximum; entries equal to it are counted in <paramref name="ties"/> instead.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> BelowMax<T>(Vector512<T> x, Vector512<T> max, Vector512<T> e, ref int ties)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> atMax = Vector512.Equals(x, max);
        ties += BitOperations.PopCount(atMax.ExtractMostSignificantBits());
        return Vector512.AndNot(e, atMax);
    }

    /// <summary>What <see cref="Analyse{T, TSink}"/> does with the terms it computes, block by block.</summary>
    private interface ITermSink<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        void StartBlock(int blockStart, T shift);

        /// <summary>The terms of entries blockStart + i, …, one vector.</summary>
        void Store(int i, Vector512<T> terms);

        /// <summary>The terms of the row's last, padded, vector, at blockStart + i.</summary>
        void StoreTail(int i, Vector512<T> terms);
    }

    /// <summary>The loss keeps only the sum.</summary>
    private struct DiscardTerms<T> : ITermSink<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        public readonly void StartBlock(int blockStart, T shift)
        {
        }

        public readonly void Store(int i, Vector512<T> terms)
        {
        }

        public readonly void StoreTail(int i, Vector512<T> terms)
        {
        }
    }

    /// <summary>The gradient keeps every term and each block's shift (<see cref="AnalyseWritingTerms{T}"/>).</summary>
    private ref struct WriteTerms<T>(Span<T> terms, Span<T> blockShifts) : ITermSink<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly Span<T> _terms = terms;
        private readonly Span<T> _blockShifts = blockShifts;
        private ref T _block;
        private int _blockStart;

        public void StartBlock(int blockStart, T shift)
        {
            _blockShifts[blockStart / BlockLength] = shift;
            _blockStart = blockStart;
            _block = ref Unsafe.Add(ref MemoryMarshal.GetReference(_terms), blockStart);
        }

        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public readonly void Store(int i, Vector512<T> terms) => terms.StoreUnsafe(ref _block, (nuint)i);

        public readonly void StoreTail(int i, Vector512<T> terms)
        {
            Span<T> rest = _terms[(_blockStart + i)..]; // fewer than a vector
            MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref terms), Vector512<T>.Count)[..rest.Length].CopyTo(rest);
        }
    }

    /// <summary>Σ of the lanes in a fixed tree (halves, then quarters, …), the same on every machine.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T HorizontalSum<T>(Vector512<T> v)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector256<T> h256 = v.GetLower() + v.GetUpper();
        Vector128<T> h128 = h256.GetLower() + h256.GetUpper();
        // Vector64 arithmetic is not accelerated on x64, so the last levels are scalar, in the same tree order.
        return Vector128<T>.Count == 4
            ? (h128.GetElement(0) + h128.GetElement(2)) + (h128.GetElement(1) + h128.GetElement(3))
            : h128.GetElement(0) + h128.GetElement(1);
    }

    /// <summary>e^{x − m} for one pair x ≤ m, through the vector code so that it has the same bits as a lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpOfDifference<T>(T x, T m)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ExpOfDifference(Vector512.Create(x), Vector512.Create(m)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> ExpOfDifference<T>(Vector512<T> x, Vector512<T> m)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? ExpOfDifference(x.As<T, float>(), m.As<T, float>()).As<float, T>()
            : ExpOfDifference(x.As<T, double>(), m.As<T, double>()).As<double, T>();

    /// <summary>
    /// e^{x − m} for x ≤ m (or x = −∞), float, as accurate as e^s of an exact argument: the difference s = x − m is
    /// rounded by up to half an ulp of s, which e^s would turn into up to |s| ulps of the result (|s| ≤ 104 here), so
    /// the rounding error (x − m) − s, exact by Knuth's two-sum, is added to the reduced argument. Where s is below
    /// the underflow threshold, −∞ or NaN the exponential ignores the correction: the result is 0 or NaN anyway.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpOfDifference(Vector512<float> x, Vector512<float> m)
    {
        Vector512<float> s = x - m;
        return ExpNonPositive(s, DifferenceError(x, m, s));
    }

    /// <summary>e^{x − m} for x ≤ m, double: as the float version (|s| ≤ 746 here, so up to 746 ulps saved).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpOfDifference(Vector512<double> x, Vector512<double> m)
    {
        Vector512<double> s = x - m;
        return ExpNonPositive(s, DifferenceError(x, m, s));
    }

    /// <summary>
    /// (x − m) − s exactly, where s = x − m rounded: Knuth's two-sum of x and −m, written with m (negation is exact, so
    /// the bits are two-sum's). NaN where s is infinite or NaN; callers mask it.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<TF> DifferenceError<TF>(Vector512<TF> x, Vector512<TF> m, Vector512<TF> s)
    {
        Vector512<TF> mPart = s - x;    // −m as s holds it
        Vector512<TF> xPart = s - mPart; // x as s holds it
        return (x - xPart) - (m + mPart);
    }

    /// <summary>e^x for x ≤ 0 (no rounded difference to correct).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpNonPositive(Vector512<float> x) => ExpNonPositive(x, Vector512<float>.Zero);

    /// <summary>e^x for x ≤ 0 (no rounded difference to correct).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpNonPositive(Vector512<double> x) => ExpNonPositive(x, Vector512<double>.Zero);

    /// <summary>
    /// e^{x + c} for x ≤ 0 or −∞ (NaN gives NaN) and a tiny correction c (|c| ≤ half an ulp of x; ignored, and allowed to
    /// be NaN, where x &lt; −104), float: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (Cody–Waite, two
    /// constants), c added to r, e^r ≈ 1 + r + r²·P(r) with Cephes' degree-5 minimax P (about 1 ulp), times 2^n.
    /// </summary>
    /// <remarks>
    /// When every lane's result is a normal float (n ≥ −125, x ≳ −86.6: the usual case), 2^n is applied by adding n to
    /// the exponent field of e^r. Otherwise it is applied as two factors 2^⌊n/2⌋·2^⌈n/2⌉, so that subnormal results
    /// (x &lt; −87.3) are right and x &lt; −104 gives 0. Both are exact for a normal result, so the two paths give the
    /// same bits wherever both apply, and which one a vector takes changes nothing but time.
    /// </remarks>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpNonPositive(Vector512<float> x, Vector512<float> correction)
    {
        Vector512<float> shifted = RoundedLog2(x);
        if (Vector512.GreaterThanOrEqualAll(shifted, Vector512.Create(FloatRoundingShift - 125f)))
        {
            // n·2^23 is the shifted integer's bits moved to the exponent field (1.5·2^23's own bits shift out).
            return (ExpOfReduced(x, shifted, correction).AsInt32() + Vector512.ShiftLeft(shifted.AsInt32(), 23)).AsSingle();
        }

        correction &= Vector512.GreaterThan(x, Vector512.Create(-104f));
        x = Vector512.Max(x, Vector512.Create(-104f));
        shifted = RoundedLog2(x);
        Vector512<float> p = ExpOfReduced(x, shifted, correction);
        Vector512<int> k = Vector512.ConvertToInt32(shifted - Vector512.Create(FloatRoundingShift)); // n in [−150, 0]: exact
        Vector512<int> kLow = Vector512.ShiftRightArithmetic(k, 1);
        Vector512<float> scaleLow = Vector512.ShiftLeft(kLow + Vector512.Create(127), 23).AsSingle();
        Vector512<float> scaleHigh = Vector512.ShiftLeft(k - kLow + Vector512.Create(127), 23).AsSingle();
        return p * scaleLow * scaleHigh;
    }

    /// <summary>1.5·2^23 and 1.5·2^52: added to a value, they round it to an integer kept in the low mantissa bits.</summary>
    private const float FloatRoundingShift = 12582912f;

    private const double DoubleRoundingShift = 6755399441055744.0;

    /// <summary>x·log₂e + 1.5·2^23 in one rounding: n = round(x·log₂e) sits in its low mantissa bits.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> RoundedLog2(Vector512<float> x) =>
        Vector512.FusedMultiplyAdd(x, Vector512.Create(1.44269504088896341f), Vector512.Create(FloatRoundingShift));

    /// <summary>x·log₂e + 1.5·2^52 in one rounding, as the float version.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> RoundedLog2(Vector512<double> x) =>
        Vector512.FusedMultiplyAdd(x, Vector512.Create(1.4426950408889634), Vector512.Create(DoubleRoundingShift));

    /// <summary>e^{r + c}, r = x − n·ln 2 with n = shifted − 1.5·2^23: the float exponential's reduction and polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<float> ExpOfReduced(Vector512<float> x, Vector512<float> shifted, Vector512<float> correction)
    {
        const float ln2High = 0.693147182464599609375f;
        const float ln2Low = -1.90465429995776e-9f;
        Vector512<float> n = shifted - Vector512.Create(FloatRoundingShift);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2Low), r) + correction;

        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        return Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;
    }

    /// <summary>
    /// e^{x + c} for x ≤ 0 or −∞ (NaN gives NaN) and a tiny correction c (ignored, and allowed to be NaN, where
    /// x &lt; −746), double: the same reduction and the same two scalings as the float version (single where every
    /// lane's result is normal, n ≥ −1021), e^r by its Taylor polynomial of degree 13 (truncation below 5e−18 for
    /// |r| ≤ ln 2 / 2), x &lt; −746 gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpNonPositive(Vector512<double> x, Vector512<double> correction)
    {
        Vector512<double> shifted = RoundedLog2(x);
        if (Vector512.GreaterThanOrEqualAll(shifted, Vector512.Create(DoubleRoundingShift - 1021.0)))
        {
            return (ExpOfReduced(x, shifted, correction).AsInt64() + Vector512.ShiftLeft(shifted.AsInt64(), 52)).AsDouble();
        }

        correction &= Vector512.GreaterThan(x, Vector512.Create(-746.0));
        x = Vector512.Max(x, Vector512.Create(-746.0));
        shifted = RoundedLog2(x);
        Vector512<double> p = ExpOfReduced(x, shifted, correction);
        Vector512<long> k = shifted.AsInt64() - Vector512.Create(BitConverter.DoubleToInt64Bits(DoubleRoundingShift));
        Vector512<long> kLow = Vector512.ShiftRightArithmetic(k, 1);
        Vector512<double> scaleLow = Vector512.ShiftLeft(kLow + Vector512.Create(1023L), 52).AsDouble();
        Vector512<double> scaleHigh = Vector512.ShiftLeft(k - kLow + Vector512.Create(1023L), 52).AsDouble();
        return p * scaleLow * scaleHigh;
    }

    /// <summary>e^{r + c}, r = x − n·ln 2 with n = shifted − 1.5·2^52: the double exponential's reduction and polynomial.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> ExpOfReduced(Vector512<double> x, Vector512<double> shifted, Vector512<double> correction)
    {
        const double ln2High = 0.6931471805599453;
        const double ln2Low = 2.3190468138462996e-17;
        Vector512<double> n = shifted - Vector512.Create(DoubleRoundingShift);
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2Low), r) + correction;

        // Horner over 1/13!, 1/12!, …, 1/2!.
        Vector512<double> p = Vector512.Create(1.0 / 6227020800);
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 479001600));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 39916800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 3628800));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 362880));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 40320));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 5040));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 720));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 120));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 24));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.0 / 6));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(0.5));
        return Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<double>.One;
    }

    // ---- Scalar path for Half, NFloat and other IEEE types: two passes, same formulas. ----

    private static T ScalarMax<T>(ReadOnlySpan<T> row, string name, int offset, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        T max = T.NegativeInfinity;
        foreach (T x in row)
        {
            max = T.Max(max, x);
        }

        if (!(max < T.PositiveInfinity))
        {
            Guard.ThrowInvalidLogit(row, name, offset, classCount);
        }

        return max;
    }

    private static LogSumExp<T> AnalyseScalar<T>(ReadOnlySpan<T> row, string name, int offset, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        T max = ScalarMax(row, name, offset, classCount);
        double rest = 0;
        int ties = 0;
        foreach (T x in row)
        {
            if (x == max)
            {
                ties++;
            }
            else
            {
                rest += ExpOfDifferenceInDouble(x, max);
            }
        }

        return new(max, rest + (ties - 1));
    }

    /// <summary>
    /// A sum kept in the 64 bytes of one <see cref="Vector512{T}"/>, lane by lane, each lane compensated (Knuth's
    /// two-sum: the rounding error of every addition is kept in <see cref="_low"/>), so a row's sum loses no more than
    /// its chunks do, at any length: chunks of <see cref="ChunkLength"/> entries are summed plainly and added here.
    /// The lanes are added in double in a fixed tree at the end: the same bits on every machine. Types that are not
    /// vectorised (Half, NFloat) add in double, in order.
    /// </summary>
    internal struct LaneSum<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private Vector512<T> _high;
        private Vector512<T> _low;
        private double _scalar;

        /// <summary>Adds one chunk's lanes.</summary>
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        public void Add(Vector512<T> v)
        {
            Vector512<T> s = _high + v;
            Vector512<T> vPart = s - _high;
            Vector512<T> error = (_high - (s - vPart)) + (v - vPart);
            _high = s;
            _low += error;
        }

        /// <summary>Adds a value of the scalar path.</summary>
        public void AddScalar(double v) => _scalar += v;

        /// <summary>Multiplies the sum by <paramref name="factor"/> (a rescaling by e^{M − M'}).</summary>
        public void Scale(T factor)
        {
            _high *= Vector512.Create(factor);
            _low *= Vector512.Create(factor);
        }

        /// <summary>The sum, in double: lanes and their errors in a fixed tree.</summary>
        public readonly double Total()
        {
            if (!IsVectorised<T>())
            {
                return _scalar;
            }

            return HorizontalSumInDouble(_high) + HorizontalSumInDouble(_low);
        }

        private static double HorizontalSumInDouble(Vector512<T> v)
        {
            if (typeof(T) == typeof(double))
            {
                return HorizontalSum(v.As<T, double>());
            }

            var (lower, upper) = Vector512.Widen(v.As<T, float>());
            return HorizontalSum(lower + upper); // 16 floats add exactly in double, lane ℓ with lane ℓ + 8
        }
    }
}
