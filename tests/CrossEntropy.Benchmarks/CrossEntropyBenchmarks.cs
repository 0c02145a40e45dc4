using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// Cross-entropy of a batch of 32 rows over a vocabulary: the loss alone (one log-sum-exp per row) against the loss
/// through log-softmax rows plus NLL (what a two-step pipeline does), and the gradient (a softmax per row).
/// </summary>
[MemoryDiagnoser]
public class CrossEntropyBenchmarks
{
    private const int Rows = 32;
    private float[] _logits = [];
    private float[] _scratch = [];
    private int[] _targets = [];

    /// <summary>Classes per row.</summary>
    [Params(1_000, 50_000)]
    public int Classes { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _logits = Enumerable.Range(0, Rows * Classes).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        _scratch = new float[Rows * Classes];
        _targets = Enumerable.Range(0, Rows).Select(_ => random.Next(Classes)).ToArray();
    }

    [Benchmark(Baseline = true, Description = "Losses.CrossEntropy (from logits)")]
    public float FromLogits() => Losses.CrossEntropy<float>(_logits, Classes, _targets);

    [Benchmark(Description = "LogSoftmaxRows + NllLoss")]
    public float TwoStep()
    {
        StableMath.LogSoftmaxRows<float>(_logits, Classes, _scratch);
        return Losses.NllLoss<float>(_scratch, Classes, _targets);
    }

    [Benchmark(Description = "Losses.CrossEntropyGradient")]
    public void Gradient() => Losses.CrossEntropyGradient<float>(_logits, Classes, _targets, _scratch);
}
