using CrossEntropy.Numerics;

namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The span APIs promise TensorPrimitives' contract: no heap allocation. Counted with the runtime's per-thread
/// allocation counter, after one warm-up call (which may JIT and allocate once).
/// </summary>
public class AllocationTests
{
    private static readonly double[] Logits = [4, 2, 1, 0, 5, 1, 0.2, 0.3, 0.5, -1, double.NegativeInfinity, 3];
    private static readonly double[] Targets = [1, 0, 0, 0, 0.8, 0.2, 0, 0, 1, 0.5, 0, 0.5];
    private static readonly int[] Classes = [0, 1, 2, 2];
    private static readonly double[] Destination = new double[12];
    private static readonly double[] PerRow = new double[4];
    private static readonly double[] Large = Enumerable.Range(0, 5000).Select(i => Math.Sin(i) * 30).ToArray();
    private static readonly double[] LargeDestination = new double[5000];
    private static readonly float[] LongRows = Enumerable.Range(0, 3 * 5000).Select(i => (float)(Math.Sin(i) * 30)).ToArray();
    private static readonly float[] LongRowsGradient = new float[3 * 5000];
    private static readonly int[] LongRowsTargets = [0, 4999, 2500];
    private static readonly double[] P = [0.1, 0.2, 0.7];
    private static readonly double[] Q = [0.3, 0.3, 0.4];
    private static readonly double[] PosWeight = [1, 2, 3];
    private static readonly CrossEntropyOptions Options = new() { Weight = [2, 4, 6], LabelSmoothing = 0.1 };

    public static TheoryData<string> Operations => new(Cases.Keys);

    private static readonly Dictionary<string, Action> Cases = new()
    {
        ["Softmax"] = () => StableMath.Softmax<double>(Large, LargeDestination),
        ["LogSoftmax"] = () => StableMath.LogSoftmax<double>(Large, LargeDestination, temperature: 2),
        ["LogSumExp"] = () => StableMath.LogSumExp<double>(Large),
        ["SoftmaxRows"] = () => StableMath.SoftmaxRows<double>(Logits, 3, Destination),
        ["Sigmoid"] = () => StableMath.Sigmoid<double>(Large, LargeDestination),
        ["LogSigmoid"] = () => StableMath.LogSigmoid<double>(Large, LargeDestination),
        ["CrossEntropy class indices"] = () => Losses.CrossEntropy<double>(Logits, 3, Classes, Reduction.Mean, Options),
        ["CrossEntropy unreduced"] = () => Losses.CrossEntropy<double>(Logits, 3, Classes, PerRow, Options),
        ["CrossEntropy probabilities"] = () => Losses.CrossEntropy<double>(Logits, 3, Targets, Reduction.Sum),
        ["CrossEntropyGradient"] = () => Losses.CrossEntropyGradient<double>(Logits, 3, Classes, Destination, Reduction.Mean, Options),
        ["CrossEntropy float, rows longer than a kernel block"] = () => Losses.CrossEntropy<float>(LongRows, 5000, LongRowsTargets),
        ["CrossEntropyGradient float, rows longer than a kernel block"] = () => Losses.CrossEntropyGradient<float>(LongRows, 5000, LongRowsTargets, LongRowsGradient),
        ["BinaryCrossEntropyWithLogits"] = () => Losses.BinaryCrossEntropyWithLogits<double>(Large.AsSpan(0, 12), Targets, Reduction.Mean, posWeight: PosWeight),
        ["KLDivergenceLoss"] = () => Losses.KLDivergenceLoss<double>(Logits.AsSpan(0, 3), P, 3),
        ["Entropy"] = () => Information.Entropy(P),
        ["JensenShannonDivergence"] = () => Information.JensenShannonDivergence(P, Q),
    };

    [Theory]
    [MemberData(nameof(Operations))]
    public void Span_api_does_not_allocate(string operation)
    {
        Action run = Cases[operation];
        run();
        long before = GC.GetAllocatedBytesForCurrentThread();
        run();
        long allocated = GC.GetAllocatedBytesForCurrentThread() - before;
        Assert.True(allocated == 0, $"{operation} allocated {allocated} bytes");
    }
}
