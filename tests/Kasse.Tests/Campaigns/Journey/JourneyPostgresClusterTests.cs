using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>The journey on two silos and PostgreSQL: the owner is one per customer, the table has every seq once.</summary>
public sealed class JourneyPostgresClusterTests
{
    [Fact]
    public async Task Events_from_both_silos_are_stored_gap_free_once_each_and_reach_the_customer_grain()
    {
        await using var cluster = await JourneyCluster.StartAsync(postgres: true, catchUpDelay: TimeSpan.FromMilliseconds(500), silos: 2);
        var customers = Enumerable.Range(0, 5).Select(_ => $"c-test-{Guid.NewGuid():N}").ToArray();
        var inputs = customers.SelectMany(c => Enumerable.Range(0, 20).Select(i => (Customer: c, Input: new JourneyEventInput(
            $"e-{i}", i % 5 == 0 ? JourneyEventKind.TariffViewed : JourneyEventKind.PageView, i % 5 == 0 ? $"Tarif-{i}" : null, "/tarife", "portal"))))
            .ToArray();
        // Sent through the clients of both silos' gateways, every event twice.
        var results = await Task.WhenAll(inputs.Concat(inputs).Select(x => cluster.Grains.GetGrain<IJourneyGrain>(x.Customer).Track(x.Input)));

        Assert.Equal(inputs.Length, results.Count(r => !r.Duplicate));
        await using var dataSource = NpgsqlDataSource.Create(cluster.ConnectionString!);
        await using var command = dataSource.CreateCommand(
            "SELECT customer_key, count(*), max(seq), count(DISTINCT event_id) FROM journey_events GROUP BY customer_key");
        await using var reader = await command.ExecuteReaderAsync();
        var rows = 0;
        while (await reader.ReadAsync())
        {
            rows++;
            Assert.Equal((20L, 20L, 20L), (reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3)));
        }
        Assert.Equal(customers.Length, rows);
        foreach (var customer in customers)
        {
            var context = await Eventually.ReturnsAsync(
                () => cluster.Grains.GetGrain<ICustomerJourneyGrain>(customer).GetJourneyContext(), c => c.AppliedSeq == 20,
                TimeSpan.FromSeconds(10), "seq 20 applied");
            // The events of one customer raced each other, so which view is the newest is the table's order.
            var stored = await cluster.Store.ReadAsync(customer, 0, 100);
            Assert.Equal(stored.Last(e => e.Kind == JourneyEventKind.TariffViewed).Tariff, context.LastTariffViewed);
        }
    }

    [Fact]
    public async Task A_restarted_cluster_continues_each_journey_after_the_newest_stored_seq()
    {
        var customer = $"c-test-{Guid.NewGuid():N}";
        string database;
        await using (var first = await JourneyCluster.StartAsync(postgres: true, catchUpDelay: TimeSpan.FromSeconds(1)))
        {
            database = first.ConnectionString!;
            var journey = first.Grains.GetGrain<IJourneyGrain>(customer);
            for (var i = 1; i <= 3; i++)
                await journey.Track(new JourneyEventInput($"e-{i}", JourneyEventKind.PageView, null, "/start", "app"));
        }

        await using var second = await JourneyCluster.StartAsync(postgres: true, catchUpDelay: TimeSpan.FromSeconds(1), database: database);
        var again = second.Grains.GetGrain<IJourneyGrain>(customer);
        var retried = await again.Track(new JourneyEventInput("e-2", JourneyEventKind.PageView, null, "/start", "app"));
        var next = await again.Track(new JourneyEventInput("e-4", JourneyEventKind.TariffViewed, "Krankengeld", "/tarife", "app"));

        Assert.Equal(new JourneyTrackResult(2, Duplicate: true), retried);
        Assert.Equal(new JourneyTrackResult(4, Duplicate: false), next);
        var context = await Eventually.ReturnsAsync(
            () => second.Grains.GetGrain<ICustomerJourneyGrain>(customer).GetJourneyContext(), c => c.AppliedSeq == 4,
            TimeSpan.FromSeconds(10), "seq 4 applied");
        Assert.Equal("Krankengeld", context.LastTariffViewed);
    }
}
