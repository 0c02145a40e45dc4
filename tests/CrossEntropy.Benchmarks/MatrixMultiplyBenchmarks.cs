using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;
using MathNet.Numerics.LinearAlgebra;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// One float product C = A·Bᵀ (the logits' shape: both operands have the inner dimension contiguous), single thread:
/// the library's <see cref="MatrixMultiply"/>, MathNet.Numerics' managed provider, one TensorPrimitives.Dot per entry
/// (what a .NET user would write with the runtime's own SIMD), and a naive triple loop.
/// </summary>
[MemoryDiagnoser]
public class MatrixMultiplyBenchmarks
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];
    private Matrix<float> _mathNetA = null!;
    private Matrix<float> _mathNetBTransposed = null!;
    private Matrix<float> _mathNetC = null!;

    /// <summary>m = n = k, a square product of 2·size³ flops.</summary>
    [Params(512)]
    public int Size { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        global::MathNet.Numerics.Control.UseSingleThread();
        global::MathNet.Numerics.Control.UseManaged();
        var random = new Random(42);
        _a = Enumerable.Range(0, Size * Size).Select(_ => (float)random.NextDouble()).ToArray();
        _b = Enumerable.Range(0, Size * Size).Select(_ => (float)random.NextDouble()).ToArray();
        _c = new float[Size * Size];
        _mathNetA = Matrix<float>.Build.Dense(Size, Size, (i, k) => _a[(i * Size) + k]);
        _mathNetBTransposed = Matrix<float>.Build.Dense(Size, Size, (k, j) => _b[(j * Size) + k]);
        _mathNetC = Matrix<float>.Build.Dense(Size, Size);
    }

    [Benchmark(Baseline = true, Description = "MatrixMultiply (this library)")]
    public float Library()
    {
        MatrixMultiply.Multiply<float>(_a, false, _b, true, _c, Size, Size, Size);
        return _c[0];
    }

    [Benchmark(Description = "MathNet.Numerics managed")]
    public float MathNet()
    {
        _mathNetA.Multiply(_mathNetBTransposed, _mathNetC);
        return _mathNetC[0, 0];
    }

    [Benchmark(Description = "TensorPrimitives.Dot per entry")]
    public float DotPerEntry()
    {
        for (int i = 0; i < Size; i++)
        {
            ReadOnlySpan<float> row = _a.AsSpan(i * Size, Size);
            for (int j = 0; j < Size; j++)
            {
                _c[(i * Size) + j] = TensorPrimitives.Dot(row, _b.AsSpan(j * Size, Size));
            }
        }

        return _c[0];
    }

    [Benchmark(Description = "naive triple loop")]
    public float Naive()
    {
        for (int i = 0; i < Size; i++)
        {
            for (int j = 0; j < Size; j++)
            {
                float sum = 0;
                for (int k = 0; k < Size; k++)
                {
                    sum += _a[(i * Size) + k] * _b[(j * Size) + k];
                }

                _c[(i * Size) + j] = sum;
            }
        }

        return _c[0];
    }
}
