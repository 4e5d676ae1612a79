using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Secrets;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>The secret store, in memory and on PostgreSQL, answers the same: latest issue, case by hash, cases without.</summary>
public sealed class PinSecretStoreTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 7, 8, 0, 0, TimeSpan.Zero);

    [Fact]
    public Task The_memory_store_finds_the_latest_issue_and_the_case_by_token_and_by_pin() =>
        FindsAsync(new InMemoryPinSecretStore());

    [Fact]
    public async Task The_postgres_store_finds_the_latest_issue_and_the_case_by_token_and_by_pin()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pinsecrets");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await FindsAsync(new PostgresPinSecretStore(dataSource));
    }

    private static async Task FindsAsync(IPinSecretStore store)
    {
        var secrets = PinSecretsTests.Create();
        var first = secrets.Issue("V1", 1, "b1", At);
        var second = secrets.Issue("V1", 2, "b2", At.AddDays(1));
        var other = secrets.Issue("V2", 1, "b1", At);
        await store.AddAsync([first.Record, other.Record]);
        await store.AddAsync([second.Record]);

        var latest = await store.LatestAsync("V1");
        Assert.NotNull(latest);
        Assert.Equal(2, latest.IssueNo);
        Assert.Equal(second.Record.PinHash, latest.PinHash);
        Assert.Equal(second.Record.ExpiresAt, latest.ExpiresAt);
        Assert.Null(await store.LatestAsync("V3"));
        Assert.Equal("V1", await store.CaseOfTokenAsync(secrets.HashToken(first.LinkToken)));
        Assert.Equal("V2", await store.CaseOfPinAsync(secrets.LookupOf(other.Pin)));
        Assert.Null(await store.CaseOfPinAsync(secrets.LookupOf(PinSecrets.NewPin())));
        Assert.Equal(["V3"], await store.WithoutSecretsAsync(["V1", "V2", "V3"]));
        var latestOf = await store.LatestOfAsync(["V1", "V2", "V3"]);
        Assert.Equal([("V1", 2), ("V2", 1)], latestOf.Select(r => (r.CaseNumber, r.IssueNo)).OrderBy(p => p.CaseNumber));
        // An issue number is never written twice.
        await Assert.ThrowsAnyAsync<Exception>(() => store.AddAsync([secrets.Issue("V2", 1, "b3", At).Record]));
    }
}
