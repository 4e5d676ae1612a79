using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Campaigns.Batch;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>
/// The acceptance test of the contact policy across its real sources: a campaign batch run (campaign grain), banner
/// decisions and agent-desktop suggestions (next-best-action grain) for the same customers, at once, from both silos
/// of a PostgreSQL cluster. The customer ledger (<c>customer_events</c> and the customer grain) then holds no customer
/// over a limit, overall or per channel, and every confirmed contact exactly once, each owned by exactly one source.
/// </summary>
public sealed class ContactSourcesClusterTests
{
    private const string CampaignId = "werbung-brief";
    private const string PostalCode = "28195";
    private const int Customers = 24;
    private const int OverallMax = 2;

    // Every channel a source uses may be used once; all of them together only twice: the three sources race for the
    // overall limit, so the per-customer winner depends on timing, the totals must not.
    private static readonly ContactChannel[] Channels =
        [ContactChannel.Letter, ContactChannel.Email, ContactChannel.AppPush, ContactChannel.Banner, ContactChannel.AgentDesktop];

    private static readonly ContactPolicyDocument Policy = new(
        [
            new ContactLimit("Alle Kontakte: 2 in 7 Tagen", OverallMax, 7),
            .. Channels.Select(c => new ContactLimit($"{c}: 1 in 7 Tagen", 1, 7, null, [c])),
        ],
        [],
        []);

    [Fact]
    public async Task A_batch_run_banners_and_agent_suggestions_at_once_on_two_silos_keep_every_limit_and_confirm_each_contact_once()
    {
        await using var cluster = await PolicyCluster.StartAsync(2, postgres: true, Policy);
        var people = Enumerable.Range(0, Customers)
            .Select(i => CampaignSamples.Customer(i, "src", PreferredChannel.Post, postalCode: PostalCode, birthYear: 1980)).ToList();
        await cluster.ServiceOf<ICustomerMasterStore>(0).UpsertAsync(people, Guid.NewGuid());
        var keys = people.Select(p => p.CustomerKey).ToList();
        var silos = new[] { cluster.GrainsOf(0), cluster.GrainsOf(1) };
        var campaign = silos[0].GetGrain<ICampaignGrain>(CampaignId);
        await campaign.Save(CampaignSamples.Magazine(postalCode: PostalCode, controlPercent: 10) with { Purpose = ContactPurpose.Marketing }, "admin");

        // All at once: the run starts in the background on activation; banners (3 per customer) and agent suggestions
        // (2 per customer, up to 3 offers each) alternate between the silos.
        var activation = campaign.Activate("admin");
        var banners = keys.SelectMany((key, i) => Enumerable.Range(0, 3).Select(n => DecideAsync(key, ContactOutcome.Impression, () =>
            silos[(i + n) % 2].GetGrain<INbaGrain>(0).Decide(new NbaRequest(Guid.NewGuid(), key, ContactChannel.Banner, ContactSource.Banner, "portal")))));
        var suggestions = keys.SelectMany((key, i) => Enumerable.Range(0, 2).Select(n => DecideAsync(key, ContactOutcome.Accept, () =>
            silos[(i + n + 1) % 2].GetGrain<INbaGrain>(0).SuggestForAgent(Guid.NewGuid(), key, "agent-mueller", "Agent", 3))));
        var offers = Task.WhenAll(banners.Concat(suggestions));
        await Task.WhenAll(activation, offers);
        var view = await Eventually.ReturnsAsync(campaign.GetView, v => v.Status == CampaignStatus.Completed, TimeSpan.FromSeconds(60), "the run to end");

        // Shown banners and accepted suggestions confirm their contacts (reported on both silos).
        var decisions = (await offers).SelectMany(d => d.Decision.Offers.Select(o => (d.Key, d.Decision.DecisionId, Offer: o, d.Outcome))).ToList();
        await Task.WhenAll(decisions.Select((d, i) => silos[i % 2].GetGrain<INbaGrain>(0)
            .ReportOutcome(d.Key, new NbaOutcome($"o-{i}", d.DecisionId, d.Offer.OfferId, d.Outcome))));

        var run = view.CurrentRun!;
        var rows = await CampaignRowsAsync(cluster);
        var batchContacts = rows.Where(r => !r.Control).Select(r => r.ContactId).ToList();
        Assert.Equal(run.Contacted.Values.Sum(), batchContacts.Count);
        var nbaContacts = decisions.Select(d => d.Offer.ContactId).ToList();
        Assert.True(batchContacts.Count > 0 && nbaContacts.Count > 0, $"{batchContacts.Count} batch contacts, {nbaContacts.Count} offers");
        Assert.Equal(nbaContacts.Count, nbaContacts.Distinct().Count());

        // The stored ledger: each confirmed contact once, each owned by exactly one source, nothing reserved that is not confirmed.
        var ledger = await LedgerAsync(cluster, keys);
        var confirmed = ledger.Where(e => e.Kind == CustomerEventKind.ContactConfirmed).Select(e => e.RefId).ToList();
        Assert.Equal(confirmed.Count, confirmed.Distinct().Count());
        Assert.Equal(batchContacts.Concat(nbaContacts).Order(StringComparer.Ordinal), confirmed.Order(StringComparer.Ordinal));
        Assert.Equal(confirmed.Order(StringComparer.Ordinal), ledger.Where(e => e.Kind == CustomerEventKind.ContactReserved).Select(e => e.RefId).Order(StringComparer.Ordinal));
        var controlKeys = rows.Where(r => r.Control).Select(r => r.CustomerKey).ToHashSet();
        Assert.DoesNotContain(ledger, e => e.Source == ContactSource.CampaignBatch && controlKeys.Contains(e.CustomerKey));

        // The customer grains agree, and no one is over a limit: overall, and per channel.
        var reachedOverall = 0;
        foreach (var key in keys)
        {
            var contacts = (await silos[1].GetGrain<ICustomerGrain>(key).GetContactView()).Contacts
                .Where(c => c.Status is ContactStatus.Confirmed or ContactStatus.Reserved).ToList();
            Assert.All(contacts, c => Assert.Equal(ContactStatus.Confirmed, c.Status));
            Assert.Equal(ledger.Where(e => e.CustomerKey == key && e.Kind == CustomerEventKind.ContactConfirmed).Select(e => e.RefId).Order(StringComparer.Ordinal),
                contacts.Select(c => c.ContactId).Order(StringComparer.Ordinal));
            Assert.InRange(contacts.Count, 0, OverallMax);
            foreach (var channel in Channels)
                Assert.InRange(contacts.Count(c => c.Channel == channel), 0, 1);
            if (contacts.Count == OverallMax)
                reachedOverall++;
        }
        // Demand was higher than the limits everywhere (a letter and two offer channels for two slots): every customer is full.
        Assert.Equal(Customers, reachedOverall);
    }

    private static async Task<(string Key, NbaDecision Decision, ContactOutcome Outcome)> DecideAsync(string key, ContactOutcome outcome, Func<Task<NbaDecision>> decide) =>
        (key, await Task.Run(decide), outcome);

    private static async Task<List<(string CustomerKey, string ContactId, bool Control)>> CampaignRowsAsync(PolicyCluster cluster)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT customer_key, contact_id, control FROM campaign_contacts WHERE campaign_id = $1", connection);
        command.Parameters.AddWithValue(CampaignId);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, string, bool)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), reader.GetString(1), reader.GetBoolean(2)));
        return rows;
    }

    private static async Task<List<(string CustomerKey, CustomerEventKind Kind, string RefId, ContactSource? Source)>> LedgerAsync(PolicyCluster cluster, IReadOnlyList<string> keys)
    {
        await using var connection = new NpgsqlConnection(cluster.ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT customer_key, kind, ref_id, source FROM customer_events WHERE customer_key = ANY($1) ORDER BY customer_key, seq", connection);
        command.Parameters.AddWithValue(keys.ToArray());
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(string, CustomerEventKind, string, ContactSource?)>();
        while (await reader.ReadAsync())
            rows.Add((reader.GetString(0), (CustomerEventKind)reader.GetInt16(1), reader.GetString(2), reader.IsDBNull(3) ? null : (ContactSource)reader.GetInt16(3)));
        return rows;
    }
}
