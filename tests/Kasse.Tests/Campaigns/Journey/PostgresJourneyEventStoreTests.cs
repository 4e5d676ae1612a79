using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary><c>journey_events</c> through the product's store on a migrated throwaway PostgreSQL.</summary>
public sealed class PostgresJourneyEventStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 9, 30, 0, TimeSpan.Zero);

    internal static async Task<string> MigratedDatabaseAsync()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("journey");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    private static JourneyEvent Event(string customer, long seq, string eventId, JourneyEventKind kind, string? tariff) =>
        new(customer, seq, eventId, kind, tariff, "/tarife", "portal", At.AddMinutes(seq));

    [Fact]
    public async Task A_retried_event_id_is_skipped_and_a_taken_seq_fails_only_its_caller()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var store = new PostgresJourneyEventStore(dataSource, NullLogger<PostgresJourneyEventStore>.Instance);

        // Back to back, so they share a batch.
        var appends = new[]
        {
            store.AppendAsync(Event("c-a", 1, "e-1", JourneyEventKind.TariffViewed, "Krankengeld")),
            store.AppendAsync(Event("c-a", 2, "e-2", JourneyEventKind.PageView, null)),
            store.AppendAsync(Event("c-b", 1, "e-1", JourneyEventKind.TariffViewed, "Zahnzusatz")),
        };
        Assert.All(await Task.WhenAll(appends), Assert.True);
        Assert.False(await store.AppendAsync(Event("c-a", 3, "e-1", JourneyEventKind.TariffViewed, "Krankengeld")));
        await Assert.ThrowsAsync<PostgresException>(() => store.AppendAsync(Event("c-a", 2, "e-3", JourneyEventKind.PageView, null)));

        var stored = await store.ReadAsync("c-a", 0, 10);
        Assert.Equal(["e-1", "e-2"], stored.Select(e => e.EventId));
        Assert.Equal(Event("c-a", 1, "e-1", JourneyEventKind.TariffViewed, "Krankengeld"), stored[0]);
        Assert.Equal(["e-2"], (await store.ReadAsync("c-a", 1, 10)).Select(e => e.EventId));
        Assert.Equal(2, (await store.FindAsync("c-a", "e-2"))!.Seq);
        Assert.Null(await store.FindAsync("c-a", "e-9"));
    }

    [Fact]
    public async Task The_tail_is_the_newest_seq_and_the_newest_tariff_viewed()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync());
        await using var store = new PostgresJourneyEventStore(dataSource, NullLogger<PostgresJourneyEventStore>.Instance);
        Assert.Equal(new JourneyTail(0, null), await store.ReadTailAsync("c-a"));

        await store.AppendAsync(Event("c-a", 1, "e-1", JourneyEventKind.TariffViewed, "Krankengeld"));
        await store.AppendAsync(Event("c-a", 2, "e-2", JourneyEventKind.TariffViewed, "Zahnzusatz"));
        await store.AppendAsync(Event("c-a", 3, "e-3", JourneyEventKind.TariffSelected, "Krankengeld"));

        var tail = await store.ReadTailAsync("c-a");
        Assert.Equal(3, tail.LastSeq);
        Assert.Equal(("e-2", "Zahnzusatz"), (tail.LastTariffViewed!.EventId, tail.LastTariffViewed.Tariff));
    }
}
