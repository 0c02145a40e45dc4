using System.Numerics.Tensors;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// The float softmax at τ ≠ 1 before issue 19's temperature fix (commit 6925f43), kept only as a benchmark baseline:
/// (x − max) / τ formed and rounded in float by TensorPrimitives passes (subtract, divide by the significand s of
/// τ = s·2^e, multiply by 2^−e; the exact scaling steps the library took for subnormal or huge quotients are left out,
/// as they do nothing at τ = 0.7), then the row kernel's exponential of that rounded quotient, then the division by
/// the sum.
/// </summary>
internal static class PreviousTemperatureSoftmax
{
    public static void Softmax(ReadOnlySpan<float> x, Span<float> destination, double temperature)
    {
        float max = RowKernel.Max(x, nameof(x), 0, 0);
        int exponent = Math.ILogB(temperature);
        TensorPrimitives.Subtract(x, max, destination);
        TensorPrimitives.Divide(destination, (float)Math.ScaleB(temperature, -exponent), destination);
        TensorPrimitives.Multiply(destination, MathF.ScaleB(1f, -exponent), destination);
        var sum = default(RowKernel.LaneSum<float>);
        int ties = 0;
        RowKernel.ExpShifted(destination, 0f, new RowKernel.Temperature<float>(1, 0f), destination, ref sum, ref ties);
        TensorPrimitives.Divide(destination, (float)(sum.Total() + ties), destination);
    }
}
