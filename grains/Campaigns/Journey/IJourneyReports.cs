using Kasse.Campaigns.Journey;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>The read-only queries behind funnels and campaign success (SQL on PostgreSQL, a memory twin otherwise).</summary>
public interface IJourneyReports
{
    /// <summary>Per tariff and Berlin day in [<paramref name="fromUtc"/>, <paramref name="toUtc"/>): distinct customers per step.</summary>
    Task<IReadOnlyList<TariffFunnelDay>> GetFunnelsAsync(DateTimeOffset fromUtc, DateTimeOffset toUtc, string? tariff, CancellationToken cancellationToken = default);

    Task<CampaignSuccess> GetCampaignSuccessAsync(string campaignId, string tariff, int days, CancellationToken cancellationToken = default);
}
