using Kasse.Campaigns;
using Kasse.Campaigns.Journey;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// The memory twin of <see cref="PostgresJourneyReports"/> over <see cref="InMemoryJourneyEventStore"/>. Funnels are
/// complete; campaign success needs the campaigns' contact records, which the embedded default keeps inside the
/// campaign part — here they come from <see cref="RecordContact"/> (tests), so the embedded page shows zero until then.
/// </summary>
public sealed class InMemoryJourneyReports(IJourneyEventStore store) : IJourneyReports
{
    private readonly List<(string CampaignId, string CustomerKey, bool Control, DateTimeOffset At)> _contacts = [];

    public void RecordContact(string campaignId, string customerKey, bool control, DateTimeOffset at)
    {
        lock (_contacts)
            _contacts.Add((campaignId, customerKey, control, at));
    }

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
        List<(string CampaignId, string CustomerKey, bool Control, DateTimeOffset At)> contacts;
        lock (_contacts)
            contacts = [.. _contacts.Where(c => c.CampaignId == campaignId)];
        var completions = Events()
            .Where(e => e.Kind == JourneyEventKind.ApplicationCompleted && e.Tariff == tariff)
            .ToLookup(e => e.CustomerKey, StringComparer.Ordinal);
        var addressed = contacts
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
