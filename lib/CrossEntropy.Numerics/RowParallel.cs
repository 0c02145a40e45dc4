using System.Collections.Concurrent;

namespace CrossEntropy.Numerics;

/// <summary>
/// The opt-in parallel path over rows (<see cref="CrossEntropyOptions.MaxDegreeOfParallelism"/>): decides when it is
/// worth starting threads and hands out ranges of rows. Rows are independent, so which thread computes a row does not
/// change its bits; callers reduce the per-row results in row order afterwards.
/// </summary>
internal static class RowParallel
{
    /// <summary>Below this many logits a batch runs on the calling thread: starting tasks would cost more than it saves.</summary>
    public const long MinimumLogits = 1 << 15;

    /// <summary>Logits per range of rows handed to a thread: enough work to amortise scheduling, small enough to balance.</summary>
    private const int LogitsPerRange = 1 << 16;

    public static bool Worthwhile(CrossEntropyOptions options, int rows, int classCount) =>
        options.MaxDegreeOfParallelism != 1 && rows >= 2 && (long)rows * classCount >= MinimumLogits;

    /// <summary>
    /// Runs <paramref name="body"/>(first, end) over ranges covering [0, rows), in parallel. False if a range met a bad
    /// logit (its <see cref="ArgumentException"/>): the caller then runs serially, which throws the first error in row
    /// order, as the serial path does. Any other exception is a bug and propagates.
    /// </summary>
    public static bool TryFor(int rows, int classCount, int maxDegreeOfParallelism, Action<int, int> body)
    {
        try
        {
            Parallel.ForEach(
                Partitioner.Create(0, rows, RowsPerRange(classCount)),
                new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism },
                range => body(range.Item1, range.Item2));
            return true;
        }
        catch (AggregateException e) when (e.InnerExceptions.All(inner => inner.GetType() == typeof(ArgumentException)))
        {
            return false;
        }
    }

    /// <summary>
    /// Rows per range: about <see cref="LogitsPerRange"/> logits, rounded down to a multiple of 16 rows (at least 16), so
    /// ranges never split a group of the short-row path (16 float or 8 double rows).
    /// </summary>
    public static int RowsPerRange(int classCount) => Math.Max(1, LogitsPerRange / classCount / 16) * 16;

    public static void CheckDegree(int maxDegreeOfParallelism, string optionsName)
    {
        if (maxDegreeOfParallelism == 0 || maxDegreeOfParallelism < -1)
        {
            throw new ArgumentOutOfRangeException(
                optionsName, maxDegreeOfParallelism,
                $"MaxDegreeOfParallelism = {maxDegreeOfParallelism} must be −1 (every core) or at least 1.");
        }
    }
}
