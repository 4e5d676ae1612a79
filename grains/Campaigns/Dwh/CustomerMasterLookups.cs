namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// Serves concurrent single-row reads with one query: while a query runs, the keys asked for meanwhile wait and go
/// together in the next one (no timer, so a lone caller waits for nothing). Many grains activating at once in a
/// campaign batch thus cost a few queries, not one each.
/// </summary>
public sealed class CustomerMasterLookups(
    Func<IReadOnlyCollection<string>, CancellationToken, Task<IReadOnlyDictionary<string, CustomerMasterRecord>>> readMany)
{
    /// <summary>Keys per query at most (the rest wait for the next round).</summary>
    public const int MaxKeysPerQuery = 1_000;

    private readonly Lock _sync = new();
    private Dictionary<string, TaskCompletionSource<CustomerMasterRecord?>> _pending = new(StringComparer.Ordinal);
    private bool _running;

    public Task<CustomerMasterRecord?> GetAsync(string customerKey, CancellationToken cancellationToken = default)
    {
        Task<CustomerMasterRecord?> result;
        var start = false;
        lock (_sync)
        {
            if (!_pending.TryGetValue(customerKey, out var waiter))
            {
                waiter = new TaskCompletionSource<CustomerMasterRecord?>(TaskCreationOptions.RunContinuationsAsynchronously);
                _pending[customerKey] = waiter;
            }
            result = waiter.Task;
            if (!_running)
                _running = start = true;
        }
        if (start)
            _ = Task.Run(DrainAsync, CancellationToken.None);
        return result.WaitAsync(cancellationToken);
    }

    private async Task DrainAsync()
    {
        while (true)
        {
            Dictionary<string, TaskCompletionSource<CustomerMasterRecord?>> round;
            lock (_sync)
            {
                if (_pending.Count == 0)
                {
                    _running = false;
                    return;
                }
                if (_pending.Count <= MaxKeysPerQuery)
                {
                    round = _pending;
                    _pending = new(StringComparer.Ordinal);
                }
                else
                {
                    round = _pending.Take(MaxKeysPerQuery).ToDictionary(StringComparer.Ordinal);
                    foreach (var key in round.Keys)
                        _pending.Remove(key);
                }
            }
            try
            {
                var found = await readMany(round.Keys, CancellationToken.None);
                foreach (var (key, waiter) in round)
                    waiter.TrySetResult(found.GetValueOrDefault(key));
            }
            catch (Exception e)
            {
                foreach (var waiter in round.Values)
                    waiter.TrySetException(e);
            }
        }
    }
}
