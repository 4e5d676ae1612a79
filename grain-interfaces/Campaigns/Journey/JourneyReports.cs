namespace Kasse.Campaigns.Journey;

/// <summary>Funnels and campaign success for the admin (stateless; reads <c>journey_events</c> and <c>campaign_contacts</c>).</summary>
[Alias("Kasse.Campaigns.Journey.IJourneyReportGrain")]
public interface IJourneyReportGrain : IGrainWithIntegerKey
{
    /// <summary>Per tariff and day (Europe/Berlin) the distinct customers at each step, days <paramref name="from"/>..<paramref name="to"/> inclusive.</summary>
    [Alias("GetFunnels")]
    Task<IReadOnlyList<TariffFunnelDay>> GetFunnels(DateOnly from, DateOnly to, string? tariff);

    /// <summary>
    /// Conversion of a campaign: customers who completed an application for <paramref name="tariff"/> within
    /// <paramref name="days"/> days after their contact (or control record), contacted vs control group. Without a
    /// tariff: the campaign's own (its <c>tariff</c>, else its offer's); <c>CAMPAIGN_NOT_FOUND</c> for an unknown campaign.
    /// </summary>
    [Alias("GetCampaignSuccess")]
    Task<CampaignSuccess> GetCampaignSuccess(string campaignId, string? tariff, int days);
}

/// <summary>Distinct customers per funnel step of one tariff on one day.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Journey.TariffFunnelDay")]
public sealed record TariffFunnelDay(
    [property: Id(0)] string Tariff,
    [property: Id(1)] DateOnly Day,
    [property: Id(2)] long Viewed,
    [property: Id(3)] long Selected,
    [property: Id(4)] long Started,
    [property: Id(5)] long Completed);

/// <summary>
/// Contacted and control customers of a campaign, how many of each converted, and the rates; <see cref="Lift"/> is
/// contacted rate minus control rate (percentage points as a fraction), null without a control group.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.Journey.CampaignSuccess")]
public sealed record CampaignSuccess(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Tariff,
    [property: Id(2)] int Days,
    [property: Id(3)] long Contacted,
    [property: Id(4)] long ContactedConverted,
    [property: Id(5)] long Control,
    [property: Id(6)] long ControlConverted)
{
    public double? ContactedRate => Contacted == 0 ? null : (double)ContactedConverted / Contacted;

    public double? ControlRate => Control == 0 ? null : (double)ControlConverted / Control;

    public double? Lift => ContactedRate is { } c && ControlRate is { } k ? c - k : null;
}
