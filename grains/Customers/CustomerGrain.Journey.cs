using Kasse.Campaigns;

namespace Kasse.Grains.Customers;

// The journey context (issue 13): built by h13-journey; this placeholder refuses until then.
public sealed partial class CustomerGrain
{
    public Task ApplyJourneyEvent(JourneyEvent journeyEvent) =>
        throw new NotSupportedException($"{nameof(CustomerGrain)}: the journey is not built yet ({journeyStore}).");

    /// <summary>
    /// The tariff this person looked at last and when, for <see cref="CustomerFacts"/> (GetFacts, in the contacts
    /// part). h13-journey implements it (loaded lazily from the journey store, then kept current by ApplyJourneyEvent).
    /// </summary>
    private Task<(string? Tariff, DateTimeOffset? At)> LastTariffViewedAsync() => Task.FromResult<(string?, DateTimeOffset?)>((null, null));
}
