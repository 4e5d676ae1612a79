using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Grains.Campaigns.Batch;
using Kasse.Grains.Campaigns.Journey;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>
/// Funnels and campaign success on seeded data: the SQL on PostgreSQL and the memory twin give the same numbers, and
/// those are the numbers worked out by hand below.
/// </summary>
public sealed class JourneyReportsTests
{
    // 23:30 UTC on 7 Dec is 00:30 on 8 Dec in Berlin: the day boundary is Berlin's.
    private static readonly DateTimeOffset Day1 = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);
    private static readonly DateTimeOffset LateDay1Utc = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    private static IEnumerable<JourneyEvent> Seed()
    {
        var seq = new Dictionary<string, long>();
        JourneyEvent E(string customer, JourneyEventKind kind, string? tariff, DateTimeOffset at)
        {
            var next = seq[customer] = seq.GetValueOrDefault(customer) + 1;
            return new JourneyEvent(customer, next, $"e-{next}", kind, tariff, "/tarife", "portal", at);
        }
        // Krankengeld on 7 Dec: a views twice, selects, starts, completes; b views and selects; c views.
        yield return E("a", JourneyEventKind.TariffViewed, "Krankengeld", Day1);
        yield return E("a", JourneyEventKind.TariffViewed, "Krankengeld", Day1.AddMinutes(1));
        yield return E("a", JourneyEventKind.TariffSelected, "Krankengeld", Day1.AddMinutes(2));
        yield return E("a", JourneyEventKind.ApplicationStarted, "Krankengeld", Day1.AddMinutes(3));
        yield return E("a", JourneyEventKind.ApplicationCompleted, "Krankengeld", Day1.AddMinutes(4));
        yield return E("b", JourneyEventKind.TariffViewed, "Krankengeld", Day1);
        yield return E("b", JourneyEventKind.TariffSelected, "Krankengeld", Day1.AddMinutes(5));
        yield return E("c", JourneyEventKind.TariffViewed, "Krankengeld", Day1);
        yield return E("c", JourneyEventKind.PageView, null, Day1);
        // Berlin's 8 Dec: c completes Krankengeld (started the day before in UTC); d views Zahnzusatz.
        yield return E("c", JourneyEventKind.ApplicationCompleted, "Krankengeld", LateDay1Utc);
        yield return E("d", JourneyEventKind.TariffViewed, "Zahnzusatz", LateDay1Utc);
        // Outside the range (10 Dec).
        yield return E("e", JourneyEventKind.TariffViewed, "Krankengeld", Day1.AddDays(3));
    }

    // Campaign "kg": a, b, c contacted on 6 Dec, x and y control; a and c completed within 7 days, x completes (control).
    private static readonly (string Customer, bool Control, DateTimeOffset At)[] Contacts =
    [
        ("a", false, Day1.AddDays(-1)), ("b", false, Day1.AddDays(-1)), ("c", false, Day1.AddDays(-1)),
        ("x", true, Day1.AddDays(-1)), ("y", true, Day1.AddDays(-1)),
    ];

    private static readonly JourneyEvent ControlCompletion = new("x", 1, "e-x", JourneyEventKind.ApplicationCompleted, "Krankengeld", "/antrag", "portal", Day1);

    private static readonly JourneyEvent LateCompletion = new("b", 3, "e-b3", JourneyEventKind.ApplicationCompleted, "Krankengeld", "/antrag", "portal", Day1.AddDays(10));

    private static void AssertNumbers(IReadOnlyList<TariffFunnelDay> funnels, CampaignSuccess success)
    {
        Assert.Equal(
            [
                new TariffFunnelDay("Krankengeld", new DateOnly(2026, 12, 7), 3, 2, 1, 2), // a and x (control) completed
                new TariffFunnelDay("Krankengeld", new DateOnly(2026, 12, 8), 0, 0, 0, 1),
                new TariffFunnelDay("Zahnzusatz", new DateOnly(2026, 12, 8), 1, 0, 0, 0),
            ],
            funnels);
        Assert.Equal(new CampaignSuccess("kg", "Krankengeld", 7, 3, 2, 2, 1), success);
        Assert.Equal(2.0 / 3 - 0.5, success.Lift!.Value, 6);
    }

    [Fact]
    public async Task Funnels_and_success_from_sql_match_the_seeded_numbers()
    {
        await using var dataSource = NpgsqlDataSource.Create(await PostgresJourneyEventStoreTests.MigratedDatabaseAsync());
        await using (var store = new PostgresJourneyEventStore(dataSource, NullLogger<PostgresJourneyEventStore>.Instance))
        {
            foreach (var e in Seed().Append(ControlCompletion).Append(LateCompletion))
                Assert.True(await store.AppendAsync(e));
        }
        foreach (var (customer, control, at) in Contacts)
        {
            await using var insert = dataSource.CreateCommand(
                "INSERT INTO campaign_contacts (run_id, customer_key, contact_id, campaign_id, target_group, control, at) VALUES ($1, $2, $3, 'kg', 'alle', $4, $5)");
            insert.Parameters.Add(new NpgsqlParameter { Value = Guid.NewGuid() });
            insert.Parameters.Add(new NpgsqlParameter { Value = customer });
            insert.Parameters.Add(new NpgsqlParameter { Value = $"kg:{customer}" });
            insert.Parameters.Add(new NpgsqlParameter { Value = control });
            insert.Parameters.Add(new NpgsqlParameter { Value = at });
            await insert.ExecuteNonQueryAsync();
        }
        var reports = new PostgresJourneyReports(dataSource);

        var funnels = await reports.GetFunnelsAsync(BerlinDays.StartOf(new DateOnly(2026, 12, 7)), BerlinDays.StartOf(new DateOnly(2026, 12, 9)), null);
        var success = await reports.GetCampaignSuccessAsync("kg", "Krankengeld", 7);

        AssertNumbers(funnels, success);
        Assert.Equal([funnels[2]], await reports.GetFunnelsAsync(BerlinDays.StartOf(new DateOnly(2026, 12, 7)), BerlinDays.StartOf(new DateOnly(2026, 12, 9)), "Zahnzusatz"));
    }

    [Fact]
    public async Task Funnels_and_success_from_the_memory_twin_match_the_seeded_numbers()
    {
        var store = new InMemoryJourneyEventStore();
        foreach (var e in Seed().Append(ControlCompletion).Append(LateCompletion))
            Assert.True(await store.AppendAsync(e));
        var contacts = new InMemoryCampaignContactStore();
        await contacts.AddAsync(Contacts.Select(c => new CampaignContactRecord(
            Guid.NewGuid(), c.Customer, $"kg:{c.Customer}", "kg", "alle", c.Control ? null : ContactChannel.Letter, null, c.Control, c.At)).ToList());
        var reports = new InMemoryJourneyReports(store, contacts);

        var funnels = await reports.GetFunnelsAsync(BerlinDays.StartOf(new DateOnly(2026, 12, 7)), BerlinDays.StartOf(new DateOnly(2026, 12, 9)), null);
        var success = await reports.GetCampaignSuccessAsync("kg", "Krankengeld", 7);

        AssertNumbers(funnels, success);
    }
}
