using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// The fused linear cross-entropy (float, one thread) at the two language-model shapes, against the time of the
/// three products it needs (h·Wᵀ, G·W, Gᵀ·h) computed once each by the same <see cref="MatrixMultiply"/>, and against
/// the materialised path (the N × V logits, the class-index loss and its gradient, then the two products).
/// Inputs uniform in [−1, 1] / √d (logits of order 1), seeded. <see cref="FusedTargetReport"/> turns one run into the targets.
/// </summary>
[MemoryDiagnoser]
public class FusedLinearBenchmarks
{
    private float[] _hidden = [];
    private float[] _weight = [];
    private int[] _targets = [];
    private float[] _hiddenGradient = [];
    private float[] _weightGradient = [];
    private float[] _logits = [];

    /// <summary>(N, d, V): a LLaMA-sized vocabulary at 1,024 tokens, a Llama-3-sized one at 256 tokens.</summary>
    public static IEnumerable<LinearShape> Shapes { get; } = [new(1_024, 512, 32_000), new(256, 1_024, 128_000)];

    [ParamsSource(nameof(Shapes))]
    public LinearShape Shape { get; set; } = new(1, 1, 1);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        float scale = 1 / MathF.Sqrt(Shape.Size);
        float Next() => (float)((random.NextDouble() * 2) - 1) * scale;
        _hidden = Enumerable.Range(0, Shape.Rows * Shape.Size).Select(_ => Next()).ToArray();
        _weight = new float[(long)Shape.Classes * Shape.Size];
        for (int i = 0; i < _weight.Length; i++)
        {
            _weight[i] = Next() * MathF.Sqrt(Shape.Size);
        }

        _targets = Enumerable.Range(0, Shape.Rows).Select(_ => random.Next(Shape.Classes)).ToArray();
        _hiddenGradient = new float[_hidden.Length];
        _weightGradient = new float[_weight.Length];
        _logits = new float[(long)Shape.Rows * Shape.Classes]; // only the products and the materialised path use it
    }

    /// <summary>The three products once each, by the same kernel: logits = h·Wᵀ, ∂L/∂h = G·W, ∂L/∂W = Gᵀ·h.</summary>
    [Benchmark(Description = "three products (h·Wᵀ, G·W, Gᵀ·h)")]
    public float Products()
    {
        int n = Shape.Rows, d = Shape.Size, v = Shape.Classes;
        MatrixMultiply.Multiply<float>(_hidden, false, _weight, true, _logits, n, v, d);
        MatrixMultiply.Multiply<float>(_logits, false, _weight, false, _hiddenGradient, n, d, v);
        MatrixMultiply.Multiply<float>(_logits, true, _hidden, false, _weightGradient, v, d, n);
        return _hiddenGradient[0] + _weightGradient[0];
    }

    /// <summary>The fused loss alone (one product's worth of work plus the exponentials).</summary>
    [Benchmark(Description = "fused loss")]
    public float FusedLoss() => Losses.LinearCrossEntropy<float>(_hidden, _weight, [], Shape.Size, _targets);

    /// <summary>The fused loss and both gradients, the N × V logits never held.</summary>
    [Benchmark(Description = "fused loss + gradients")]
    public float Fused() =>
        Losses.LinearCrossEntropyGradient<float>(_hidden, _weight, [], Shape.Size, _targets, _hiddenGradient, _weightGradient, []);

    /// <summary>Materialised: the N × V logits, the class-index loss, its gradient written over the logits, then both products.</summary>
    [Benchmark(Description = "materialised logits + loss + gradients")]
    public float Materialised()
    {
        int n = Shape.Rows, d = Shape.Size, v = Shape.Classes;
        Losses.LinearLogits<float>(_hidden, _weight, [], d, _logits);
        float loss = Losses.CrossEntropy<float>(_logits, v, _targets);
        Losses.CrossEntropyGradient<float>(_logits, v, _targets, _logits);
        MatrixMultiply.Multiply<float>(_logits, false, _weight, false, _hiddenGradient, n, d, v);
        MatrixMultiply.Multiply<float>(_logits, true, _hidden, false, _weightGradient, v, d, n);
        return loss;
    }
}

/// <summary>A language-model head: N tokens, hidden size d, V classes.</summary>
public sealed record LinearShape(int Rows, int Size, int Classes)
{
    /// <summary>Bytes of the N × V float logits the fused loss never holds.</summary>
    public long LogitBytes => (long)Rows * Classes * sizeof(float);

    public override string ToString() => $"(N, d, V) = ({Rows:N0}, {Size:N0}, {Classes:N0})";
}
