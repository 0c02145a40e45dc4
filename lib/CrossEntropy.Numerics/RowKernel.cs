using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

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
/// <para>Types other than float and double (Half, NFloat) take a scalar path with <c>T.Exp</c>, in the same order.</para>
/// </remarks>
[SkipLocalsInit]
internal static class RowKernel
{
    /// <summary>Entries per block: a multiple of every vector length, small enough that a block stays in L1.</summary>
    internal const int BlockLength = 2048;

    /// <summary>
    /// One row's log-sum-exp as M + log1p(rest): M = max_i x_i and rest = Σ_{i≠k} e^{x_i − M} (k one index of the
    /// maximum), rest ≥ 0. A row of only −∞ has M = −∞, so every −log softmax of it is (−∞) − (−∞) = NaN: no distribution.
    /// </summary>
    internal readonly record struct LogSumExp<T>(T Max, T Rest)
        where T : IFloatingPointIeee754<T>
    {
        /// <summary>log Σ_i e^{x_i − M} = log1p(rest).</summary>
        public T LogRest => StableMath.LogP1(Rest);

        /// <summary>−log softmax(x)_c = (M − x_c) + log1p(rest): both terms ≥ 0, so nothing cancels.</summary>
        public T NegativeLogSoftmax(T logit) => (Max - logit) + LogRest;
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

        int lanes = Vector512<T>.Count;
        int fullLength = row.Length - (row.Length % lanes);
        Vector512<T> tail = Tail(row[fullLength..]);
        ref T start = ref MemoryMarshal.GetReference(row);

        T max = T.NegativeInfinity;
        Vector512<T> sum = Vector512<T>.Zero; // Σ e^{x − max}, per lane, over the entries below max
        T carried = T.Zero;                   // former maxima, rescaled, outside the lanes
        int ties = 0;                         // entries equal to max (terms of exactly 1), not yet added
        for (int blockStart = 0; blockStart < row.Length; blockStart += BlockLength)
        {
            int blockEnd = Math.Min(blockStart + BlockLength, fullLength);
            bool hasTail = blockStart + BlockLength >= row.Length; // the last block (a tail of −∞ when there is none)
            ref T block = ref Unsafe.Add(ref start, blockStart);
            int count = blockEnd - blockStart; // 0 for a block that is only the tail

            T blockMax = BlockMax(ref block, count, hasTail, tail);
            if (T.IsNaN(blockMax)) // BlockMax's word for a NaN or +∞ in the block
            {
                Guard.ThrowInvalidLogit(row, name, offset, row.Length);
            }

            if (blockMax > max)
            {
                if (!T.IsNegativeInfinity(max))
                {
                    // Rescale once per block: every earlier term, and each earlier maximum's 1, times e^{M − M'}.
                    T factor = ExpNonPositive(max - blockMax);
                    sum *= Vector512.Create(factor);
                    carried = (carried * factor) + (T.CreateTruncating(ties) * factor);
                }

                max = blockMax;
                ties = 0;
            }

            Vector512<T> shift = Vector512.Create(max);
            if (blockMax == max)
            {
                sum = SumExpCountingTies(ref block, count, hasTail, tail, shift, sum, ref ties);
            }
            else
            {
                sum = SumExp(ref block, count, hasTail, tail, shift, sum);
            }
        }

        // One maximum is the 1 left out; the other ties are exact 1s. (While M = −∞ every entry ties with it and adds
        // nothing: e^{x − M} is masked out.)
        return new(max, (HorizontalSum(sum) + carried) + T.CreateTruncating(ties - 1));
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
            sum += Vector512.AndNot(ExpNonPositive(x - m), atMax);
        }

        max = m;
        rest = sum + (ties - Vector512<T>.One);
    }

    /// <summary>Validates <paramref name="row"/> (NaN or +∞ throws, as in <see cref="Analyse{T}"/>) without computing anything else.</summary>
    internal static void Validate<T>(ReadOnlySpan<T> row, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            ScalarMax(row, name, offset, row.Length);
            return;
        }

        int fullLength = row.Length - (row.Length % Vector512<T>.Count);
        T max = BlockMax(ref MemoryMarshal.GetReference(row), fullLength, hasTail: true, Tail(row[fullLength..]));
        if (T.IsNaN(max)) // BlockMax's word for a NaN or +∞ in the row
        {
            Guard.ThrowInvalidLogit(row, name, offset, row.Length);
        }
    }

    /// <summary>
    /// Writes e^{x_i − M} · scale into <paramref name="destination"/> and returns S = Σ_i e^{x_i − M}, the softmax
    /// normaliser, summed before scaling: softmax(x)_i = e^{x_i − M} / S. Call <see cref="Scale{T}"/> afterwards to
    /// apply a factor that depends on S. A row of only −∞ is filled with NaN and gives NaN.
    /// </summary>
    /// <remarks>The row is validated and its maximum found in a first pass; the exponentials are written in a second.</remarks>
    internal static T Exponentials<T>(ReadOnlySpan<T> row, Span<T> destination, string name, int offset)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            return ExponentialsScalar(row, destination, name, offset, row.Length);
        }

        int lanes = Vector512<T>.Count;
        int fullLength = row.Length - (row.Length % lanes);
        Vector512<T> tail = Tail(row[fullLength..]);
        ref T x = ref MemoryMarshal.GetReference(row);
        ref T d = ref MemoryMarshal.GetReference(destination);
        T max = BlockMax(ref x, fullLength, hasTail: true, tail);
        if (T.IsNaN(max)) // BlockMax's word for a NaN or +∞ in the row
        {
            Guard.ThrowInvalidLogit(row, name, offset, row.Length);
        }

        // A row of only −∞ has M = −∞: every x − M is NaN, and so is every e and S (no distribution).

        Vector512<T> shift = Vector512.Create(max);
        Vector512<T> sum = Vector512<T>.Zero;
        for (int i = 0; i < fullLength; i += lanes)
        {
            Vector512<T> e = ExpNonPositive(Vector512.LoadUnsafe(ref x, (nuint)i) - shift);
            e.StoreUnsafe(ref d, (nuint)i);
            sum += e;
        }

        // The tail (all −∞, so e = 0, when there is none) is added last, as in the other passes.
        Vector512<T> last = ExpNonPositive(tail - shift);
        sum += last;
        MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref last), lanes)[..(row.Length - fullLength)].CopyTo(destination[fullLength..]);
        return HorizontalSum(sum);
    }

    /// <summary>destination ← destination · factor: one rounding per entry, so the bits do not depend on the vector width.</summary>
    internal static void Scale<T>(Span<T> destination, T factor)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        System.Numerics.Tensors.TensorPrimitives.Multiply(destination, factor, destination);

    /// <summary>
    /// Σ values in the kernel's lane order (one accumulator per lane of a 512-bit vector, the tail zero-padded, then the
    /// lanes in order), so the bits do not depend on the hardware's vector width.
    /// </summary>
    internal static T Sum<T>(ReadOnlySpan<T> values)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (!IsVectorised<T>())
        {
            T total = T.Zero;
            foreach (T value in values)
            {
                total += value;
            }

            return total;
        }

        int lanes = Vector512<T>.Count;
        int fullLength = values.Length - (values.Length % lanes);
        ref T v = ref MemoryMarshal.GetReference(values);
        Vector512<T> sum = Vector512<T>.Zero;
        for (int i = 0; i < fullLength; i += lanes)
        {
            sum += Vector512.LoadUnsafe(ref v, (nuint)i);
        }

        Vector512<T> tail = Vector512<T>.Zero; // what is left of values, zero-padded (all 0 when nothing is)
        values[fullLength..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<T>, T>(ref tail), lanes));
        return HorizontalSum(sum + tail);
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

    /// <summary>Maximum of <paramref name="count"/> entries (a multiple of the lane count) and, if <paramref name="hasTail"/>, the tail; NaN if any is NaN or +∞.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T BlockMax<T>(ref T block, int count, bool hasTail, Vector512<T> tail)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        // Maximum is exact and order-free (IEEE maximum: NaN wins, −0 < +0), so four accumulators are free to interleave.
        int lanes = Vector512<T>.Count;
        Vector512<T> m0 = hasTail ? tail : Vector512.Create(T.NegativeInfinity);
        Vector512<T> m1 = m0, m2 = m0, m3 = m0;
        int i = 0;
        for (; i <= count - (4 * lanes); i += 4 * lanes)
        {
            m0 = Vector512.Max(m0, Vector512.LoadUnsafe(ref block, (nuint)i));
            m1 = Vector512.Max(m1, Vector512.LoadUnsafe(ref block, (nuint)(i + lanes)));
            m2 = Vector512.Max(m2, Vector512.LoadUnsafe(ref block, (nuint)(i + (2 * lanes))));
            m3 = Vector512.Max(m3, Vector512.LoadUnsafe(ref block, (nuint)(i + (3 * lanes))));
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

    /// <summary>sum + Σ e^{x − shift} over the block and its tail, lane by lane in entry order.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> SumExp<T>(ref T block, int count, bool hasTail, Vector512<T> tail, Vector512<T> shift, Vector512<T> sum)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        for (int i = 0; i < count; i += lanes)
        {
            sum += ExpNonPositive(Vector512.LoadUnsafe(ref block, (nuint)i) - shift);
        }

        return hasTail ? sum + ExpNonPositive(tail - shift) : sum;
    }

    /// <summary>As <see cref="SumExp{T}"/>, but entries equal to the shift (the running maximum) are counted, not added.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> SumExpCountingTies<T>(
        ref T block, int count, bool hasTail, Vector512<T> tail, Vector512<T> shift, Vector512<T> sum, ref int ties)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int lanes = Vector512<T>.Count;
        for (int i = 0; i < count; i += lanes)
        {
            sum += ExpBelowMax(Vector512.LoadUnsafe(ref block, (nuint)i), shift, ref ties);
        }

        return hasTail ? sum + ExpBelowMax(tail, shift, ref ties) : sum;
    }

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> ExpBelowMax<T>(Vector512<T> x, Vector512<T> max, ref int ties)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Vector512<T> atMax = Vector512.Equals(x, max);
        ties += BitOperations.PopCount(atMax.ExtractMostSignificantBits());
        return Vector512.AndNot(ExpNonPositive(x - max), atMax);
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

    /// <summary>e^x for one value x ≤ 0, through the vector code so that it has the same bits as a lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static T ExpNonPositive<T>(T x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ExpNonPositive(Vector512.Create(x)).ToScalar();

    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> ExpNonPositive<T>(Vector512<T> x)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? ExpNonPositive(x.As<T, float>()).As<float, T>()
            : ExpNonPositive(x.As<T, double>()).As<double, T>();

    /// <summary>
    /// e^x for x ≤ 0 or −∞ (NaN gives NaN), float: x = n·ln 2 + r with n = round(x·log₂e) and |r| ≤ ln 2 / 2 (Cody–Waite, two
    /// constants), e^r ≈ 1 + r + r²·P(r) with Cephes' degree-5 minimax P (about 1 ulp), times 2^n applied as two
    /// factors 2^⌊n/2⌋·2^⌈n/2⌉ so that subnormal results (x &lt; −87.3) are right and x &lt; −104 gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<float> ExpNonPositive(Vector512<float> x)
    {
        const float log2E = 1.44269504088896341f;
        const float roundingShift = 12582912f; // 1.5·2^23: adding it rounds to an integer, kept in the low mantissa bits
        const float ln2High = 0.693147182464599609375f;
        const float ln2Low = -1.90465429995776e-9f;
        x = Vector512.Max(x, Vector512.Create(-104f));
        Vector512<float> shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(log2E), Vector512.Create(roundingShift));
        Vector512<float> n = shifted - Vector512.Create(roundingShift);
        Vector512<float> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2Low), r);

        Vector512<float> p = Vector512.FusedMultiplyAdd(Vector512.Create(1.9875691500e-4f), r, Vector512.Create(1.3981999507e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(8.3334519073e-3f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(4.1665795894e-2f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(1.6666665459e-1f));
        p = Vector512.FusedMultiplyAdd(p, r, Vector512.Create(5.0000001201e-1f));
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<float>.One;

        Vector512<int> k = Vector512.ConvertToInt32(n); // n is an integer in [−150, 0]: converted exactly
        Vector512<int> kLow = Vector512.ShiftRightArithmetic(k, 1);
        Vector512<float> scaleLow = Vector512.ShiftLeft(kLow + Vector512.Create(127), 23).AsSingle();
        Vector512<float> scaleHigh = Vector512.ShiftLeft(k - kLow + Vector512.Create(127), 23).AsSingle();
        return p * scaleLow * scaleHigh;
    }

    /// <summary>
    /// e^x for x ≤ 0 or −∞ (NaN gives NaN), double: the same reduction as the float version, e^r by its Taylor polynomial
    /// of degree 13 (truncation below 5e−18 for |r| ≤ ln 2 / 2), x &lt; −746 gives 0.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    internal static Vector512<double> ExpNonPositive(Vector512<double> x)
    {
        const double log2E = 1.4426950408889634;
        const double roundingShift = 6755399441055744.0; // 1.5·2^52
        const double ln2High = 0.6931471805599453;
        const double ln2Low = 2.3190468138462996e-17;
        x = Vector512.Max(x, Vector512.Create(-746.0));
        Vector512<double> shifted = Vector512.FusedMultiplyAdd(x, Vector512.Create(log2E), Vector512.Create(roundingShift));
        Vector512<double> n = shifted - Vector512.Create(roundingShift);
        Vector512<double> r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2High), x);
        r = Vector512.FusedMultiplyAdd(n, Vector512.Create(-ln2Low), r);

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
        p = Vector512.FusedMultiplyAdd(p, r * r, r) + Vector512<double>.One;

        Vector512<long> k = shifted.AsInt64() - Vector512.Create(BitConverter.DoubleToInt64Bits(roundingShift));
        Vector512<long> kLow = Vector512.ShiftRightArithmetic(k, 1);
        Vector512<double> scaleLow = Vector512.ShiftLeft(kLow + Vector512.Create(1023L), 52).AsDouble();
        Vector512<double> scaleHigh = Vector512.ShiftLeft(k - kLow + Vector512.Create(1023L), 52).AsDouble();
        return p * scaleLow * scaleHigh;
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
        T rest = T.Zero;
        int ties = 0;
        foreach (T x in row)
        {
            if (x == max)
            {
                ties++;
            }
            else
            {
                rest += T.Exp(x - max);
            }
        }

        return new(max, rest + T.CreateTruncating(ties - 1));
    }

    private static T ExponentialsScalar<T>(ReadOnlySpan<T> row, Span<T> destination, string name, int offset, int classCount)
        where T : IFloatingPointIeee754<T>
    {
        T max = ScalarMax(row, name, offset, classCount);
        T sum = T.Zero; // NaN throughout for a row of only −∞, as in the vector path
        for (int i = 0; i < row.Length; i++)
        {
            destination[i] = T.Exp(row[i] - max);
            sum += destination[i];
        }

        return sum;
    }
}
