using System.Collections.Concurrent;
using Kasse.Supervision;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Orleans.Streams;

namespace Kasse.Grains.Supervision;

/// <summary>
/// One per silo: queues and desks hand it their latest summary (a dictionary write, never a grain call, so a queue's
/// turn never waits for it), and every <see cref="SupervisionOptions.PublishInterval"/> it publishes what changed as one
/// numbered <see cref="SupervisionBatch"/> on the supervision stream. So 500 routed items per second make a few
/// stream events per second per silo, not thousands. Best effort: a batch that fails to publish is lost, and the feed
/// sees the gap in the numbers and re-reads the snapshots.
/// </summary>
public sealed partial class SupervisionPublisher(
    IServiceProvider services, SupervisionOptions options, ILogger<SupervisionPublisher> logger) : BackgroundService
{
    private ConcurrentDictionary<string, QueueSummary> _queues = new(StringComparer.Ordinal);
    private ConcurrentDictionary<string, AgentSummary> _agents = new(StringComparer.Ordinal);
    private readonly Guid _publisherId = Guid.NewGuid();
    private long _seq;

    public void Publish(QueueSummary summary) => _queues[summary.Queue] = summary;

    public void Publish(AgentSummary summary) => _agents[summary.AgentId] = summary;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(options.PublishInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
                await FlushAsync();
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
