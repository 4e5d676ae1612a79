using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Orleans.Streams;
using Orleans.Streams.Core;

namespace Kasse.Grains.Customers;

// The journey context (issue 13): the tariff the person looked at last, fed by the journey stream (implicit
// subscription) and by the journey owner's catch-up. Nothing of it is in grain state: it is read from the journey
// table when first needed (two index lookups), kept current by the events, and read again when their seq shows a gap.
[ImplicitStreamSubscription(JourneyStream.Namespace)]
public sealed partial class CustomerGrain : IStreamSubscriptionObserver, ICustomerJourneyGrain
{
    private CustomerJourneyContext? _journey;

    public async Task OnSubscribed(IStreamSubscriptionHandleFactory handleFactory) =>
        await handleFactory.Create<JourneyEvent>().ResumeAsync((journeyEvent, _) => ApplyJourneyEvent(journeyEvent));

    public async Task ApplyJourneyEvent(JourneyEvent journeyEvent)
    {
        ArgumentNullException.ThrowIfNull(journeyEvent);
        if (journeyEvent.CustomerKey != this.GetPrimaryKeyString())
            throw new ArgumentException("The journey event belongs to another customer.", nameof(journeyEvent));
        var journey = await JourneyContextAsync();
        if (journeyEvent.Seq <= journey.AppliedSeq)
            return; // known already (loaded with the table, or delivered twice)
        if (journeyEvent.Seq == journey.AppliedSeq + 1)
            _journey = Applied(journey, journeyEvent);
        else
            _journey = await ReadJourneyContextAsync(); // a notification was lost: the table has it
    }

    public async Task<CustomerJourneyContext> GetJourneyContext() => await JourneyContextAsync();

    /// <summary>
    /// The tariff this person looked at last and when, for <see cref="CustomerFacts"/> (GetFacts, in the contacts
    /// part): loaded lazily from the journey store, then kept current by ApplyJourneyEvent.
    /// </summary>
    private async ValueTask<(string? Tariff, DateTimeOffset? At)> LastTariffViewedAsync()
    {
        var journey = await JourneyContextAsync();
        return (journey.LastTariffViewed, journey.LastTariffViewedAt);
    }

    private async ValueTask<CustomerJourneyContext> JourneyContextAsync() => _journey ??= await ReadJourneyContextAsync();

    private async Task<CustomerJourneyContext> ReadJourneyContextAsync()
    {
        var tail = await journeyStore.ReadTailAsync(this.GetPrimaryKeyString());
        return new CustomerJourneyContext(tail.LastTariffViewed?.Tariff, tail.LastTariffViewed?.At, tail.LastSeq);
    }

    private static CustomerJourneyContext Applied(CustomerJourneyContext journey, JourneyEvent journeyEvent) =>
        journeyEvent.Kind == JourneyEventKind.TariffViewed
            ? new CustomerJourneyContext(journeyEvent.Tariff, journeyEvent.At, journeyEvent.Seq)
            : journey with { AppliedSeq = journeyEvent.Seq };
}
