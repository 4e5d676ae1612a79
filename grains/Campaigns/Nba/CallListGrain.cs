using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Audit;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.EinmalPin;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// Builds one team's call list for one day: master data in key order (pre-filtered: the team's regions, a phone, the
/// advertising consent), the engine decides per person on the phone channel (the customer grain has the last word on
/// the policy), until the list is full. The state keeps only keys and reservations (bounded by <see cref="MaxEntries"/>);
/// names and numbers are joined from the master data when the list is read.
/// </summary>
public sealed class CallListGrain(
    [PersistentState("call-list", StorageNames.Default)] IPersistentState<CallListGrain.State> state,
    NextBestActionEngine engine,
    ICustomerMasterStore masterData,
    ActiveOfferCatalog catalog,
    IAuditTrail audit,
    TimeProvider clock) : Grain, ICallListGrain
{
    public const int MaxEntries = 1_000;
    public const string Read = "nba.call-list.read";
    private const int PageSize = 500;

    public async Task<IReadOnlyList<CallListEntry>> Get(int max, string by)
    {
        var (team, day) = ParseKey(this.GetPrimaryKeyString());
        if (!state.State.Built)
        {
            await BuildAsync(team, day, Math.Clamp(max, 1, MaxEntries));
            state.State.Built = true;
            state.State.BuiltBy = by;
            await state.WriteStateAsync();
        }
        // The list holds names and phone numbers: every read is audited.
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), by, "Integrator", Read, "call-list", this.GetPrimaryKeyString(), null));
        var compiled = await catalog.GetAsync();
        var entries = new List<CallListEntry>(state.State.Entries.Count);
        foreach (var entry in state.State.Entries)
        {
            var master = await masterData.GetAsync(entry.CustomerKey);
            if (master?.Phone is null)
                continue; // gone from the master data since
            var title = compiled.ById.TryGetValue(entry.OfferId, out var offer) ? offer.Definition.De.Title : entry.OfferId;
            entries.Add(new CallListEntry(master.Kvnr, master.GivenName, master.FamilyName, master.Phone, entry.OfferId, title, entry.DecisionId,
                NextBestActionEngine.ContactIdOf(entry.DecisionId, entry.OfferId)));
        }
        return entries;
    }

    public static readonly IReadOnlyList<string> Header =
        ["Team", "Tag", "KVNR", "Vorname", "Nachname", "Telefon", "Angebot", "Angebotstitel", "Entscheidung", "Kontakt"];

    public async Task<byte[]> GetCsv(int max, string by)
    {
        var (team, day) = ParseKey(this.GetPrimaryKeyString());
        var entries = await Get(max, by);
        var csv = new StringBuilder("\uFEFF").Append(CsvCells.Line(Header));
        foreach (var e in entries)
            csv.Append(CsvCells.Line(team, day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), e.Kvnr, e.GivenName, e.FamilyName, e.Phone,
                e.OfferId, e.OfferTitle, e.DecisionId.ToString(), e.ContactId));
        return Encoding.UTF8.GetBytes(csv.ToString());
    }

    private async Task BuildAsync(string team, DateOnly day, int max)
    {
        // Reservations hold until the end of the day's working hours at the latest.
        var ttl = TimeSpan.FromHours(14);
        string? after = null;
        while (state.State.Entries.Count < max)
        {
            var page = await masterData.ReadPageAsync(after, PageSize);
            if (page.Count == 0)
                break;
            after = page[^1].CustomerKey;
            foreach (var row in page)
            {
                if (state.State.Entries.Count >= max)
                    break;
                if (string.IsNullOrWhiteSpace(row.Phone) || !row.AdvertisingConsent || !CallListTeams.Serves(team, row.PostalCode))
                    continue;
                var decisionId = DecisionIdOf(team, day, row.CustomerKey);
                var decision = await engine.DecideAsync(new NbaRequest(decisionId, row.CustomerKey, ContactChannel.Phone, ContactSource.CallList,
                    $"call-list-{team}", 1, ttl));
                if (decision.Offers.Count == 1)
                    state.State.Entries.Add(new Entry(row.CustomerKey, decision.Offers[0].OfferId, decisionId));
            }
        }
    }

    /// <summary>The same decision id for the same team, day and person: a build repeated after a crash reserves nothing twice.</summary>
    public static Guid DecisionIdOf(string team, DateOnly day, string customerKey) =>
        new(SHA256.HashData(Encoding.UTF8.GetBytes($"call-list|{team}|{day:yyyy-MM-dd}|{customerKey}")).AsSpan(0, 16));

    public static string KeyOf(string team, DateOnly day) => $"{team}|{day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)}";

    private static (string Team, DateOnly Day) ParseKey(string key)
    {
        var bar = key.IndexOf('|', StringComparison.Ordinal);
        if (bar < 0 || !CallListTeams.Regions.ContainsKey(key[..bar])
            || !DateOnly.TryParseExact(key[(bar + 1)..], "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var day))
            throw new CampaignException(CampaignErrors.OfferInvalid, $"a call list is named by a team ({string.Join(", ", CallListTeams.Regions.Keys)}) and a day (yyyy-MM-dd)");
        return (key[..bar], day);
    }

    [GenerateSerializer, Alias("Kasse.Grains.Campaigns.Nba.CallListGrain.State")]
    public sealed class State
    {
        [Id(0)] public bool Built { get; set; }

        [Id(1)] public string? BuiltBy { get; set; }

        [Id(2)] public List<Entry> Entries { get; set; } = [];
    }

    [GenerateSerializer, Immutable, Alias("Kasse.Grains.Campaigns.Nba.CallListGrain.Entry")]
    public sealed record Entry([property: Id(0)] string CustomerKey, [property: Id(1)] string OfferId, [property: Id(2)] Guid DecisionId);
}
