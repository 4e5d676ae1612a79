using Kasse.Campaigns;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary><c>customer_events</c> through the product's store, as the application role: appends, loads, its promises.</summary>
public sealed class PostgresCustomerEventStoreTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public async Task Concurrent_loads_each_get_their_own_window_plus_every_consent_change_and_the_last_seq()
    {
        await using var dataSource = NpgsqlDataSource.Create(await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("ledger"));
        await using var store = new PostgresCustomerEventStore(dataSource, NullLogger<PostgresCustomerEventStore>.Instance);
        var keys = Enumerable.Range(0, 200).Select(i => $"c-{i:D3}").ToArray();
        await Task.WhenAll(keys.Select(async key =>
        {
            await store.AppendAsync(new CustomerEventRecord(key, 1, CustomerEventKind.ConsentChanged, Now.AddDays(-400), "consent-" + key, Consent: """{"changeId":"x"}"""));
            await store.AppendAsync(new CustomerEventRecord(key, 2, CustomerEventKind.ContactReserved, Now.AddDays(-100), "old-" + key,
                ContactChannel.Letter, ContactSource.CampaignBatch, ContactPurpose.Marketing, "magazin", ExpiresAt: Now.AddDays(-99)));
            await store.AppendAsync(new CustomerEventRecord(key, 3, CustomerEventKind.ContactReserved, Now.AddDays(-1), "new-" + key,
                ContactChannel.Banner, ContactSource.Banner, ContactPurpose.Marketing, OfferId: "zahn", ExpiresAt: Now.AddHours(-23)));
            await store.AppendAsync(new CustomerEventRecord(key, 4, CustomerEventKind.OutcomeRecorded, Now.AddDays(-1), "outcome-" + key,
                ContactChannel.Banner, Outcome: ContactOutcome.Click, OfferId: "zahn"));
        }));

        var snapshots = await Task.WhenAll(keys.Select(key => store.ReadAsync(key, Now.AddDays(-30))));
        for (var i = 0; i < keys.Length; i++)
        {
            Assert.Equal(4, snapshots[i].LastSeq);
            Assert.Equal(["consent-" + keys[i], "new-" + keys[i], "outcome-" + keys[i]], snapshots[i].Events.Select(e => e.RefId));
            var reserved = snapshots[i].Events[1];
            Assert.Equal((ContactChannel.Banner, ContactSource.Banner, "zahn", Now.AddHours(-23)), (reserved.Channel, reserved.Source, reserved.OfferId, reserved.ExpiresAt));
            Assert.Equal(ContactOutcome.Click, snapshots[i].Events[2].Outcome);
        }
        var nobody = await store.ReadAsync("c-nobody", Now);
        Assert.Equal((0, 0L), (nobody.Events.Count, nobody.LastSeq));
    }

    [Fact]
    public async Task The_same_event_again_is_accepted_another_event_on_a_taken_seq_is_not_and_rows_cannot_change()
    {
        var connectionString = await (await PostgresServer.SharedAsync()).CreateDatabaseAsync("ledger");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using var store = new PostgresCustomerEventStore(dataSource, NullLogger<PostgresCustomerEventStore>.Instance);
        var reserved = new CustomerEventRecord("c-1", 1, CustomerEventKind.ContactReserved, Now, "k-1", ContactChannel.Letter, ContactSource.CallList, ContactPurpose.Information);
        await store.AppendAsync(reserved);
        await store.AppendAsync(reserved);
        await Assert.ThrowsAsync<InvalidOperationException>(() => store.AppendAsync(reserved with { RefId = "k-2" }));

        await using var update = dataSource.CreateCommand("UPDATE customer_events SET ref_id = 'forged'");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => update.ExecuteNonQueryAsync())).SqlState);
        await using var delete = dataSource.CreateCommand("DELETE FROM contact_policy_versions");
        Assert.Equal(PostgresErrorCodes.InsufficientPrivilege, (await Assert.ThrowsAsync<PostgresException>(() => delete.ExecuteNonQueryAsync())).SqlState);
    }
}
