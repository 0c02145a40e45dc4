using System.Numerics;
using System.Numerics.Tensors;

namespace CrossEntropy.Numerics;

/// <summary>
/// Numerically stable softmax family: log-sum-exp, softmax and log-softmax (this file), sigmoid, log-sigmoid and
/// softplus (StableMath.Sigmoid.cs). Correct for every finite input — no overflow at 1e4 in float or 1e300 in double —
/// and for −∞ entries, which act as masks (probability 0, log-probability −∞).
/// </summary>
/// <remarks>
/// <para>Span methods follow System.Numerics.Tensors.TensorPrimitives: input as <see cref="ReadOnlySpan{T}"/>, result
/// written into a destination span of the same length (which may be the input itself, see Aliasing), no allocation. The exponentials and sums are the row kernel's
/// (RowKernel.cs, the same engine as the losses): its own exponential, sums in the fixed lanes of a 512-bit vector,
/// compensated and added in double, so every result has the same bits whatever the SIMD width, the memory alignment
/// or the run, and a sum over 200,000 classes loses no more than one over 20; the elementwise steps of log-softmax
/// (shift, division by τ) and the division by the sum are TensorPrimitives', one rounding per entry. Array-returning overloads exist for notebooks.</para>
/// <para>Logits: NaN or +∞ anywhere throws <see cref="ArgumentException"/> naming the index (and row and class for
/// a batch). A row whose entries are all −∞ has no distribution: its softmax and log-softmax are NaN (0/0, as in
/// PyTorch) and its log-sum-exp is −∞.</para>
/// <para>Temperature τ: the functions act on x / τ; τ must be finite and &gt; 0, any double (5e−324 to 1.8e308) for
/// float input as well: τ is never narrowed to T. It is applied as τ = s·2^e with s ∈ [1, 2) and e an integer:
/// (x_i − max) is divided by s (rounded to T) and scaled by 2^−e exactly, so (x_i − max) / τ underflows or overflows
/// only when the true quotient does (LogSumExp&lt;float&gt;([1e38, 1e38], τ = 1e300) = ln 2,
/// LogSumExp&lt;float&gt;([1e−30, 0], τ = 1e−50) = 1e20). When x_i − max itself could overflow (max within
/// a factor 2^53 of MaxValue, double; 2^24, float) both are halved first, which is exact at that magnitude:
/// LogSoftmax&lt;double&gt;([1e308, −1e308], τ = 3) = [0, −6.67e307]. The exponentials (softmax, and the sums inside
/// log-softmax and log-sum-exp) do not use that rounded quotient: the row kernel forms (x_i − max) / τ as a rounded
/// value plus its error, both roundings (of the difference and of the quotient) carried into the exponential's
/// reduced argument (RowKernel.ExpOfQuotient), so a softmax entry far below the maximum is as accurate at τ ≠ 1 as
/// at τ = 1, within 4 ulps of the exact value. Log-softmax entries keep the rounded quotient, which is within an ulp
/// or two of themselves. τ → 0 approaches argmax (one-hot), τ → ∞ approaches uniform.</para>
/// <para>Aliasing: the destination of Softmax, LogSoftmax, SoftmaxRows, LogSoftmaxRows and the element-wise methods
/// may be the input itself (same start and length); any other overlap throws <see cref="ArgumentException"/> naming
/// destination. LogSumExpRows' destination (length N) must not overlap x at all.</para>
/// </remarks>
public static partial class StableMath
{
    /// <summary>
    /// Log-sum-exp: LSE(x) = log Σ_i exp(x_i / τ), computed as m + log1p(Σ_{i≠k} exp((x_i − x_k) / τ)), with k the index
    /// of the maximum and m = x_k / τ, so no exponential exceeds 1.
    /// </summary>
    /// <remarks>
    /// max(x)/τ ≤ LSE ≤ max(x)/τ + log n. Empty x: −∞ (log of an empty sum). All entries −∞: −∞.
    /// LSE with temperature is the log-normaliser of softmax(x / τ), i.e. LogSumExp(x / τ).
    /// </remarks>
    /// <exception cref="ArgumentException">An entry is NaN or +∞.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is not finite and &gt; 0.</exception>
    public static T LogSumExp<T>(ReadOnlySpan<T> x, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.Temperature(temperature);
        return x.IsEmpty ? T.NegativeInfinity : LogSumExpCore(x, RowKernel.Max(x, nameof(x), 0, 0), new TemperatureScale<T>(temperature));
    }

    /// <summary>Softmax: σ(x)_i = exp(x_i / τ) / Σ_j exp(x_j / τ), computed as exp((x_i − max x) / τ) / Σ_j exp((x_j − max x) / τ).</summary>
    /// <remarks>
    /// Shift-invariant: σ(x + c) = σ(x). Entries are in [0, 1] and sum to 1 (within rounding). −∞ entries get 0.
    /// All −∞: NaN. Empty x: nothing is written. Subtracting the maximum makes the largest exponential exactly 1,
    /// so nothing overflows and the denominator is at least 1.
    /// </remarks>
    /// <param name="x">The logits.</param>
    /// <param name="destination">Receives the probabilities; same length as <paramref name="x"/>, may be <paramref name="x"/> itself.</param>
    /// <param name="temperature">τ &gt; 0; 1 when omitted.</param>
    /// <exception cref="ArgumentException">An entry is NaN or +∞, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is not finite and &gt; 0.</exception>
    public static void Softmax<T>(ReadOnlySpan<T> x, Span<T> destination, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ForVector(x, destination, temperature, SoftmaxCore);

    /// <summary>Softmax of <paramref name="x"/> as a new array; see <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T}, double)"/>.</summary>
    public static T[] Softmax<T>(ReadOnlySpan<T> x, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        NewArray(x, temperature, SoftmaxCore);

    /// <summary>
    /// Log-softmax: log σ(x)_i = x_i / τ − LSE(x / τ), computed directly (never as log of softmax, which gives −∞ once a
    /// probability underflows: log-softmax([1000, 1]) = [0, −999] while log(softmax) = [0, −∞]).
    /// </summary>
    /// <remarks>Entries are ≤ 0; −∞ entries stay −∞. All −∞: NaN. Empty x: nothing is written.</remarks>
    /// <exception cref="ArgumentException">An entry is NaN or +∞, or the lengths differ.</exception>
    /// <exception cref="ArgumentOutOfRangeException">τ is not finite and &gt; 0.</exception>
    public static void LogSoftmax<T>(ReadOnlySpan<T> x, Span<T> destination, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ForVector(x, destination, temperature, LogSoftmaxCore);

    /// <summary>Log-softmax of <paramref name="x"/> as a new array; see <see cref="LogSoftmax{T}(ReadOnlySpan{T}, Span{T}, double)"/>.</summary>
    public static T[] LogSoftmax<T>(ReadOnlySpan<T> x, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        NewArray(x, temperature, LogSoftmaxCore);

    /// <summary>Row-wise softmax of a batch: <paramref name="x"/> is N × C, row-major, C = <paramref name="classCount"/>.</summary>
    /// <remarks>Each row as in <see cref="Softmax{T}(ReadOnlySpan{T}, Span{T}, double)"/>; errors name the flat index, row and class.</remarks>
    /// <exception cref="ArgumentException">Empty x, length not a multiple of C, a NaN or +∞ entry, or destination length ≠ x length.</exception>
    public static void SoftmaxRows<T>(ReadOnlySpan<T> x, int classCount, Span<T> destination, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ForEachRow(x, classCount, destination, temperature, SoftmaxCore);

    /// <summary>Row-wise log-softmax of an N × C row-major batch; see <see cref="SoftmaxRows{T}"/>.</summary>
    public static void LogSoftmaxRows<T>(ReadOnlySpan<T> x, int classCount, Span<T> destination, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T> =>
        ForEachRow(x, classCount, destination, temperature, LogSoftmaxCore);

    /// <summary>Row-wise log-sum-exp of an N × C row-major batch into <paramref name="destination"/> of length N.</summary>
    public static void LogSumExpRows<T>(ReadOnlySpan<T> x, int classCount, Span<T> destination, double temperature = 1.0)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = Guard.Rows(x, classCount, nameof(x));
        if (destination.Length != rows)
        {
            throw new ArgumentException(
                $"destination has length {destination.Length} but x has {rows} rows; they must be equal.", nameof(destination));
        }

        Guard.NoOverlap(x, destination, nameof(destination));
        Guard.Temperature(temperature);
        var tau = new TemperatureScale<T>(temperature);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * classCount, classCount);
            destination[r] = LogSumExpCore(row, RowKernel.Max(row, nameof(x), r * classCount, classCount), tau);
        }
    }

    /// <summary>Log-sum-exp of a non-empty, validated row whose maximum is <paramref name="max"/>: max/τ + log1p(rest), added in double.</summary>
    private static T LogSumExpCore<T>(ReadOnlySpan<T> x, T max, TemperatureScale<T> temperature)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNegativeInfinity(max))
        {
            return T.NegativeInfinity;
        }

        return T.CreateChecked(double.CreateChecked(temperature.Divide(max)) + LogOfSumExpShifted(x, max, temperature));
    }

    /// <summary>
    /// log Σ_i exp((x_i − max) / τ) = log1p(Σ_{i≠k} …), in double: the terms equal to 1 are counted and one of them left
    /// out, which keeps small tails accurate. The exponentials and the sum are the row kernel's (fixed lanes,
    /// compensated), through a stack buffer so nothing is allocated and x is only read.
    /// </summary>
    [System.Runtime.CompilerServices.SkipLocalsInit] // the stack buffer is written before it is read
    private static double LogOfSumExpShifted<T>(ReadOnlySpan<T> x, T max, TemperatureScale<T> temperature)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Span<T> buffer = stackalloc T[RowKernel.ChunkLength];
        var sum = default(RowKernel.LaneSum<T>);
        int ties = 0;
        var constants = new RowKernel.Temperature<T>(temperature.Value, max);
        for (int start = 0; start < x.Length; start += buffer.Length)
        {
            ReadOnlySpan<T> chunk = x.Slice(start, Math.Min(buffer.Length, x.Length - start));
            Span<T> scratch = buffer[..chunk.Length];
            RowKernel.ExpShifted(chunk, max, constants, scratch, ref sum, ref ties);
        }

        return LogP1(sum.Total() + (ties - 1));
    }

    private delegate void RowOperation<T>(ReadOnlySpan<T> row, Span<T> destination, T max, TemperatureScale<T> temperature)
        where T : unmanaged, IFloatingPointIeee754<T>;

    private static void ForVector<T>(ReadOnlySpan<T> x, Span<T> destination, double temperature, RowOperation<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        Guard.DestinationLength(x, destination, nameof(destination));
        Guard.SameOrNoOverlap(x, destination, nameof(destination));
        Guard.Temperature(temperature);
        if (!x.IsEmpty)
        {
            kernel(x, destination, RowKernel.Max(x, nameof(x), 0, 0), new TemperatureScale<T>(temperature));
        }
    }

    private static T[] NewArray<T>(ReadOnlySpan<T> x, double temperature, RowOperation<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        var result = new T[x.Length];
        ForVector(x, result, temperature, kernel);
        return result;
    }

    private static void ForEachRow<T>(
        ReadOnlySpan<T> x, int classCount, Span<T> destination, double temperature, RowOperation<T> kernel)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        int rows = Guard.Rows(x, classCount, nameof(x));
        Guard.DestinationLength(x, destination, nameof(destination));
        Guard.SameOrNoOverlap(x, destination, nameof(destination));
        Guard.Temperature(temperature);
        var tau = new TemperatureScale<T>(temperature);
        for (int r = 0; r < rows; r++)
        {
            ReadOnlySpan<T> row = x.Slice(r * classCount, classCount);
            kernel(row, destination.Slice(r * classCount, classCount), RowKernel.Max(row, nameof(x), r * classCount, classCount), tau);
        }
    }

    /// <summary>
    /// Softmax of a non-empty, validated row whose maximum is <paramref name="max"/>: z = (x − max) / τ, e = e^z by the row
    /// kernel's exponential with S = Σ e in its fixed, compensated lanes, then e / S: every step elementwise or in lanes
    /// fixed by the data, so the bits are the same on every machine.
    /// </summary>
    private static void SoftmaxCore<T>(ReadOnlySpan<T> x, Span<T> destination, T max, TemperatureScale<T> temperature)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNegativeInfinity(max))
        {
            destination.Fill(T.NaN);
            return;
        }

        var sum = default(RowKernel.LaneSum<T>);
        int ties = 0;
        RowKernel.ExpShifted(x, max, new RowKernel.Temperature<T>(temperature.Value, max), destination, ref sum, ref ties);
        TensorPrimitives.Divide(destination, T.CreateChecked(sum.Total() + ties), destination);
    }

    private static void LogSoftmaxCore<T>(ReadOnlySpan<T> x, Span<T> destination, T max, TemperatureScale<T> temperature)
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        if (T.IsNegativeInfinity(max))
        {
            destination.Fill(T.NaN);
            return;
        }

        // The normaliser must be read before destination is written: destination may alias x.
        T logNormaliser = T.CreateChecked(LogOfSumExpShifted(x, max, temperature));
        temperature.ShiftAndDivide(x, max, destination);
        TensorPrimitives.Subtract(destination, logNormaliser, destination);
    }

    /// <summary>
    /// A temperature τ = s·2^e (s ∈ [1, 2) rounded to T, e an integer) applied to differences x − max of T values, so
    /// a double τ of any size works for float input: dividing by s cannot overflow or underflow, and the exact scaling
    /// by 2^−e lands on ±∞ or 0 only where the true quotient does.
    /// </summary>
    private readonly struct TemperatureScale<T>
        where T : unmanaged, IFloatingPointIeee754<T>
    {
        private readonly T _significand;
        private readonly int _exponent;

        public TemperatureScale(double temperature)
        {
            Value = temperature;
            _exponent = Math.ILogB(temperature);
            _significand = T.CreateChecked(Math.ScaleB(temperature, -_exponent));
        }

        public static TemperatureScale<T> One => new(1.0);

        /// <summary>τ itself, for the row kernel's exponentials (which form (x − max) / τ with its rounding corrected).</summary>
        public double Value { get; }

        /// <summary>v / τ.</summary>
        public T Divide(T v)
        {
            int lift = Lift(-_exponent);
            return T.ScaleB(T.ScaleB(v, lift) / _significand, -_exponent - lift);
        }

        /// <summary>
        /// destination_i = (x_i − max) / τ. When max is within a factor 2^p of MaxValue (p = T's precision), x_i − max can
        /// exceed MaxValue, so both are halved first (exact there: such x_i − max is far above the subnormal range)
        /// and the factor 2 is folded into the exact power-of-two scaling.
        /// </summary>
        public void ShiftAndDivide(ReadOnlySpan<T> x, T max, Span<T> destination)
        {
            int scale = -_exponent;
            if (T.Abs(max) >= RowKernel.HalfUlpOfMaxValue<T>())
            {
                T half = T.CreateChecked(0.5);
                TensorPrimitives.Multiply(x, half, destination);
                TensorPrimitives.Subtract(destination, max * half, destination);
                scale++;
            }
            else
            {
                TensorPrimitives.Subtract(x, max, destination);
            }

            if (_significand == T.One)
            {
                ScaleBy(destination, scale);
                return;
            }

            int lift = Lift(scale);
            ScaleBy(destination, lift);
            TensorPrimitives.Divide(destination, _significand, destination);
            ScaleBy(destination, scale - lift);
        }

        /// <summary>
        /// How much of an upward scaling 2^scale to apply before dividing by s: enough to lift a subnormal difference
        /// into the normal range, so the division keeps every bit (64 ≥ the precision of float and double), and one
        /// less than the whole, so the lifted value stays below the final one (s &lt; 2) and overflows only if it does.
        /// </summary>
        private static int Lift(int scale) => Math.Clamp(scale - 1, 0, 64);

        /// <summary>
        /// values ← values·2^scale exactly, in steps whose factor is a normal T (TensorPrimitives.ScaleB multiplies by
        /// 2^n formed in T, which is ∞ or 0 for |n| beyond T's exponent range, giving 0·∞ = NaN). Each step moves every
        /// value the same way, so an intermediate ∞ or 0 is the final result too.
        /// </summary>
        private static void ScaleBy(Span<T> values, int scale)
        {
            int maxExponent = T.ILogB(T.BitDecrement(T.PositiveInfinity));
            while (scale != 0)
            {
                int step = Math.Clamp(scale, 1 - maxExponent, maxExponent);
                TensorPrimitives.Multiply(values, T.ScaleB(T.One, step), values);
                scale -= step;
            }
        }
    }
}
