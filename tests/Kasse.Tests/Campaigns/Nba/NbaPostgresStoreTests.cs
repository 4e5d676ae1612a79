using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Campaigns.Nba;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>The PostgreSQL stores of the engine on a migrated throwaway database, as the application role (append-only).</summary>
public sealed class NbaPostgresStoreTests
{
    private static async Task<NpgsqlDataSource> DataSourceAsync() =>
        NpgsqlDataSource.Create(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("nba"));

    [Fact]
    public async Task Catalogue_versions_round_trip_and_a_version_number_is_taken_once()
    {
        await using var dataSource = await DataSourceAsync();
        var store = new PostgresOfferCatalogStore(dataSource);
        var first = new OfferCatalogVersion(1, DemoOfferCatalog.Document, DateTimeOffset.UtcNow, "system");
        Assert.True(await store.AppendAsync(first));
        Assert.False(await store.AppendAsync(first with { PublishedBy = "someone" }));
        Assert.True(await store.AppendAsync(first with { Version = 2 }));

        var newest = await store.ReadNewestAsync(10);
        Assert.Equal([2, 1], newest.Select(v => v.Version));
        var read = newest[1].Document.Offers[0];
        var original = DemoOfferCatalog.Document.Offers[0];
        Assert.Equal((original.Id, original.De, original.Eligibility, original.BusinessValue), (read.Id, read.De, read.Eligibility, read.BusinessValue));
        Assert.Equal(original.ContextWeights.OrderBy(w => w.Key), read.ContextWeights.OrderBy(w => w.Key));
    }

    [Fact]
    public async Task Decisions_and_outcomes_are_logged_once()
    {
        await using var dataSource = await DataSourceAsync();
        await using var log = new PostgresNbaDecisionLog(dataSource, NullLogger<PostgresNbaDecisionLog>.Instance);
        var decisionId = Guid.NewGuid();
        var record = new NbaDecisionRecord(decisionId, "bonusprogramm", "c-1", DateTimeOffset.UtcNow, ContactChannel.Banner, ContactSource.Banner,
            "portal", $"nba:{decisionId:N}:bonusprogramm", 1, 0.42, 12.5, 4, 3);
        await Task.WhenAll(log.AppendDecisionsAsync([record]), log.AppendDecisionsAsync([record with { DecisionId = Guid.NewGuid() }]));
        await log.AppendDecisionsAsync([record]); // a repeated decision changes nothing

        var found = await log.FindAsync(decisionId, "bonusprogramm");
        Assert.NotNull(found);
        Assert.Equal((record.CustomerKey, record.Probability, record.ContactId, record.Channel, record.CatalogVersion),
            (found.CustomerKey, found.Probability, found.ContactId, found.Channel, found.CatalogVersion));
        Assert.Null(await log.FindAsync(decisionId, "praeventionskurs"));
        Assert.Equal(2, (await log.ReadRecentAsync(10)).Count);

        var outcome = new NbaOutcomeRecord(decisionId, "click-1", "bonusprogramm", ContactOutcome.Click, DateTimeOffset.UtcNow);
        Assert.True(await log.AppendOutcomeAsync(outcome));
        Assert.False(await log.AppendOutcomeAsync(outcome));
    }

    [Fact]
    public async Task A_decision_is_one_trial_and_at_most_one_success()
    {
        await using var dataSource = await DataSourceAsync();
        var store = new PostgresOfferRewardStore(dataSource);
        var first = Guid.NewGuid();
        var second = Guid.NewGuid();
        Assert.Equal((true, false), await store.RecordAsync(first, "selbstbehalt", ContactChannel.Banner, false, DateTimeOffset.UtcNow));
        Assert.Equal((false, true), await store.RecordAsync(first, "selbstbehalt", ContactChannel.Banner, true, DateTimeOffset.UtcNow));
        Assert.Equal((false, false), await store.RecordAsync(first, "selbstbehalt", ContactChannel.Banner, true, DateTimeOffset.UtcNow));
        Assert.Equal((true, false), await store.RecordAsync(second, "selbstbehalt", ContactChannel.Banner, false, DateTimeOffset.UtcNow));

        Assert.Equal((2L, 1L), await store.CountAsync("selbstbehalt", ContactChannel.Banner));
        Assert.Equal((0L, 0L), await store.CountAsync("selbstbehalt", ContactChannel.Phone));
    }
}
