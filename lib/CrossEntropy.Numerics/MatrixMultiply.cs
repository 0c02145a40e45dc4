using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Numerics;

/// <summary>
/// Dense matrix product C = op(A)·op(B) (or C += op(A)·op(B)) for float and double: the register-blocked SIMD kernel
/// under <see cref="Losses.LinearCrossEntropy{T}(ReadOnlySpan{T}, ReadOnlySpan{T}, ReadOnlySpan{T}, int, ReadOnlySpan{int}, Reduction, CrossEntropyOptions?)"/>.
/// </summary>
/// <remarks>
/// <para><b>What is computed, bit for bit.</b> Every entry is one chain of fused multiply-adds in k order:
/// c_ij ← fma(a_i0, b_0j, c_ij), then fma(a_i1, b_1j, ·), …, up to k − 1, starting from +0 (or from the given C when
/// accumulating). One rounding per term, never a reassociated sum, so the bits depend on the data only: not on the
/// vector width, the blocking, the alignment or the machine (each lane of a vector holds a different entry of C, and
/// .NET runs Vector512 operations lane by lane, as two 256-bit halves or scalar code, where AVX-512 is absent).
/// The error bound is the textbook one for a recursive dot product: |ĉ − c| ≤ k·u·Σ_p |a_ip·b_pj| (u = 2^−24 for
/// float, 2^−53 for double), usually far less.</para>
/// <para><b>How.</b> GotoBLAS blocking: panels of <see cref="DepthBlock"/> values of k, <see cref="RowBlock"/> rows of A
/// and <see cref="ColumnBlock"/> columns of B are copied ("packed") into contiguous buffers, and a micro-kernel keeps a
/// tile of <see cref="TileRows"/> × 2 vectors of C (8 × 32 float, 8 × 16 double) in 16 registers, reading one packed
/// column of A (8 broadcasts) and one packed row of B (2 loads) per step of k. Partial tiles at the edges go through a
/// small stack buffer with the same arithmetic.</para>
/// <para>Transposes are strides: A is m × k row-major, or k × m when <c>transposeA</c>; B is k × n, or n × k when
/// <c>transposeB</c>. Only the packing reads them, so all four combinations run at the same speed.</para>
/// <para>IEEE semantics: NaN and ±∞ propagate as in the chain of fma (∞·0 = NaN); overflow gives ±∞.</para>
/// </remarks>
[SkipLocalsInit]
public static class MatrixMultiply
{
    /// <summary>Rows of C per register tile.</summary>
    internal const int TileRows = 8;

    /// <summary>Values of k per packed panel (the depth of one pass of the micro-kernel).</summary>
    internal const int DepthBlock = 256;

    /// <summary>Rows of A per packed block.</summary>
    internal const int RowBlock = 64;

    /// <summary>Columns of B per packed block.</summary>
    internal const int ColumnBlock = 256;

    /// <summary>
    /// C (m × n, row-major) = op(A)·op(B), or C += op(A)·op(B) when <paramref name="accumulate"/>; float and double.
    /// </summary>
    /// <param name="a">A: m × k row-major, or k × m when <paramref name="transposeA"/>.</param>
    /// <param name="transposeA">Whether <paramref name="a"/> holds Aᵀ.</param>
    /// <param name="b">B: k × n row-major, or n × k when <paramref name="transposeB"/>.</param>
    /// <param name="transposeB">Whether <paramref name="b"/> holds Bᵀ.</param>
    /// <param name="c">C: m × n row-major; must not overlap A or B.</param>
    /// <param name="m">Rows of C.</param>
    /// <param name="n">Columns of C.</param>
    /// <param name="k">The inner dimension; 0 gives C = 0 (or leaves C unchanged when accumulating).</param>
    /// <param name="accumulate">Add to C instead of overwriting it.</param>
    /// <remarks>Allocates its packing buffers, (RowBlock + ColumnBlock) · DepthBlock values (320 KiB for float).</remarks>
    public static void Multiply<T>(
        ReadOnlySpan<T> a, bool transposeA, ReadOnlySpan<T> b, bool transposeB, Span<T> c,
        int m, int n, int k, bool accumulate = false)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        CheckType<T>();
        if (m < 0 || n < 0 || k < 0)
        {
            throw new ArgumentOutOfRangeException(
                m < 0 ? nameof(m) : n < 0 ? nameof(n) : nameof(k), $"Dimensions must be non-negative (m = {m}, n = {n}, k = {k}).");
        }

        CheckLength(a, nameof(a), (long)m * k, transposeA ? $"k × m = {k} × {m}" : $"m × k = {m} × {k}");
        CheckLength(b, nameof(b), (long)k * n, transposeB ? $"n × k = {n} × {k}" : $"k × n = {k} × {n}");
        CheckLength((ReadOnlySpan<T>)c, nameof(c), (long)m * n, $"m × n = {m} × {n}");
        Guard.NoOverlap(a, c, nameof(c));
        Guard.NoOverlap(b, c, nameof(c));
        var workspace = new Workspace<T>();
        Multiply(
            new Operand<T>(a, transposeA ? 1 : k, transposeA ? m : 1),
            new Operand<T>(b, transposeB ? 1 : n, transposeB ? k : 1),
            c, n, m, n, k, accumulate, workspace);
    }

    /// <summary>Throws <see cref="NotSupportedException"/> for element types other than float and double.</summary>
    internal static void CheckType<T>()
    {
        if (typeof(T) != typeof(float) && typeof(T) != typeof(double))
        {
            throw new NotSupportedException($"Matrix products are implemented for float and double, not {typeof(T).Name}.");
        }
    }

    /// <summary>A matrix read through strides: entry (i, j) is at i·RowStride + j·ColumnStride.</summary>
    internal readonly ref struct Operand<T>(ReadOnlySpan<T> values, int rowStride, int columnStride)
    {
        public ReadOnlySpan<T> Values { get; } = values;

        public int RowStride { get; } = rowStride;

        public int ColumnStride { get; } = columnStride;
    }

    /// <summary>The packing buffers, allocated once per caller and reused across products.</summary>
    internal sealed class Workspace<T>
        where T : unmanaged
    {
        /// <summary>Packed A: RowBlock rows (rounded up to tiles) × DepthBlock.</summary>
        public T[] PackedA { get; } = GC.AllocateUninitializedArray<T>(RowBlock * DepthBlock);

        /// <summary>Packed B: DepthBlock × ColumnBlock.</summary>
        public T[] PackedB { get; } = GC.AllocateUninitializedArray<T>(DepthBlock * ColumnBlock);

        /// <summary>Bytes held by a workspace, for the documented memory bounds.</summary>
        public static long Bytes => ((long)RowBlock * DepthBlock + ((long)DepthBlock * ColumnBlock)) * Unsafe.SizeOf<T>();
    }

    /// <summary>
    /// C (m × n, row stride <paramref name="ldc"/>) = A·B or C += A·B, with A (m × k) and B (k × n) read through their
    /// strides. No argument checks: callers pass consistent sizes.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    internal static void Multiply<T>(
        in Operand<T> a, in Operand<T> b, Span<T> c, int ldc, int m, int n, int k, bool accumulate, Workspace<T> workspace)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (m == 0 || n == 0)
        {
            return;
        }

        if (k == 0)
        {
            if (!accumulate)
            {
                for (int i = 0; i < m; i++)
                {
                    c.Slice(i * ldc, n).Clear();
                }
            }

            return;
        }

        int tileColumns = 2 * Vector512<T>.Count;
        Span<T> packedA = workspace.PackedA;
        Span<T> packedB = workspace.PackedB;
        for (int jc = 0; jc < n; jc += ColumnBlock)
        {
            int nb = Math.Min(ColumnBlock, n - jc);
            for (int pc = 0; pc < k; pc += DepthBlock)
            {
                int kb = Math.Min(DepthBlock, k - pc);
                bool load = accumulate || pc > 0; // later depth panels continue each entry's chain
                PackB(b, pc, jc, kb, nb, tileColumns, packedB);
                for (int ic = 0; ic < m; ic += RowBlock)
                {
                    int mb = Math.Min(RowBlock, m - ic);
                    PackA(a, ic, pc, mb, kb, packedA);
                    for (int jr = 0; jr < nb; jr += tileColumns)
                    {
                        ref T bPanel = ref packedB[jr * kb];
                        int columns = Math.Min(tileColumns, nb - jr);
                        for (int ir = 0; ir < mb; ir += TileRows)
                        {
                            ref T aPanel = ref packedA[ir * kb];
                            int rows = Math.Min(TileRows, mb - ir);
                            Span<T> cTile = c[(((ic + ir) * ldc) + jc + jr)..];
                            if (rows == TileRows && columns == tileColumns)
                            {
                                Tile(ref aPanel, ref bPanel, ref MemoryMarshal.GetReference(cTile), ldc, kb, load);
                            }
                            else
                            {
                                EdgeTile(ref aPanel, ref bPanel, cTile, ldc, rows, columns, kb, load);
                            }
                        }
                    }
                }
            }
        }
    }

    /// <summary>
    /// Copies A[i0 .. i0+rows, p0 .. p0+depth] into tiles of <see cref="TileRows"/> rows: for each tile, column after
    /// column (the 8 values one step of k broadcasts), rows past the end zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackA<T>(in Operand<T> a, int i0, int p0, int rows, int depth, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(a.Values);
        ref T destination = ref MemoryMarshal.GetReference(packed);
        int rs = a.RowStride, cs = a.ColumnStride;
        for (int tile = 0; tile < rows; tile += TileRows)
        {
            int tileRows = Math.Min(TileRows, rows - tile);
            ref T panel = ref Unsafe.Add(ref destination, tile * depth);
            if (rs == 1 && tileRows == TileRows)
            {
                // A is stored transposed: the tile's 8 values of each step of k are contiguous, so copy them as they are.
                ref T column = ref Unsafe.Add(ref source, (nint)(i0 + tile) + ((nint)p0 * cs));
                for (int p = 0; p < depth; p++)
                {
                    MemoryMarshal.CreateReadOnlySpan(ref Unsafe.Add(ref column, (nint)p * cs), TileRows)
                        .CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, p * TileRows), TileRows));
                }

                continue;
            }

            for (int r = 0; r < TileRows; r++)
            {
                if (r >= tileRows)
                {
                    ClearLane(ref panel, r, TileRows, depth);
                    continue;
                }

                ref T row = ref Unsafe.Add(ref source, ((nint)(i0 + tile + r) * rs) + ((nint)p0 * cs));
                for (int p = 0; p < depth; p++)
                {
                    Unsafe.Add(ref panel, (p * TileRows) + r) = Unsafe.Add(ref row, (nint)p * cs);
                }
            }
        }
    }

    /// <summary>
    /// Copies B[p0 .. p0+depth, j0 .. j0+columns] into panels of <paramref name="tileColumns"/> columns: for each panel,
    /// row after row (the 2 vectors one step of k loads), columns past the end zero.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    private static void PackB<T>(in Operand<T> b, int p0, int j0, int depth, int columns, int tileColumns, Span<T> packed)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        ref T source = ref MemoryMarshal.GetReference(b.Values);
        ref T destination = ref MemoryMarshal.GetReference(packed);
        int rs = b.RowStride, cs = b.ColumnStride;
        for (int panelStart = 0; panelStart < columns; panelStart += tileColumns)
        {
            int width = Math.Min(tileColumns, columns - panelStart);
            ref T panel = ref Unsafe.Add(ref destination, panelStart * depth);
            if (cs == 1)
            {
                // Rows of B are contiguous: copy each row's slice of the panel.
                for (int p = 0; p < depth; p++)
                {
                    ref T row = ref Unsafe.Add(ref source, ((nint)(p0 + p) * rs) + j0 + panelStart);
                    Span<T> target = MemoryMarshal.CreateSpan(ref Unsafe.Add(ref panel, p * tileColumns), tileColumns);
                    MemoryMarshal.CreateReadOnlySpan(ref row, width).CopyTo(target);
                    target[width..].Clear();
                }

                continue;
            }

            // Columns of B are contiguous (B is stored transposed): read each column, scatter it over the panel's rows.
            for (int j = 0; j < tileColumns; j++)
            {
                if (j >= width)
                {
                    ClearLane(ref panel, j, tileColumns, depth);
                    continue;
                }

                ref T column = ref Unsafe.Add(ref source, ((nint)p0 * rs) + ((nint)(j0 + panelStart + j) * cs));
                for (int p = 0; p < depth; p++)
                {
                    Unsafe.Add(ref panel, (p * tileColumns) + j) = Unsafe.Add(ref column, (nint)p * rs);
                }
            }
        }
    }

    /// <summary>Zeroes lane <paramref name="lane"/> of every step of a packed panel (a row or column past the matrix's edge).</summary>
    private static void ClearLane<T>(ref T panel, int lane, int stride, int depth)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        for (int p = 0; p < depth; p++)
        {
            Unsafe.Add(ref panel, (p * stride) + lane) = T.Zero;
        }
    }

    /// <summary>A partial tile: the full tile's arithmetic on a stack copy of the valid part of C.</summary>
    private static void EdgeTile<T>(ref T aPanel, ref T bPanel, Span<T> c, int ldc, int rows, int columns, int depth, bool load)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int tileColumns = 2 * Vector512<T>.Count;
        Span<T> buffer = stackalloc T[TileRows * tileColumns];
        buffer.Clear();
        if (load)
        {
            for (int r = 0; r < rows; r++)
            {
                c.Slice(r * ldc, columns).CopyTo(buffer.Slice(r * tileColumns, columns));
            }
        }

        Tile(ref aPanel, ref bPanel, ref MemoryMarshal.GetReference(buffer), tileColumns, depth, load: true);
        for (int r = 0; r < rows; r++)
        {
            buffer.Slice(r * tileColumns, columns).CopyTo(c.Slice(r * ldc, columns));
        }
    }

    /// <summary>
    /// The micro-kernel: C[0..8, 0..2 vectors] (row stride <paramref name="ldc"/>) ← (C or 0) + Σ_p a[p]·b[p] as one fma
    /// chain per entry, p = 0, 1, …, depth − 1; a is packed 8 values per step, b 2 vectors per step.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining | MethodImplOptions.AggressiveOptimization)]
    private static void Tile<T>(ref T a, ref T b, ref T c, int ldc, int depth, bool load)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        nuint w = (nuint)Vector512<T>.Count;
        nuint stride = (nuint)ldc;
        Vector512<T> c00, c01, c10, c11, c20, c21, c30, c31, c40, c41, c50, c51, c60, c61, c70, c71;
        if (load)
        {
            c00 = Vector512.LoadUnsafe(ref c, 0); c01 = Vector512.LoadUnsafe(ref c, w);
            c10 = Vector512.LoadUnsafe(ref c, stride); c11 = Vector512.LoadUnsafe(ref c, stride + w);
            c20 = Vector512.LoadUnsafe(ref c, 2 * stride); c21 = Vector512.LoadUnsafe(ref c, (2 * stride) + w);
            c30 = Vector512.LoadUnsafe(ref c, 3 * stride); c31 = Vector512.LoadUnsafe(ref c, (3 * stride) + w);
            c40 = Vector512.LoadUnsafe(ref c, 4 * stride); c41 = Vector512.LoadUnsafe(ref c, (4 * stride) + w);
            c50 = Vector512.LoadUnsafe(ref c, 5 * stride); c51 = Vector512.LoadUnsafe(ref c, (5 * stride) + w);
            c60 = Vector512.LoadUnsafe(ref c, 6 * stride); c61 = Vector512.LoadUnsafe(ref c, (6 * stride) + w);
            c70 = Vector512.LoadUnsafe(ref c, 7 * stride); c71 = Vector512.LoadUnsafe(ref c, (7 * stride) + w);
        }
        else
        {
            c00 = c01 = c10 = c11 = c20 = c21 = c30 = c31 = Vector512<T>.Zero;
            c40 = c41 = c50 = c51 = c60 = c61 = c70 = c71 = Vector512<T>.Zero;
        }

        for (int p = 0; p < depth; p++)
        {
            Vector512<T> b0 = Vector512.LoadUnsafe(ref b);
            Vector512<T> b1 = Vector512.LoadUnsafe(ref b, w);
            Vector512<T> x = Vector512.Create(a);
            c00 = Fma(x, b0, c00); c01 = Fma(x, b1, c01);
            x = Vector512.Create(Unsafe.Add(ref a, 1));
            c10 = Fma(x, b0, c10); c11 = Fma(x, b1, c11);
            x = Vector512.Create(Unsafe.Add(ref a, 2));
            c20 = Fma(x, b0, c20); c21 = Fma(x, b1, c21);
            x = Vector512.Create(Unsafe.Add(ref a, 3));
            c30 = Fma(x, b0, c30); c31 = Fma(x, b1, c31);
            x = Vector512.Create(Unsafe.Add(ref a, 4));
            c40 = Fma(x, b0, c40); c41 = Fma(x, b1, c41);
            x = Vector512.Create(Unsafe.Add(ref a, 5));
            c50 = Fma(x, b0, c50); c51 = Fma(x, b1, c51);
            x = Vector512.Create(Unsafe.Add(ref a, 6));
            c60 = Fma(x, b0, c60); c61 = Fma(x, b1, c61);
            x = Vector512.Create(Unsafe.Add(ref a, 7));
            c70 = Fma(x, b0, c70); c71 = Fma(x, b1, c71);
            a = ref Unsafe.Add(ref a, TileRows);
            b = ref Unsafe.Add(ref b, 2 * w);
        }

        c00.StoreUnsafe(ref c, 0); c01.StoreUnsafe(ref c, w);
        c10.StoreUnsafe(ref c, stride); c11.StoreUnsafe(ref c, stride + w);
        c20.StoreUnsafe(ref c, 2 * stride); c21.StoreUnsafe(ref c, (2 * stride) + w);
        c30.StoreUnsafe(ref c, 3 * stride); c31.StoreUnsafe(ref c, (3 * stride) + w);
        c40.StoreUnsafe(ref c, 4 * stride); c41.StoreUnsafe(ref c, (4 * stride) + w);
        c50.StoreUnsafe(ref c, 5 * stride); c51.StoreUnsafe(ref c, (5 * stride) + w);
        c60.StoreUnsafe(ref c, 6 * stride); c61.StoreUnsafe(ref c, (6 * stride) + w);
        c70.StoreUnsafe(ref c, 7 * stride); c71.StoreUnsafe(ref c, (7 * stride) + w);
    }

    /// <summary>x·y + z rounded once, lane by lane.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<T> Fma<T>(Vector512<T> x, Vector512<T> y, Vector512<T> z)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        typeof(T) == typeof(float)
            ? Vector512.FusedMultiplyAdd(x.As<T, float>(), y.As<T, float>(), z.As<T, float>()).As<float, T>()
            : Vector512.FusedMultiplyAdd(x.As<T, double>(), y.As<T, double>(), z.As<T, double>()).As<double, T>();

    private static void CheckLength<T>(ReadOnlySpan<T> values, string name, long expected, string shape)
    {
        if (values.Length != expected)
        {
            throw new ArgumentException($"{name} has length {values.Length} but {shape} needs {expected}.", name);
        }
    }
}
