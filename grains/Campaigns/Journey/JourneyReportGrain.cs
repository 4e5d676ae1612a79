using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Orleans.Concurrency;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>Funnels and campaign success (stateless: the queries read the tables; the web layer only calls here).</summary>
[StatelessWorker]
public sealed class JourneyReportGrain(IJourneyReports reports) : Grain, IJourneyReportGrain
{
    /// <summary>The longest range of days a funnel covers, and the longest success window.</summary>
    public const int MaxDays = 366;

    public Task<IReadOnlyList<TariffFunnelDay>> GetFunnels(DateOnly from, DateOnly to, string? tariff)
    {
        if (to < from || to.DayNumber - from.DayNumber >= MaxDays)
            throw new CampaignException(CampaignErrors.JourneyInvalid, $"Der Zeitraum ist ungültig (von ≤ bis, höchstens {MaxDays} Tage).");
        return reports.GetFunnelsAsync(BerlinDays.StartOf(from), BerlinDays.StartOf(to.AddDays(1)), string.IsNullOrWhiteSpace(tariff) ? null : tariff.Trim());
    }

    public Task<CampaignSuccess> GetCampaignSuccess(string campaignId, string tariff, int days)
    {
        if (string.IsNullOrWhiteSpace(campaignId) || campaignId.Length > 64)
            throw new CampaignException(CampaignErrors.JourneyInvalid, "Die Kampagne fehlt.");
        if (string.IsNullOrWhiteSpace(tariff) || tariff.Length > JourneyEventRules.MaxTariffLength)
            throw new CampaignException(CampaignErrors.JourneyInvalid, "Der Tarif fehlt.");
        if (days is < 1 or > MaxDays)
            throw new CampaignException(CampaignErrors.JourneyInvalid, $"Das Zeitfenster ist ungültig (1–{MaxDays} Tage).");
        return reports.GetCampaignSuccessAsync(campaignId, tariff.Trim(), days);
    }
}
