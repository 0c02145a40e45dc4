using System.Numerics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;

namespace CrossEntropy.Numerics;

/// <summary>
/// One row's online log-sum-exp over blocks of classes, for the fused linear cross-entropy: the row kernel's recurrence
/// (running maximum, rescaled sum, ties counted) carried from one block of logits to the next, in double.
/// </summary>
/// <remarks>
/// <para>After the blocks z_{[0, b₁)}, z_{[b₁, b₂)}, …: <see cref="Max"/> = M = max z_c, <see cref="Below"/> =
/// Σ_{z_c &lt; M} e^{z_c − M}, <see cref="Ties"/> = #{c : z_c = M}, and <see cref="Smoothing"/> = Σ_c w_c·(M − z_c).
/// A block whose maximum b exceeds M rescales once: Below ← (Below + Ties)·e^{M − b}, Smoothing ← Smoothing + (b − M)·Σ
/// of the weights seen, M ← b, Ties ← 0. Every term is ≥ 0, so nothing cancels. At the end
/// rest = Below + (Ties − 1) = Σ_{c≠k} e^{z_c − M} and LSE = M + log1p(rest), as <see cref="RowKernel.LogSumExp{T}"/>.</para>
/// <para>All of it is double, for float logits too (a float widens exactly), with the row kernel's own exponential
/// (<see cref="RowKernel.ExpOfDifference(Vector512{double}, Vector512{double})"/>); entry i of a block goes to lane i mod 8, the lanes are
/// summed in a fixed tree and the block sums are added in block order, so the bits do not depend on the vector width.</para>
/// </remarks>
[SkipLocalsInit]
internal struct LinearRowState
{
    /// <summary>The running maximum M (−∞ before the first block).</summary>
    public double Max;

    /// <summary>Σ e^{z_c − M} over the classes seen with z_c &lt; M.</summary>
    public double Below;

    /// <summary>Classes seen with z_c = M (each a term of exactly 1, kept out of the sum).</summary>
    public long Ties;

    /// <summary>Σ w_c·(M − z_c) over the classes seen (label smoothing only).</summary>
    public double Smoothing;

    /// <summary>z_y, the target's logit, once its block has been seen.</summary>
    public double TargetLogit;

    /// <summary>The state before any block.</summary>
    public static LinearRowState Empty => new() { Max = double.NegativeInfinity };

    /// <summary>rest = Σ_{c≠k} e^{z_c − M}: the sum with one maximum's 1 left out (see <see cref="RowKernel.LogSumExp{T}"/>).</summary>
    public readonly double Rest => Below + (Ties - 1);

    /// <summary>
    /// Adds one block of the row's logits. Returns the index within the block of the first entry that is not finite
    /// (an overflowed product), or −1 when the block is valid; nothing is updated for an invalid block.
    /// </summary>
    /// <param name="logits">The block's logits (any length).</param>
    /// <param name="weights">The block's class weights, or empty for all 1.</param>
    /// <param name="smoothing">Whether <see cref="Smoothing"/> is needed.</param>
    /// <param name="weightSeen">Σ w_c over the classes of the earlier blocks.</param>
    /// <param name="target">The target's index within the block, or any value outside it.</param>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public int Add<T>(ReadOnlySpan<T> logits, ReadOnlySpan<double> weights, bool smoothing, double weightSeen, int target)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int lanes = 8;
        int full = logits.Length - (logits.Length % lanes);
        ref T z = ref MemoryMarshal.GetReference(logits);

        // The maximum is exact and order-free; x − x is 0 exactly for finite x (NaN for ±∞ and NaN).
        Vector512<double> max = Vector512.Create(double.NegativeInfinity);
        Vector512<double> finite = Vector512<double>.AllBitsSet;
        for (int i = 0; i < full; i += lanes)
        {
            Vector512<double> x = Widen(ref z, i);
            max = Vector512.Max(max, x);
            finite &= Vector512.Equals(x - x, Vector512<double>.Zero);
        }

        double blockMax = double.NegativeInfinity;
        for (int l = 0; l < lanes; l++)
        {
            blockMax = Math.Max(blockMax, max[l]);
        }

        bool valid = Vector512.EqualsAll(finite.AsInt64(), Vector512<long>.AllBitsSet); // a mask, compared as bits (all-ones is a NaN)
        for (int i = full; i < logits.Length; i++)
        {
            double x = double.CreateTruncating(logits[i]);
            valid &= double.IsFinite(x);
            blockMax = Math.Max(blockMax, x);
        }

        if (!valid)
        {
            return FirstNonFinite(logits);
        }

        if (blockMax > Max)
        {
            if (!double.IsNegativeInfinity(Max))
            {
                double factor = ExpOfDifference(Max, blockMax);
                Below = (Below * factor) + (Ties * factor);
                Smoothing += (blockMax - Max) * weightSeen;
            }

            Max = blockMax;
            Ties = 0;
        }

        Vector512<double> shift = Vector512.Create(Max);
        Vector512<double> sum = Vector512<double>.Zero;
        Vector512<double> distance = Vector512<double>.Zero;
        ref double w = ref MemoryMarshal.GetReference(weights);
        for (int i = 0; i < full; i += lanes)
        {
            Vector512<double> x = Widen(ref z, i);
            Vector512<double> atMax = Vector512.Equals(x, shift);
            Ties += BitOperations.PopCount(atMax.ExtractMostSignificantBits());
            sum += Vector512.AndNot(RowKernel.ExpOfDifference(x, shift), atMax);
            if (smoothing)
            {
                Vector512<double> gap = shift - x;
                distance += weights.IsEmpty ? gap : Vector512.LoadUnsafe(ref w, (nuint)i) * gap;
            }
        }

        double blockSum = LaneSum(sum), blockDistance = LaneSum(distance);
        for (int i = full; i < logits.Length; i++)
        {
            double x = double.CreateTruncating(logits[i]);
            if (x == Max)
            {
                Ties++;
            }
            else
            {
                blockSum += ExpOfDifference(x, Max);
            }

            if (smoothing)
            {
                blockDistance += (weights.IsEmpty ? 1 : weights[i]) * (Max - x);
            }
        }

        Below += blockSum;
        Smoothing += blockDistance;
        if ((uint)target < (uint)logits.Length)
        {
            TargetLogit = double.CreateTruncating(logits[target]);
        }

        return -1;
    }

    /// <summary>
    /// Overwrites a block of the row's logits with its gradient g_c = α·e^{z_c − M} − β·w_c (the row's
    /// target entry is then set by the caller), rounded once to T.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveOptimization)]
    public readonly void WriteGradient<T>(Span<T> block, ReadOnlySpan<double> weights, double alpha, double beta)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        const int lanes = 8;
        int full = block.Length - (block.Length % lanes);
        ref T z = ref MemoryMarshal.GetReference(block);
        ref double w = ref MemoryMarshal.GetReference(weights);
        Vector512<double> shift = Vector512.Create(Max);
        Vector512<double> a = Vector512.Create(alpha);
        Vector512<double> b = Vector512.Create(beta);
        for (int i = 0; i < full; i += lanes)
        {
            Vector512<double> e = RowKernel.ExpOfDifference(Widen(ref z, i), shift);
            Vector512<double> weight = weights.IsEmpty ? Vector512<double>.One : Vector512.LoadUnsafe(ref w, (nuint)i);
            Narrow((a * e) - (b * weight), ref z, i);
        }

        for (int i = full; i < block.Length; i++)
        {
            double e = ExpOfDifference(double.CreateTruncating(block[i]), Max);
            block[i] = T.CreateTruncating((alpha * e) - (beta * (weights.IsEmpty ? 1 : weights[i])));
        }
    }

    /// <summary>e^{x − m} for x ≤ m with the bits of a lane of the vector exponential (the difference's rounding corrected).</summary>
    internal static double ExpOfDifference(double x, double m) =>
        RowKernel.ExpOfDifference(Vector512.Create(x), Vector512.Create(m)).ToScalar();

    /// <summary>The 8 entries at <paramref name="i"/> widened to double (exact).</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static Vector512<double> Widen<T>(ref T values, int i)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            return Vector512.LoadUnsafe(ref Unsafe.As<T, double>(ref values), (nuint)i);
        }

        return Vector512.WidenLower(Vector256.LoadUnsafe(ref Unsafe.As<T, float>(ref values), (nuint)i).ToVector512());
    }

    /// <summary>Stores 8 doubles at <paramref name="i"/>, rounded once to T.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static void Narrow<T>(Vector512<double> value, ref T destination, int i)
        where T : unmanaged
    {
        if (typeof(T) == typeof(double))
        {
            value.StoreUnsafe(ref Unsafe.As<T, double>(ref destination), (nuint)i);
            return;
        }

        Vector512.Narrow(value, Vector512<double>.Zero).GetLower().StoreUnsafe(ref Unsafe.As<T, float>(ref destination), (nuint)i);
    }

    /// <summary>Σ of the 8 lanes in the row kernel's fixed tree.</summary>
    private static double LaneSum(Vector512<double> v)
    {
        Vector256<double> h256 = v.GetLower() + v.GetUpper();
        Vector128<double> h128 = h256.GetLower() + h256.GetUpper();
        return h128.GetElement(0) + h128.GetElement(1);
    }

    private static int FirstNonFinite<T>(ReadOnlySpan<T> values)
        where T : IFloatingPointIeee754<T>
    {
        for (int i = 0; i < values.Length; i++)
        {
            if (!T.IsFinite(values[i]))
            {
                return i;
            }
        }

        return -1;
    }
}
