using BenchmarkDotNet.Running;
using CrossEntropy.Benchmarks;

// `-- --targets` runs the large-vocabulary benchmarks and prints issue 9's targets; add `--short` for a run under a
// minute (fewer, shorter iterations: noisier). Anything else goes to BenchmarkDotNet's switcher (e.g. `--filter '*'`).
if (args.Contains("--targets"))
{
    bool quick = args.Contains("--short");
    return TargetReport.Print(BenchmarkRunner.Run<LargeVocabularyBenchmarks>(TargetReport.Config(quick)));
}

BenchmarkSwitcher.FromAssembly(typeof(Program).Assembly).Run(args);
return 0;
