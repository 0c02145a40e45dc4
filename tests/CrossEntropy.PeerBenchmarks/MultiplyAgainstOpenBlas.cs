using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;

namespace CrossEntropy.PeerBenchmarks;

/// <summary>
/// The library's MatrixMultiply against OpenBLAS's sgemm, float, one thread each, at the square size of the main
/// benchmarks and at the fused loss's first product h·Wᵀ (N × d by V × d, transposed) for both issue-19 sizes.
/// </summary>
[MemoryDiagnoser]
public class MultiplyAgainstOpenBlas
{
    private float[] _a = [];
    private float[] _b = [];
    private float[] _c = [];

    /// <summary>(m, n, k): C is m × n, the inner dimension k.</summary>
    public static IEnumerable<(int M, int N, int K)> Shapes => [(512, 512, 512), (1024, 32000, 512), (256, 128000, 1024)];

    [ParamsSource(nameof(Shapes))]
    public (int M, int N, int K) Shape { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        OpenBlas.SetThreadCount(1);
        var random = new Random(42);
        _a = Enumerable.Range(0, Shape.M * Shape.K).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _b = Enumerable.Range(0, Shape.N * Shape.K).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
        _c = new float[Shape.M * Shape.N];
    }

    [Benchmark(Baseline = true, Description = "MatrixMultiply (this library)")]
    public float Library()
    {
        MatrixMultiply.Multiply<float>(_a, false, _b, true, _c, Shape.M, Shape.N, Shape.K);
        return _c[0];
    }

    [Benchmark(Description = "OpenBLAS sgemm, 1 thread")]
    public float OpenBlasSgemm()
    {
        OpenBlas.Multiply(_a, _b, transposeB: true, _c, Shape.M, Shape.N, Shape.K);
        return _c[0];
    }
}
