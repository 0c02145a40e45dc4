using System.Numerics.Tensors;
using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// What the max-shift costs: the library's stable float softmax against .NET's TensorPrimitives.SoftMax (which skips
/// the shift and returns NaN above 88.7) and the allocating textbook loop. Logits are in [−10, 10], where all three
/// are correct, so only speed differs. At τ = 0.7 it also measures what carrying the rounding of (x − max) / τ costs
/// (issue 19): the library's softmax against the path before that fix (<see cref="PreviousTemperatureSoftmax"/>) and
/// against itself at τ = 1.
/// </summary>
[MemoryDiagnoser]
public class SoftmaxBenchmarks
{
    private const double Temperature = 0.7;
    private float[] _logits = [];
    private float[] _destination = [];

    /// <summary>Vector length: a small classifier and a language-model vocabulary.</summary>
    [Params(1_000, 50_000)]
    public int Length { get; set; }

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _logits = Enumerable.Range(0, Length).Select(_ => (float)(random.NextDouble() * 20 - 10)).ToArray();
        _destination = new float[Length];
    }

    [Benchmark(Baseline = true, Description = "TensorPrimitives.SoftMax (no max-shift)")]
    public void TensorPrimitivesSoftMax() => TensorPrimitives.SoftMax(_logits, _destination);

    [Benchmark(Description = "StableMath.Softmax")]
    public void StableSoftmax() => StableMath.Softmax<float>(_logits, _destination);

    [Benchmark(Description = "StableMath.Softmax, τ = 0.7")]
    public void StableSoftmaxAtTemperature() => StableMath.Softmax<float>(_logits, _destination, Temperature);

    [Benchmark(Description = "StableMath.Softmax, τ = 0.7, before the fix")]
    public void PreviousSoftmaxAtTemperature() => PreviousTemperatureSoftmax.Softmax(_logits, _destination, Temperature);

    [Benchmark(Description = "StableMath.LogSoftmax")]
    public void StableLogSoftmax() => StableMath.LogSoftmax<float>(_logits, _destination);

    [Benchmark(Description = "Textbook.Softmax (scalar, allocates)")]
    public float[] TextbookSoftmax() => Textbook.Softmax<float>(_logits);
}
