namespace NotebookRunner.Stages;

/// <summary>The one parallel loop of the runner: each item's work, at most N at a time (teacher and student notebooks).</summary>
public static class ThrottledLoop
{
    /// <summary>Runs <paramref name="body"/> for every item, at most <paramref name="parallel"/> at once.</summary>
    /// <typeparam name="TItem">The item type.</typeparam>
    /// <typeparam name="TResult">The result type.</typeparam>
    /// <param name="items">The items, started in this order.</param>
    /// <param name="parallel">How many run at once (at least 1).</param>
    /// <param name="body">The work for one item.</param>
    /// <param name="cancellationToken">Stops items not yet started; running ones get the token.</param>
    /// <returns>The results, in the order of <paramref name="items"/>.</returns>
    public static async Task<TResult[]> RunAsync<TItem, TResult>(IEnumerable<TItem> items, int parallel,
        Func<TItem, CancellationToken, Task<TResult>> body, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(items);
        ArgumentNullException.ThrowIfNull(body);
        ArgumentOutOfRangeException.ThrowIfLessThan(parallel, 1);
        using var slots = new SemaphoreSlim(parallel);
        return await Task.WhenAll(items.Select(async item =>
        {
            await slots.WaitAsync(cancellationToken).ConfigureAwait(false);
            try
            {
                return await body(item, cancellationToken).ConfigureAwait(false);
            }
            finally
            {
                slots.Release();
            }
        })).ConfigureAwait(false);
    }
}
