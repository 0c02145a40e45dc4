using System.Numerics.Tensors;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using System.Runtime.Intrinsics;
using BenchmarkDotNet.Attributes;
using CrossEntropy.Numerics;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// Cross-entropy over a batch of logits (float, single thread unless the name says parallel) at the four shapes,
/// against its baselines: one exp-and-sum pass over the logits (the bound), the stable TensorPrimitives composition a
/// .NET user would write, the textbook pipeline and the library's previous implementation. Logits are uniform in
/// [−10, 10], seeded. <see cref="TargetReport"/> turns one run into the target ratios.
/// </summary>
[MemoryDiagnoser]
public class LargeVocabularyBenchmarks
{
    private float[] _logits = [];
    private float[] _gradient = [];
    private float[] _scratch = [];
    private int[] _targets = [];
    private static readonly CrossEntropyOptions TwoThreads = new() { MaxDegreeOfParallelism = 2 };

    /// <summary>N × C: a small classifier, an ImageNet-sized batch, a LLaMA-sized and a Llama-3-sized vocabulary.</summary>
    public static IEnumerable<Shape> Shapes { get; } =
        [new(64, 10), new(4_096, 1_000), new(1_024, 32_000), new(64, 128_000)];

    [ParamsSource(nameof(Shapes))]
    public Shape Shape { get; set; } = new(1, 1);

    [GlobalSetup]
    public void Setup()
    {
        var random = new Random(42);
        _logits = new float[Shape.Rows * Shape.Classes];
        for (int i = 0; i < _logits.Length; i++)
        {
            _logits[i] = (float)((random.NextDouble() * 20) - 10);
        }

        _gradient = new float[_logits.Length];
        _scratch = new float[Shape.Classes];
        _targets = Enumerable.Range(0, Shape.Rows).Select(_ => random.Next(Shape.Classes)).ToArray();
    }

    /// <summary>Σ_i e^{x_i} per row in one pass with .NET's Vector512.Exp: no maximum, no validation, nothing stored.</summary>
    [Benchmark(Description = "bound: one Exp + Sum pass (Vector512.Exp)")]
    public float Bound() => ExpSumPass<DotNetExp>();

    /// <summary>One read of the logits: TensorPrimitives.Sum over each row, the floor issue 19's targets are measured against.</summary>
    [Benchmark(Description = "one read: TensorPrimitives.Sum per row")]
    public float SumPass()
    {
        int classes = Shape.Classes;
        float total = 0;
        for (int r = 0; r < Shape.Rows; r++)
        {
            total += TensorPrimitives.Sum<float>(_logits.AsSpan(r * classes, classes));
        }

        return total;
    }

    /// <summary>The same pass with the kernel's own exponential: how much the kernel adds to its own arithmetic.</summary>
    [Benchmark(Description = "one Exp + Sum pass (kernel's exp)")]
    public float KernelExpBound() => ExpSumPass<KernelExp>();

    /// <summary>Per row: Max, Subtract, Exp, Sum (TensorPrimitives), loss = log Σ − (x_y − max).</summary>
    [Benchmark(Description = "TensorPrimitives composition")]
    public float Composition()
    {
        int classes = Shape.Classes;
        float total = 0;
        for (int r = 0; r < Shape.Rows; r++)
        {
            ReadOnlySpan<float> row = _logits.AsSpan(r * classes, classes);
            float max = TensorPrimitives.Max(row);
            TensorPrimitives.Subtract(row, max, _scratch);
            TensorPrimitives.Exp(_scratch, _scratch);
            total += MathF.Log(TensorPrimitives.Sum<float>(_scratch)) - (row[_targets[r]] - max);
        }

        return total / Shape.Rows;
    }

    /// <summary>The naive pipeline: every row's softmax materialised (N × C probabilities), then −log q_y.</summary>
    [Benchmark(Description = "textbook pipeline")]
    public float TextbookPipeline()
    {
        int classes = Shape.Classes;
        var probabilities = new float[Shape.Rows][];
        for (int r = 0; r < Shape.Rows; r++)
        {
            probabilities[r] = Textbook.Softmax<float>(_logits.AsSpan(r * classes, classes));
        }

        float total = 0;
        for (int r = 0; r < Shape.Rows; r++)
        {
            total -= MathF.Log(probabilities[r][_targets[r]]);
        }

        return total / Shape.Rows;
    }

    [Benchmark(Description = "previous Losses.CrossEntropy")]
    public float Previous() => PreviousCrossEntropy.Loss(_logits, Shape.Classes, _targets);

    [Benchmark(Description = "previous CrossEntropyGradient")]
    public void PreviousGradient() => PreviousCrossEntropy.Gradient(_logits, Shape.Classes, _targets, _gradient);

    [Benchmark(Baseline = true, Description = "Losses.CrossEntropy (fused)")]
    public float Forward() => Losses.CrossEntropy<float>(_logits, Shape.Classes, _targets);

    [Benchmark(Description = "Losses.CrossEntropyGradient (fused)")]
    public void ForwardAndGradient() => Losses.CrossEntropyGradient<float>(_logits, Shape.Classes, _targets, _gradient);

    [Benchmark(Description = "Losses.CrossEntropy, 2 threads")]
    public float ForwardParallel() => Losses.CrossEntropy<float>(_logits, Shape.Classes, _targets, options: TwoThreads);

    [Benchmark(Description = "Losses.CrossEntropyGradient, 2 threads")]
    public void ForwardAndGradientParallel() =>
        Losses.CrossEntropyGradient<float>(_logits, Shape.Classes, _targets, _gradient, options: TwoThreads);

    private float ExpSumPass<TExp>()
        where TExp : IVectorExp
    {
        int classes = Shape.Classes;
        int fullLength = classes - (classes % Vector512<float>.Count);
        float total = 0;
        for (int r = 0; r < Shape.Rows; r++)
        {
            ReadOnlySpan<float> row = _logits.AsSpan(r * classes, classes);
            ref float start = ref MemoryMarshal.GetReference(row);
            Vector512<float> sum = Vector512<float>.Zero;
            for (int i = 0; i < fullLength; i += Vector512<float>.Count)
            {
                sum += TExp.Exp(Vector512.LoadUnsafe(ref start, (nuint)i));
            }

            if (fullLength < classes)
            {
                // The tail padded with −∞ (a term of 0), as the kernel does.
                Vector512<float> tail = Vector512.Create(float.NegativeInfinity);
                row[fullLength..].CopyTo(MemoryMarshal.CreateSpan(ref Unsafe.As<Vector512<float>, float>(ref tail), Vector512<float>.Count));
                sum += TExp.Exp(tail);
            }

            total += Vector512.Sum(sum);
        }

        return total;
    }
}

/// <summary>A batch shape, N rows of C classes.</summary>
public sealed record Shape(int Rows, int Classes)
{
    public override string ToString() => $"{Rows:N0} × {Classes:N0}";
}

/// <summary>An exponential for the bound, as a static member so that the loop inlines it (a delegate would not be).</summary>
public interface IVectorExp
{
    static abstract Vector512<float> Exp(Vector512<float> x);
}

/// <summary>.NET's own vector exponential.</summary>
public readonly struct DotNetExp : IVectorExp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => Vector512.Exp(x);
}

/// <summary>The fused kernel's exponential (exact to about 1 ulp for the logits used here, |x| ≤ 10).</summary>
public readonly struct KernelExp : IVectorExp
{
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public static Vector512<float> Exp(Vector512<float> x) => RowKernel.ExpNonPositive(x);
}
