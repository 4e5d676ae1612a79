using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The owner of one customer's journey: the single writer of the customer's <c>journey_events</c> rows. Calls are
/// handled one at a time, so seq is gap-free: the next seq is the stored newest + 1 (read on activation, no grain
/// state), and it advances only when the row is written. After the write the event is published as a notification;
/// <see cref="JourneyOptions.CatchUpDelay"/> after the newest event both consumers are told the newest seq directly,
/// so a lost notification is recovered even when nothing follows.
/// </summary>
public sealed partial class JourneyGrain(
    IJourneyEventStore store,
    IJourneyNotifier notifier,
    JourneyOptions options,
    TimeProvider clock,
    ILogger<JourneyGrain> logger) : Grain, IJourneyGrain
{
    private long _lastSeq = -1;
    private JourneyEvent? _newest;
    private IGrainTimer? _catchUp;

    private string CustomerKey => this.GetPrimaryKeyString();

    public async Task<JourneyTrackResult> Track(JourneyEventInput input)
    {
        var valid = JourneyEventRules.Validate(input);
        var lastSeq = await LastSeqAsync();
        var journeyEvent = new JourneyEvent(
            CustomerKey, lastSeq + 1, valid.EventId, valid.Kind, valid.Tariff, valid.Page, valid.Channel, clock.GetUtcNow());
        bool appended;
        try
        {
            appended = await store.AppendAsync(journeyEvent);
        }
        catch
        {
            // Whether the row was written is unknown: the next activation reads the newest seq from the table again.
            _lastSeq = -1;
            DeactivateOnIdle();
            throw;
        }
        if (!appended)
        {
            var stored = await store.FindAsync(CustomerKey, valid.EventId);
            return new JourneyTrackResult(stored?.Seq ?? 0, Duplicate: true);
        }
        _lastSeq = journeyEvent.Seq;
        _newest = journeyEvent;
        try
        {
            await notifier.PublishAsync(journeyEvent);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // Stored is what counts; the catch-up below delivers it.
            LogPublishFailed(logger, e.GetType().Name);
        }
        ArmCatchUp();
        return new JourneyTrackResult(journeyEvent.Seq, Duplicate: false);
    }

    public Task<long> GetLastSeq() => LastSeqAsync();

    private async Task<long> LastSeqAsync()
    {
        if (_lastSeq < 0)
            _lastSeq = (await store.ReadTailAsync(CustomerKey)).LastSeq;
        return _lastSeq;
    }

    private void ArmCatchUp()
    {
        if (_catchUp is null)
            _catchUp = this.RegisterGrainTimer(CatchUpAsync, new GrainTimerCreationOptions(options.CatchUpDelay, Timeout.InfiniteTimeSpan) { KeepAlive = true });
        else
            _catchUp.Change(options.CatchUpDelay, Timeout.InfiniteTimeSpan);
    }

    private async Task CatchUpAsync(CancellationToken cancellationToken)
    {
        if (_newest is not { } newest)
            return;
        try
        {
            await Task.WhenAll(
                GrainFactory.GetGrain<IJourneyTriggerGrain>(CustomerKey).CatchUp(newest.Seq),
                GrainFactory.GetGrain<Kasse.Customers.ICustomerGrain>(CustomerKey).ApplyJourneyEvent(newest));
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The next event (or its catch-up) tries again; the consumers re-read the table on a gap.
            LogCatchUpFailed(logger, e.GetType().Name);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey notification not published ({ExceptionType}); the catch-up delivers it")]
    private static partial void LogPublishFailed(ILogger logger, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey catch-up failed ({ExceptionType})")]
    private static partial void LogCatchUpFailed(ILogger logger, string exceptionType);
}
