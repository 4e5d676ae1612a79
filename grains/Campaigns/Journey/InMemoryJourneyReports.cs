using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Grains.Campaigns.Batch;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The memory twin of <see cref="PostgresJourneyReports"/> over <see cref="InMemoryJourneyEventStore"/> and
/// <see cref="InMemoryCampaignContactStore"/> (the embedded default's journey events and campaign contacts), the same
/// figures as the SQL.
/// </summary>
public sealed class InMemoryJourneyReports(IJourneyEventStore store, ICampaignContactStore contacts) : IJourneyReports
{
    public Task<IReadOnlyList<TariffFunnelDay>> GetFunnelsAsync(
        DateTimeOffset fromUtc, DateTimeOffset toUtc, string? tariff, CancellationToken cancellationToken = default)
    {
        var funnels = Events()
            .Where(e => e.At >= fromUtc && e.At < toUtc && e.Tariff is not null && e.Kind != JourneyEventKind.PageView)
            .Where(e => tariff is null || e.Tariff == tariff)
            .GroupBy(e => (Tariff: e.Tariff!, Day: BerlinDays.DayOf(e.At)))
            .OrderBy(g => g.Key.Tariff, StringComparer.Ordinal).ThenBy(g => g.Key.Day)
            .Select(g => new TariffFunnelDay(
                g.Key.Tariff, g.Key.Day,
                Distinct(g, JourneyEventKind.TariffViewed), Distinct(g, JourneyEventKind.TariffSelected),
                Distinct(g, JourneyEventKind.ApplicationStarted), Distinct(g, JourneyEventKind.ApplicationCompleted)))
            .ToList();
        return Task.FromResult<IReadOnlyList<TariffFunnelDay>>(funnels);
    }

    public Task<CampaignSuccess> GetCampaignSuccessAsync(string campaignId, string tariff, int days, CancellationToken cancellationToken = default)
    {
        var rows = contacts is InMemoryCampaignContactStore memory ? memory.All.Where(c => c.CampaignId == campaignId).ToList() : [];
        var completions = Events()
            .Where(e => e.Kind == JourneyEventKind.ApplicationCompleted && e.Tariff == tariff)
            .ToLookup(e => e.CustomerKey, StringComparer.Ordinal);
        var addressed = rows
            .GroupBy(c => c.CustomerKey, StringComparer.Ordinal)
            .Select(g => (Control: g.Any(c => c.Control), At: g.Min(c => c.At), Customer: g.Key))
            .Select(a => (a.Control, Converted: completions[a.Customer].Any(e => e.At >= a.At && e.At < a.At.AddDays(days))))
            .ToList();
        return Task.FromResult(new CampaignSuccess(
            campaignId, tariff, days,
            addressed.LongCount(a => !a.Control), addressed.LongCount(a => !a.Control && a.Converted),
            addressed.LongCount(a => a.Control), addressed.LongCount(a => a.Control && a.Converted)));
    }

    private IReadOnlyList<JourneyEvent> Events() => store is InMemoryJourneyEventStore memory ? memory.All() : [];

    private static long Distinct(IEnumerable<JourneyEvent> events, JourneyEventKind kind) =>
        events.Where(e => e.Kind == kind).Select(e => e.CustomerKey).Distinct(StringComparer.Ordinal).LongCount();
}
