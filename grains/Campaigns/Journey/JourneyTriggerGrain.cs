using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Grains.Common;
using Microsoft.Extensions.Logging;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// Hands one customer's journey events to the active triggered campaigns, each event once and in seq order. Fed by the
/// journey stream (implicit subscription); the table is the truth: an event whose seq is not the next one makes it read
/// the missed events from <c>journey_events</c>, and <see cref="CatchUp"/> (sent by the journey owner after a quiet
/// spell) does the same for a lost last notification. Its state is only the last seq handled (written after the
/// campaigns were asked; a repeat after a crash is harmless, Trigger is idempotent per campaign, customer and seq).
/// </summary>
[ImplicitStreamSubscription(JourneyStream.Namespace)]
public sealed partial class JourneyTriggerGrain(
    [PersistentState("journey-trigger", StorageNames.Default)] IPersistentState<JourneyTriggerGrain.State> state,
    IJourneyEventStore store,
    ICampaignTriggers triggers,
    JourneyOptions options,
    TimeProvider clock,
    ILogger<JourneyTriggerGrain> logger) : Grain, IJourneyTriggerGrain, IStreamSubscriptionObserver
{
    private const int ReadPage = 100;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<JourneyEvent>().ResumeAsync((journeyEvent, _) => OnEventAsync(journeyEvent));

    public Task CatchUp(long lastSeq) => ReadMissedAsync(lastSeq);

    public Task<long> GetCheckpoint() => Task.FromResult(state.State.LastSeq);

    private async Task OnEventAsync(JourneyEvent journeyEvent)
    {
        if (journeyEvent.Seq <= state.State.LastSeq)
            return; // handled already (a catch-up came first)
        if (journeyEvent.Seq == state.State.LastSeq + 1)
        {
            await HandleAsync(journeyEvent);
            return;
        }
        LogGap(logger, state.State.LastSeq, journeyEvent.Seq);
        await ReadMissedAsync(journeyEvent.Seq);
    }

    private async Task ReadMissedAsync(long lastSeq)
    {
        while (state.State.LastSeq < lastSeq)
        {
            var page = await store.ReadAsync(this.GetPrimaryKeyString(), state.State.LastSeq, ReadPage);
            if (page.Count == 0)
                return;
            foreach (var journeyEvent in page)
                await HandleAsync(journeyEvent);
        }
    }

    private async Task HandleAsync(JourneyEvent journeyEvent)
    {
        if (clock.GetUtcNow() - journeyEvent.At <= options.TriggerMaxAge)
        {
            foreach (var campaignId in await triggers.ListTriggeredAsync(journeyEvent.Kind))
            {
                try
                {
                    await triggers.TriggerAsync(campaignId, journeyEvent);
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // One campaign's refusal or failure must not hold up the others nor the customer's later events.
                    LogTriggerFailed(logger, campaignId, e.GetType().Name);
                }
            }
        }
        state.State.LastSeq = journeyEvent.Seq;
        await state.WriteOrDeactivateAsync(this);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Journey trigger: gap after seq {LastSeq} (got {Seq}), reading the table")]
    private static partial void LogGap(ILogger logger, long lastSeq, long seq);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Journey trigger for campaign {CampaignId} failed ({ExceptionType})")]
    private static partial void LogTriggerFailed(ILogger logger, string campaignId, string exceptionType);

    [GenerateSerializer, Alias("Kasse.Grains.Campaigns.Journey.JourneyTriggerGrain.State")]
    public sealed class State
    {
        [Id(0)] public long LastSeq { get; set; }
    }
}
