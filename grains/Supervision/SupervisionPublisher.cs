using System.Collections.Concurrent;
using Kasse.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Kasse.Grains.Supervision;

/// <summary>
/// One per silo: queues and desks hand it their latest summary (a dictionary write, never a grain call, so a queue's
/// turn never waits for it), and <see cref="SupervisionOptions.PublishInterval"/> after the first change it publishes
/// what changed as one numbered <see cref="SupervisionBatch"/> on the supervision stream; with nothing changed it sleeps.
/// So 500 routed items per second make a few stream events per second per silo, not thousands. Best effort: a batch that fails to publish is lost, and the feed
/// sees the gap in the numbers and re-reads the snapshots.
/// </summary>
public sealed partial class SupervisionPublisher(
    IServiceProvider services, SupervisionOptions options, ILogger<SupervisionPublisher> logger) : BackgroundService
{
    private ConcurrentDictionary<string, QueueSummary> _queues = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, AgentSummary> _agents = new(StringComparer.Ordinal);
    private readonly Guid _publisherId = Guid.NewGuid();
    private long _seq;

    // Completed by the first change after a flush; the loop sleeps until then, so an idle silo has no timer ticking for it.
    private TaskCompletionSource _changed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private int _signalled;

    public void Publish(QueueSummary summary)
    {
        _queues[summary.Queue] = summary;
        Signal();
    }

    public void Publish(AgentSummary summary)
    {
        _agents[summary.AgentId] = summary;
        Signal();
    }

    private void Signal()
    {
        // Only the change that finds the flag down wakes the loop; the others are in the same batch.
        if (Volatile.Read(ref _signalled) == 0 && Interlocked.Exchange(ref _signalled, 1) == 0)
            Volatile.Read(ref _changed).TrySetResult();
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            while (true)
            {
                await Volatile.Read(ref _changed).Task.WaitAsync(stoppingToken);
                // What changes within one interval goes into the same batch; the next batch is at least one interval later.
                await Task.Delay(options.PublishInterval, stoppingToken);
                // A fresh signal, then the flag down, then the swap: a change after this point either is in this batch or
                // wakes the next round.
                Volatile.Write(ref _changed, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
                Volatile.Write(ref _signalled, 0);
                await FlushAsync();
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops; what was not published is recovered from snapshots by the feed.
        }
    }

    private async Task FlushAsync()
    {
        if (_queues.IsEmpty && _agents.IsEmpty)
            return;
        // Swap, so writers go on into fresh dictionaries while this batch is sent.
        var queues = Interlocked.Exchange(ref _queues, new(StringComparer.Ordinal));
        var agents = Interlocked.Exchange(ref _agents, new(StringComparer.Ordinal));
        var batch = new SupervisionBatch(_publisherId, ++_seq, [.. queues.Values], [.. agents.Values]);
        try
        {
            if (services.GetKeyedService<IStreamProvider>(SupervisionStream.Provider) is not { } provider)
                return;
            await provider.GetStream<SupervisionBatch>(StreamId.Create(SupervisionStream.Namespace, SupervisionStream.Key)).OnNextAsync(batch);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The number is spent: the feed sees the gap and re-reads every snapshot.
            LogPublishFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Publishing a supervision batch failed; the feed recovers from snapshots")]
    private static partial void LogPublishFailed(ILogger logger, Exception exception);
}
