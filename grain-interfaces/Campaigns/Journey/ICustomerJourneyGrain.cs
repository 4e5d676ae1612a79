namespace Kasse.Campaigns.Journey;

/// <summary>
/// The journey context the customer grain keeps (the same grain as <c>ICustomerGrain</c>, keyed by the customer key):
/// what next best action and the admin read without asking for the person's whole facts.
/// </summary>
[Alias("Kasse.Campaigns.Journey.ICustomerJourneyGrain")]
public interface ICustomerJourneyGrain : IGrainWithStringKey
{
    [Alias("GetJourneyContext")]
    Task<CustomerJourneyContext> GetJourneyContext();
}

/// <summary>The tariff this person looked at last and when, and the newest journey seq the customer grain has applied.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Journey.CustomerJourneyContext")]
public sealed record CustomerJourneyContext(
    [property: Id(0)] string? LastTariffViewed,
    [property: Id(1)] DateTimeOffset? LastTariffViewedAt,
    [property: Id(2)] long AppliedSeq);
