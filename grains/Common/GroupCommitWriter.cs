using System.Threading.Channels;

namespace Kasse.Grains.Common;

/// <summary>
/// Collects appends from many callers and writes them in one batch (one COPY, one commit): each caller's task
/// completes when its batch is durable, or fails with the batch's error. Under load a batch holds every append that
/// arrived while the previous one was being written, so throughput grows with concurrency at no extra latency.
/// </summary>
public sealed class GroupCommitWriter<T> : IAsyncDisposable
{
    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Func<IReadOnlyList<T>, CancellationToken, Task> _writeBatch;
    private readonly int _maxBatch;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    /// <param name="writeBatch">Writes one batch durably (e.g. binary COPY in a transaction); throws on failure.</param>
    /// <param name="maxBatch">The most items written at once.</param>
    public GroupCommitWriter(Func<IReadOnlyList<T>, CancellationToken, Task> writeBatch, int maxBatch = 1_000)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _writeBatch = writeBatch;
        _maxBatch = maxBatch;
        _loop = Task.Run(RunAsync);
    }

    /// <summary>Completes when the item is durable.</summary>
    public Task AppendAsync(T item, CancellationToken cancellationToken = default)
    {
        var pending = new Pending(item, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        if (!_queue.Writer.TryWrite(pending))
            throw new ObjectDisposedException(nameof(GroupCommitWriter<T>));
        return pending.Done.Task.WaitAsync(cancellationToken);
    }

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        try
        {
            await _loop.WaitAsync(TimeSpan.FromSeconds(10));
        }
        catch (TimeoutException)
        {
            await _stop.CancelAsync();
        }
        _stop.Dispose();
    }

    private async Task RunAsync()
    {
        var batch = new List<Pending>(_maxBatch);
        var reader = _queue.Reader;
        while (await reader.WaitToReadAsync().ConfigureAwait(false))
        {
            while (batch.Count < _maxBatch && reader.TryRead(out var next))
                batch.Add(next);
            try
            {
                await _writeBatch(batch.ConvertAll(p => p.Item), _stop.Token).ConfigureAwait(false);
                foreach (var pending in batch)
                    pending.Done.TrySetResult();
            }
            catch (Exception error)
            {
                // The callers decide (retry, refuse); the loop goes on with the next batch.
                foreach (var pending in batch)
                    pending.Done.TrySetException(error);
            }
            batch.Clear();
        }
    }

    private sealed record Pending(T Item, TaskCompletionSource Done);
}
