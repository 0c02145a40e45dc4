using System.Diagnostics;
using System.Globalization;

namespace CrossEntropy.Benchmarks;

/// <summary>
/// `-- --interleaved-softmax`: the τ = 1, τ = 0.7 and previous τ = 0.7 softmax of <see cref="SoftmaxBenchmarks"/> timed
/// in 40 interleaved rounds, keeping each method's best round, for a machine too loaded for BenchmarkDotNet's means
/// (other processes slow some rounds, never speed one up, so the best round is the least disturbed).
/// </summary>
internal static class InterleavedSoftmaxTiming
{
    private const int Rounds = 40;

    public static int Run()
    {
        foreach (int length in new[] { 1_000, 50_000 })
        {
            var benchmarks = new SoftmaxBenchmarks { Length = length };
            benchmarks.Setup();
            (string Name, Action Call)[] methods =
            [
                ("Softmax, τ = 1", benchmarks.StableSoftmax),
                ("Softmax, τ = 0.7", benchmarks.StableSoftmaxAtTemperature),
                ("Softmax, τ = 0.7, before the fix", benchmarks.PreviousSoftmaxAtTemperature),
            ];
            int callsPerRound = 2_000_000 / length; // about a millisecond per round
            double[] best = methods.Select(_ => double.MaxValue).ToArray();
            for (int round = 0; round < Rounds; round++)
            {
                for (int m = 0; m < methods.Length; m++)
                {
                    long start = Stopwatch.GetTimestamp();
                    for (int call = 0; call < callsPerRound; call++)
                    {
                        methods[m].Call();
                    }

                    best[m] = Math.Min(best[m], Stopwatch.GetElapsedTime(start).TotalMicroseconds / callsPerRound);
                }
            }

            for (int m = 0; m < methods.Length; m++)
            {
                Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"{length,6} values  {methods[m].Name,-34} best {best[m],9:F3} µs  ratio to τ = 1: {best[m] / best[0]:F2}"));
            }
        }

        return 0;
    }
}
