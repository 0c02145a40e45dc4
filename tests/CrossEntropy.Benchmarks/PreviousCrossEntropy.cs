using System.Numerics.Tensors;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// The library's cross-entropy before the fused kernel (commit ee39462), kept only as a benchmark baseline for the
/// issue's "at most half of today's time" target: float, class-index targets, no weights or smoothing, mean. Per row:
/// TensorPrimitives.IndexOfMax (validation and maximum), then Σ_{i≠k} e^{x_i − x_k} in 128-entry chunks through a
/// zero-initialised stack buffer, then (x_k − x_y) + log1p(rest). The gradient: a softmax per row (Subtract, Exp, Sum,
/// Divide), the one-hot subtracted, then a last pass dividing the whole gradient by N.
/// </summary>
internal static class PreviousCrossEntropy
{
    private const int ChunkLength = 128;

    public static float Loss(ReadOnlySpan<float> logits, int classCount, ReadOnlySpan<int> targets)
    {
        float total = 0;
        for (int r = 0; r < targets.Length; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * classCount, classCount);
            int k = IndexOfMaxLogit(row);
            float rest = SumExpShifted(row[..k], row[k]) + SumExpShifted(row[(k + 1)..], row[k]);
            total += (row[k] - row[targets[r]]) + StableMath.LogP1(rest);
        }

        return total / targets.Length;
    }

    public static void Gradient(ReadOnlySpan<float> logits, int classCount, ReadOnlySpan<int> targets, Span<float> gradient)
    {
        for (int r = 0; r < targets.Length; r++)
        {
            ReadOnlySpan<float> row = logits.Slice(r * classCount, classCount);
            Span<float> g = gradient.Slice(r * classCount, classCount);
            int k = IndexOfMaxLogit(row);
            TensorPrimitives.Subtract(row, row[k], g);
            TensorPrimitives.Exp(g, g);
            TensorPrimitives.Divide(g, TensorPrimitives.Sum(g), g);
            TensorPrimitives.Multiply(g, 1f, g);
            g[targets[r]] -= 1;
        }

        TensorPrimitives.Divide(gradient, targets.Length, gradient);
    }

    private static int IndexOfMaxLogit(ReadOnlySpan<float> row)
    {
        int k = TensorPrimitives.IndexOfMax(row);
        return float.IsNaN(row[k]) || float.IsPositiveInfinity(row[k])
            ? throw new ArgumentException($"logits[{k}] is not a valid logit.", nameof(row))
            : k;
    }

    private static float SumExpShifted(ReadOnlySpan<float> x, float shift)
    {
        Span<float> buffer = stackalloc float[ChunkLength];
        float sum = 0;
        for (int start = 0; start < x.Length; start += ChunkLength)
        {
            ReadOnlySpan<float> chunk = x.Slice(start, Math.Min(ChunkLength, x.Length - start));
            Span<float> scratch = buffer[..chunk.Length];
            TensorPrimitives.Subtract(chunk, shift, scratch);
            TensorPrimitives.Exp(scratch, scratch);
            sum += TensorPrimitives.Sum<float>(scratch);
        }

        return sum;
    }
}
