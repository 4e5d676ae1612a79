using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Campaigns.Nba;
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

    public async Task<CampaignSuccess> GetCampaignSuccess(string campaignId, string? tariff, int days)
    {
        if (string.IsNullOrWhiteSpace(campaignId) || campaignId.Length > 64)
            throw new CampaignException(CampaignErrors.JourneyInvalid, "Die Kampagne fehlt.");
        if (tariff is not null && tariff.Length > JourneyEventRules.MaxTariffLength)
            throw new CampaignException(CampaignErrors.JourneyInvalid, "Der Tarif ist zu lang.");
        if (days is < 1 or > MaxDays)
            throw new CampaignException(CampaignErrors.JourneyInvalid, $"Das Zeitfenster ist ungültig (1–{MaxDays} Tage).");
        var measured = string.IsNullOrWhiteSpace(tariff) ? await TariffOfCampaignAsync(campaignId) : tariff.Trim();
        return await reports.GetCampaignSuccessAsync(campaignId, measured, days);
    }

    /// <summary>
    /// Without a tariff in the request, the campaign's own: its <c>tariff</c>, else the tariff of its offer in the active
    /// catalogue. A campaign that names neither is refused (the caller has to say what counts as a conversion).
    /// </summary>
    private async Task<string> TariffOfCampaignAsync(string campaignId)
    {
        var definition = (await GrainFactory.GetGrain<ICampaignGrain>(campaignId).GetView()).Definition;
        if (!string.IsNullOrWhiteSpace(definition.Tariff))
            return definition.Tariff.Trim();
        if (definition.OfferId is { } offerId)
        {
            var catalog = await GrainFactory.GetGrain<IOfferCatalogGrain>(0).GetActive();
            if (catalog.Document.Offers.FirstOrDefault(o => o.Id == offerId)?.Tariff is { Length: > 0 } offerTariff)
                return offerTariff;
        }
        throw new CampaignException(CampaignErrors.JourneyInvalid, "Der Tarif fehlt: die Kampagne nennt weder einen Tarif noch ein Angebot mit Tarif.");
    }
}
