using System.Globalization;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// Runs <see cref="FusedLinearBenchmarks"/> and <see cref="MatrixMultiplyBenchmarks"/> once and prints issue 19's
/// fused linear cross-entropy targets (pass or fail) and the comparisons for the README.
/// </summary>
internal static class FusedTargetReport
{
    /// <summary>
    /// In-process, one call per iteration (each takes seconds at these sizes): full mode 2 warm-up and 5 measured
    /// iterations, short mode 1 and 3.
    /// </summary>
    public static IConfig Config(bool quick)
    {
        // In-process runs are cut off after 5 minutes by default; one of these cases takes longer on a loaded machine.
        Job job = Job.Default.WithToolchain(new InProcessEmitToolchain(TimeSpan.FromMinutes(60), logOutput: true))
            .WithInvocationCount(1).WithUnrollFactor(1)
            .WithWarmupCount(quick ? 1 : 2).WithIterationCount(quick ? 3 : 5);
        return DefaultConfig.Instance.AddJob(job.AsDefault()).WithOptions(ConfigOptions.DisableOptimizationsValidator);
    }

    /// <summary>Runs both benchmark classes and prints the report; 0 when every target passes.</summary>
    public static int Run(bool quick)
    {
        Summary fused = BenchmarkRunner.Run<FusedLinearBenchmarks>(Config(quick));
        Summary multiply = BenchmarkRunner.Run<MatrixMultiplyBenchmarks>(Config(quick));
        return Print(fused, multiply);
    }

    private static int Print(Summary fused, Summary multiply)
    {
        var medians = new Dictionary<(string, string), double>();
        var minima = new Dictionary<(string, string), double>();
        foreach (BenchmarkReport report in fused.Reports.Concat(multiply.Reports))
        {
            if (report.ResultStatistics is null)
            {
                continue;
            }

            string parameter = report.BenchmarkCase.Parameters.Items.Single().Value?.ToString() ?? "";
            var key = (report.BenchmarkCase.Descriptor.WorkloadMethod.Name, parameter);
            medians[key] = report.ResultStatistics.Median;
            minima[key] = report.ResultStatistics.Min;
        }

        double Median(string method, object parameter) => medians.GetValueOrDefault((method, parameter.ToString()!), double.NaN);
        double Minimum(string method, object parameter) => minima.GetValueOrDefault((method, parameter.ToString()!), double.NaN);

        bool allPass = true;
        Console.WriteLine();
        Console.WriteLine("## Targets of issue 19, fused linear cross-entropy (ratios of medians; in brackets, of the fastest iterations)");
        Console.WriteLine();
        foreach (LinearShape shape in FusedLinearBenchmarks.Shapes)
        {
            const string products = nameof(FusedLinearBenchmarks.Products);
            const string fusedCall = nameof(FusedLinearBenchmarks.Fused);
            double ratio = Median(fusedCall, shape) / Median(products, shape);
            double fastest = Minimum(fusedCall, shape) / Minimum(products, shape);
            allPass &= Line(ratio <= 2, $"{shape}: fused loss + gradients / three products ≤ 2: {F(ratio)} [{F(fastest)}]");

            long bytes = AllocatedPerFusedCall(shape);
            double share = (double)bytes / shape.LogitBytes;
            allPass &= Line(
                share < 0.01,
                $"{shape}: extra memory of a fused call < 1 % of N × V × 4 = {shape.LogitBytes:N0} bytes: {bytes:N0} bytes allocated ({share * 100:0.00} %)");
        }

        Console.WriteLine();
        Console.WriteLine("## Fused against materialised (medians, ms)");
        Console.WriteLine();
        Console.WriteLine("| (N, d, V) | three products | fused loss | fused loss + gradients | materialised loss + gradients | materialised / fused | logits the materialised path holds |");
        Console.WriteLine("|---|---|---|---|---|---|---|");
        foreach (LinearShape shape in FusedLinearBenchmarks.Shapes)
        {
            Console.WriteLine(
                $"| {shape.Rows:N0}, {shape.Size:N0}, {shape.Classes:N0} | {Ms(Median(nameof(FusedLinearBenchmarks.Products), shape))} | " +
                $"{Ms(Median(nameof(FusedLinearBenchmarks.FusedLoss), shape))} | {Ms(Median(nameof(FusedLinearBenchmarks.Fused), shape))} | " +
                $"{Ms(Median(nameof(FusedLinearBenchmarks.Materialised), shape))} | " +
                $"{F(Median(nameof(FusedLinearBenchmarks.Materialised), shape) / Median(nameof(FusedLinearBenchmarks.Fused), shape))} | " +
                $"{shape.LogitBytes / 1e6:0.0} MB |");
        }

        Console.WriteLine();
        Console.WriteLine("## Matrix multiply, float, one thread (GFLOPS from medians; 2·n³ flops)");
        Console.WriteLine();
        foreach (int size in new[] { 512 })
        {
            foreach (string method in new[]
            {
                nameof(MatrixMultiplyBenchmarks.Library), nameof(MatrixMultiplyBenchmarks.MathNet),
                nameof(MatrixMultiplyBenchmarks.DotPerEntry), nameof(MatrixMultiplyBenchmarks.Naive),
            })
            {
                double nanoseconds = Median(method, size);
                Console.WriteLine(
                    $"{size}³ {method}: {Ms(nanoseconds)} ms, {2.0 * size * size * size / nanoseconds:0.0} GFLOPS, " +
                    $"{F(nanoseconds / Median(nameof(MatrixMultiplyBenchmarks.Library), size))}× the library's time");
            }
        }

        return allPass ? 0 : 1;
    }

    private static bool Line(bool pass, string text)
    {
        Console.WriteLine($"{(pass ? "PASS" : "FAIL")}  {text}");
        return pass;
    }

    /// <summary>Bytes this thread allocates in one fused loss + gradients call (after a warm-up call).</summary>
    private static long AllocatedPerFusedCall(LinearShape shape)
    {
        var benchmarks = new FusedLinearBenchmarks { Shape = shape };
        benchmarks.Setup();
        benchmarks.Fused();
        long before = GC.GetAllocatedBytesForCurrentThread();
        benchmarks.Fused();
        return GC.GetAllocatedBytesForCurrentThread() - before;
    }

    private static string F(double x) => x.ToString("0.00", CultureInfo.InvariantCulture);

    private static string Ms(double nanoseconds) => (nanoseconds / 1e6).ToString("0.0", CultureInfo.InvariantCulture);
}
