using System.Runtime.InteropServices;
using BenchmarkDotNet.Configs;
using BenchmarkDotNet.Jobs;
using BenchmarkDotNet.Reports;
using BenchmarkDotNet.Running;
using BenchmarkDotNet.Toolchains.InProcess.Emit;
using CrossEntropy.Numerics;
using CrossEntropy.PeerBenchmarks;

// Agreement first: a peer that computes something else is no peer.
OpenBlas.SetThreadCount(1);
Console.WriteLine($"OpenBLAS: {Marshal.PtrToStringAnsi(OpenBlas.GetConfig())}");
var random = new Random(7);
const int m = 67, n = 131, k = 259; // crosses the library's block edges
float[] a = Enumerable.Range(0, m * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
float[] b = Enumerable.Range(0, n * k).Select(_ => (float)random.NextDouble() - 0.5f).ToArray();
float[] mine = new float[m * n], theirs = new float[m * n];
MatrixMultiply.Multiply<float>(a, false, b, true, mine, m, n, k);
OpenBlas.Multiply(a, b, transposeB: true, theirs, m, n, k);
double worst = mine.Zip(theirs, (x, y) => Math.Abs(x - y)).Max();
Console.WriteLine($"largest |library − OpenBLAS| at {m} × {n} × {k}: {worst:E2} (entries of size about {theirs.Select(Math.Abs).Average():F2})");
if (worst > 1e-4)
{
    Console.Error.WriteLine("The two products disagree: not measuring.");
    return 1;
}

bool isShort = args.Contains("--short");
Job job = Job.Default.WithToolchain(InProcessEmitToolchain.Instance)
    .WithWarmupCount(isShort ? 1 : 2).WithIterationCount(isShort ? 3 : 7).WithInvocationCount(1).WithUnrollFactor(1);
Summary summary = BenchmarkRunner.Run<MultiplyAgainstOpenBlas>(DefaultConfig.Instance.AddJob(job));
foreach (var shape in MultiplyAgainstOpenBlas.Shapes)
{
    double Median(string method) => summary.Reports
        .Single(r => r.BenchmarkCase.Descriptor.WorkloadMethod.Name == method && r.BenchmarkCase.Parameters["Shape"].ToString() == shape.ToString())
        .ResultStatistics!.Median;
    double library = Median(nameof(MultiplyAgainstOpenBlas.Library)), openBlas = Median(nameof(MultiplyAgainstOpenBlas.OpenBlasSgemm));
    double flops = 2.0 * shape.M * shape.N * shape.K;
    Console.WriteLine($"{shape.M} × {shape.N} × {shape.K}: library {library / 1e6:F1} ms ({flops / library:F1} GFLOPS), " +
        $"OpenBLAS {openBlas / 1e6:F1} ms ({flops / openBlas:F1} GFLOPS); library / OpenBLAS = {library / openBlas:F2}");
}

return 0;
