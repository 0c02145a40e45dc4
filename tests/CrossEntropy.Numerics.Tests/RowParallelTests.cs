namespace CrossEntropy.Numerics.Tests;

/// <summary>
/// The parallel path's own decisions, which the results cannot show (parallel rows have the same bits as serial ones):
/// when threads are worth starting, how rows are split into ranges, and that only a bad logit (not a bug) sends the
/// caller back to the serial loop.
/// </summary>
public class RowParallelTests
{
    private static readonly CrossEntropyOptions TwoThreads = new() { MaxDegreeOfParallelism = 2 };

    [Theory]
    [InlineData(2, 16_384, 2, true)]      // exactly MinimumLogits (2^15)
    [InlineData(2, 16_383, 2, false)]     // one row of logits short
    [InlineData(1, 1 << 20, 2, false)]    // one row: nothing to share
    [InlineData(2, 16_384, 1, false)]     // serial unless asked
    [InlineData(4, 16_384, -1, true)]     // every core
    [InlineData(70_000, 70_000, 2, true)] // N · C beyond int
    public void Parallel_is_worthwhile_from_two_rows_and_2_to_the_15_logits(int rows, int classes, int degree, bool expected) =>
        Assert.Equal(expected, RowParallel.Worthwhile(new CrossEntropyOptions { MaxDegreeOfParallelism = degree }, rows, classes));

    [Theory]
    [InlineData(1, 65_536)]
    [InlineData(10, 6_544)]     // 6,553 rows rounded down to a multiple of 16
    [InlineData(4_096, 16)]
    [InlineData(5_000, 16)]     // fewer than 16 rows' worth: still one group
    [InlineData(1 << 20, 16)]
    public void Ranges_hold_about_2_to_the_16_logits_in_whole_groups_of_16_rows(int classes, int expected) =>
        Assert.Equal(expected, RowParallel.RowsPerRange(classes));

    [Fact]
    public void Every_row_is_visited_once_and_success_is_reported()
    {
        int[] visits = new int[1000];
        bool done = RowParallel.TryFor(visits.Length, 1 << 12, 2, (first, end) =>
        {
            for (int r = first; r < end; r++)
            {
                Interlocked.Increment(ref visits[r]);
            }
        });
        Assert.True(done);
        Assert.All(visits, v => Assert.Equal(1, v));
    }

    [Fact]
    public void A_bad_logit_falls_back_but_a_bug_propagates()
    {
        Assert.False(RowParallel.TryFor(64, 1 << 12, 2, (_, _) => throw new ArgumentException("bad logit")));
        var bug = Assert.Throws<AggregateException>(() => RowParallel.TryFor(64, 1 << 12, 2, (_, _) => throw new InvalidOperationException("bug")));
        Assert.IsType<InvalidOperationException>(bug.InnerExceptions[0]);
        // A slice past the end is a bug too, though ArgumentOutOfRangeException derives from ArgumentException.
        Assert.Throws<AggregateException>(() => RowParallel.TryFor(64, 1 << 12, 2, (_, _) => throw new ArgumentOutOfRangeException("x")));
        // A bug in one range is not hidden by a bad logit in another.
        Assert.Throws<AggregateException>(() => RowParallel.TryFor(64, 1 << 12, 2, (first, _) =>
            throw (first == 0 ? new ArgumentException("bad logit") : new InvalidOperationException("bug"))));
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    public void No_more_ranges_run_at_once_than_the_degree_allows(int degree)
    {
        int running = 0, most = 0;
        RowParallel.TryFor(8 * 16, 1 << 12, degree, (_, _) =>
        {
            int now = Interlocked.Increment(ref running);
            InterlockedMax(ref most, now);
            Thread.Sleep(20);
            Interlocked.Decrement(ref running);
        });
        Assert.InRange(most, 1, degree);
    }

    // Short rows in parallel: each range is cut into the serial path's groups of 16 rows, so the bits are the same.
    [Fact]
    public void Short_rows_in_parallel_give_the_serial_bits()
    {
        const int rows = 4000, classes = 10;
        var rng = new Random(9);
        float[] x = Enumerable.Range(0, rows * classes).Select(_ => (float)((rng.NextDouble() * 20) - 10)).ToArray();
        int[] targets = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        var serial = new CrossEntropyOptions { MaxDegreeOfParallelism = 1 };
        Assert.Equal(Losses.CrossEntropy<float>(x, classes, targets, options: serial), Losses.CrossEntropy<float>(x, classes, targets, options: TwoThreads));
        float[] serialRows = new float[rows], parallelRows = new float[rows];
        Losses.CrossEntropy<float>(x, classes, targets, serialRows, serial);
        Losses.CrossEntropy<float>(x, classes, targets, parallelRows, TwoThreads);
        Assert.Equal(serialRows, parallelRows);
    }

    // NLL reads log-probabilities, not logits: the parallel path (which computes from logits) must not take it.
    [Fact]
    public void Nll_on_a_large_batch_ignores_the_parallel_option()
    {
        const int rows = 64, classes = 1024;
        var rng = new Random(8);
        double[] logProbabilities = Enumerable.Range(0, rows * classes).Select(_ => -rng.NextDouble() * 10).ToArray();
        int[] targets = Enumerable.Range(0, rows).Select(_ => rng.Next(classes)).ToArray();
        double expected = targets.Select((y, r) => -logProbabilities[(r * classes) + y]).Average();
        Tolerance.Ulps(expected, Losses.NllLoss<double>(logProbabilities, classes, targets, options: TwoThreads), 4);
    }

    private static void InterlockedMax(ref int target, int value)
    {
        int seen;
        while ((seen = Volatile.Read(ref target)) < value && Interlocked.CompareExchange(ref target, value, seen) != seen)
        {
        }
    }
}
