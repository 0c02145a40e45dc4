using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using Perfolizer.Horology;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// Runs <see cref="LargeVocabularyBenchmarks"/> once and prints the issue's targets (ratios of medians taken in that one
/// run, pass or fail), the parallel speed-ups and a Markdown table for the README.
/// </summary>
internal static class TargetReport
{
    private static readonly Shape Small = new(64, 10);
    private static readonly Shape Batch = new(4_096, 1_000);
    private static readonly Shape[] Vocabularies = [new(1_024, 32_000), new(64, 128_000)];

    /// <summary>
    /// In-process (no separate build), a fixed number of iterations so that the run's length is known: full mode 3
    /// warm-up and 15 measured iterations of at least 100 ms; short mode 1 and 3 of about 20 ms.
    /// </summary>
    public static IConfig Config(bool quick)
    {
        Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance);
        job = quick
            ? job.WithWarmupCount(1).WithIterationCount(3).WithIterationTime(TimeInterval.FromMilliseconds(20))
            : job.WithWarmupCount(3).WithIterationCount(15).WithIterationTime(TimeInterval.FromMilliseconds(100));

        return DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }

    public static int Print(Summary summary)
    {
        var medians = new Dictionary<(string, Shape), double>();
        var minima = new Dictionary<(string, Shape), double>();
        var allocated = new Dictionary<(string, Shape), long>();
        foreach (BenchmarkReport report in summary.Reports)
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            var key = (report.BenchmarkCase.Descriptor.WorkloadMethod.Name, (Shape)report.BenchmarkCase.Parameters["Shape"]);
            medians[key] = report.ResultStatistics.Median;
            minima[key] = report.ResultStatistics.Min;
            allocated[key] = report.GcStats.GetBytesAllocatedPerOperation(report.BenchmarkCase) ?? -1;
        }

        double T(string method, Shape shape) => medians.TryGetValue((method, shape), out double t) ? t : double.NaN;
        double Ratio(string a, string b, Shape shape) => T(a, shape) / T(b, shape);
        double MinRatio(string a, string b, Shape shape) =>
            minima.GetValueOrDefault((a, shape), double.NaN) / minima.GetValueOrDefault((b, shape), double.NaN);

        var targets = new List<(string Target, double Value, bool Pass)>();
        var fastest = new List<double>();
        const string forward = nameof(LargeVocabularyBenchmarks.Forward);
        const string bound = nameof(LargeVocabularyBenchmarks.Bound);

        // A ratio target: time(a) / time(b) at most (or at least) the limit; the fastest-iteration ratio goes beside it.
        void Target(Shape shape, string label, string a, string b, double limit, bool atMost)
        {
            double value = Ratio(a, b, shape);
            targets.Add(($"{shape}: {label} {(atMost ? "≤" : "≥")} {limit}", value, atMost ? value <= limit : value >= limit));
            fastest.Add(MinRatio(a, b, shape));
        }

        foreach (Shape shape in Vocabularies)
        {
            Target(shape, "forward / bound", forward, bound, 1.15, atMost: true);
            Target(shape, "composition / forward", nameof(LargeVocabularyBenchmarks.Composition), forward, 1.2, atMost: false);
            Target(shape, "textbook / forward", nameof(LargeVocabularyBenchmarks.TextbookPipeline), forward, 8, atMost: false);
            Target(shape, "forward+gradient / forward", nameof(LargeVocabularyBenchmarks.ForwardAndGradient), forward, 2, atMost: true);
        }

        Target(Batch, "forward / bound", forward, bound, 1.3, atMost: true);
        Target(Small, "forward / previous implementation", forward, nameof(LargeVocabularyBenchmarks.Previous), 0.5, atMost: true);
        Target(Small, "forward / bound", forward, bound, 7, atMost: true);

        // BenchmarkDotNet's in-process count is process-wide: thread-pool threads left by the parallel cases and the
        // runtime's own background work show up in it. The target is about the call, so it is counted on this thread.
        foreach (Shape shape in LargeVocabularyBenchmarks.Shapes)
        {
            long bytes = AllocatedPerCall(shape);
            long reported = Math.Max(
                allocated.GetValueOrDefault((nameof(LargeVocabularyBenchmarks.Forward), shape), -1),
                allocated.GetValueOrDefault((nameof(LargeVocabularyBenchmarks.ForwardAndGradient), shape), -1));
            targets.Add(($"{shape}: bytes allocated per call, forward and gradient = 0 (BenchmarkDotNet, process-wide: {reported})", bytes, bytes == 0));
        }

        Console.WriteLine();
        Console.WriteLine("## Targets of issue 9 (ratios of medians from this run; in brackets, ratios of the fastest iterations)");
        Console.WriteLine();
        for (int i = 0; i < targets.Count; i++)
        {
            (string target, double value, bool pass) = targets[i];
            string fastestRatio = i < fastest.Count ? $" [{F(fastest[i])}]" : "";
            Console.WriteLine($"{(pass ? "PASS" : "FAIL")}  {target}: {F(value)}{fastestRatio}");
        }

        // Issue 19's targets, against one read of the logits: reported, not yet part of the exit code (not yet reached).
        Console.WriteLine();
        Console.WriteLine("## Targets of issue 19 (ratios to one TensorPrimitives.Sum pass over the logits; reported, not in the exit code)");
        Console.WriteLine();
        foreach (Shape shape in Vocabularies)
        {
            const string sum = nameof(LargeVocabularyBenchmarks.SumPass);
            double f = Ratio(forward, sum, shape), g = Ratio(nameof(LargeVocabularyBenchmarks.ForwardAndGradient), sum, shape);
            Console.WriteLine($"{(f <= 1.3 ? "PASS" : "FAIL")}  {shape}: forward / sum pass ≤ 1.3: {F(f)} [{F(MinRatio(forward, sum, shape))}]");
            Console.WriteLine($"{(g <= 2.5 ? "PASS" : "FAIL")}  {shape}: forward+gradient / sum pass ≤ 2.5: {F(g)} [{F(MinRatio(nameof(LargeVocabularyBenchmarks.ForwardAndGradient), sum, shape))}]");
        }

        Console.WriteLine();
        Console.WriteLine("## Stricter than the targets: forward / one pass with the kernel's own exponential");
        Console.WriteLine("(the kernel's exp is cheaper than Vector512.Exp, so the bound above is a loose one)");
        Console.WriteLine();
        foreach (Shape shape in LargeVocabularyBenchmarks.Shapes)
        {
            Console.WriteLine(
                $"{shape}: {F(Ratio(nameof(LargeVocabularyBenchmarks.Forward), nameof(LargeVocabularyBenchmarks.KernelExpBound), shape))} " +
                $"[{F(MinRatio(nameof(LargeVocabularyBenchmarks.Forward), nameof(LargeVocabularyBenchmarks.KernelExpBound), shape))}]");
        }

        Console.WriteLine();
        Console.WriteLine("## Parallel speed-up on this machine (serial / 2 threads)");
        Console.WriteLine();
        foreach (Shape shape in LargeVocabularyBenchmarks.Shapes)
        {
            Console.WriteLine(
                $"{shape}: forward {F(Ratio(nameof(LargeVocabularyBenchmarks.Forward), nameof(LargeVocabularyBenchmarks.ForwardParallel), shape))}×, " +
                $"forward+gradient {F(Ratio(nameof(LargeVocabularyBenchmarks.ForwardAndGradient), nameof(LargeVocabularyBenchmarks.ForwardAndGradientParallel), shape))}×");
        }

        Console.WriteLine();
        Console.WriteLine("## Medians (ms), for README.md");
        Console.WriteLine();
        string[] methods =
        [
            nameof(LargeVocabularyBenchmarks.SumPass), nameof(LargeVocabularyBenchmarks.Bound), nameof(LargeVocabularyBenchmarks.KernelExpBound),
            nameof(LargeVocabularyBenchmarks.Composition), nameof(LargeVocabularyBenchmarks.TextbookPipeline),
            nameof(LargeVocabularyBenchmarks.Previous), nameof(LargeVocabularyBenchmarks.PreviousGradient),
            nameof(LargeVocabularyBenchmarks.Forward), nameof(LargeVocabularyBenchmarks.ForwardAndGradient),
            nameof(LargeVocabularyBenchmarks.ForwardParallel), nameof(LargeVocabularyBenchmarks.ForwardAndGradientParallel),
        ];
        Console.WriteLine("| N × C | " + string.Join(" | ", methods) + " |");
        Console.WriteLine("|---|" + string.Concat(Enumerable.Repeat("---|", methods.Length)));
        foreach (Shape shape in LargeVocabularyBenchmarks.Shapes)
        {
            Console.WriteLine($"| {shape} | " + string.Join(" | ", methods.Select(m => Ms(T(m, shape)))) + " |");
        }

        return targets.All(t => t.Pass) ? 0 : 1;
    }

    /// <summary>Bytes the calling thread allocates in one forward and one gradient call (after a warm-up call).</summary>
    private static long AllocatedPerCall(Shape shape)
    {
        var benchmarks = new LargeVocabularyBenchmarks { Shape = shape };
        benchmarks.Setup();
        benchmarks.Forward();
        benchmarks.ForwardAndGradient();
        long before = GC.GetAllocatedBytesForCurrentThread();
        benchmarks.Forward();
        benchmarks.ForwardAndGradient();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(double nanoseconds) =>
        (nanoseconds / 1e6).ToString(nanoseconds < 1e5 ? "0.0000" : "0.00", CultureInfo.InvariantCulture);
}
