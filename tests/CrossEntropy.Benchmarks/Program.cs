using BenchmarkDotNet.Running;
using CrossEntropy.Benchmarks;

// `-- --targets` runs the large-vocabulary benchmarks and prints issue 9's targets; add `--short` for a run under a
// minute (fewer, shorter iterations: noisier). Anything else goes to BenchmarkDotNet's switcher (e.g. `--filter '*'`).
// `--fused-targets` runs only the fused linear cross-entropy and matrix-multiply benchmarks (minutes: the products
// are tens of GFLOP) and prints issue 19's fused targets; `--targets` prints both reports.
// `--interleaved-softmax` times the softmax at τ = 1 and τ = 0.7 (now and before issue 19's fix) in interleaved rounds,
// for a machine too loaded for BenchmarkDotNet's means.
if (args.Contains("--interleaved-softmax"))
{
    return InterleavedSoftmaxTiming.Run();
}

if (args.Contains("--fused-targets"))
{
    return FusedTargetReport.Run(args.Contains("--short"));
}

if (args.Contains("--targets"))
{
    bool quick = args.Contains("--short");
    int issue9 = TargetReport.Print(BenchmarkRunner.Run<LargeVocabularyBenchmarks>(TargetReport.Config(quick)));
    return Math.Max(issue9, FusedTargetReport.Run(quick));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
