using Kasse.Grains.Inbox;
using Kasse.Inbox;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;

namespace Kasse.Tests.Inbox;

/// <summary>
/// What a queue reads from the history when it rebuilds after a failure: the items whose latest event leaves them
/// waiting or offered in that queue, and nothing else, page by page, from an index of open items.
/// </summary>
public sealed class QueueRebuildReadTests
{
    private static readonly DateTimeOffset At = new(2026, 12, 6, 12, 0, 0, TimeSpan.Zero);

    private static WorkItemEvent E(string item, int seq, WorkItemEventKind kind, WorkItemStatus status, string? queue = null) =>
        new(item, seq, kind, status, kind is WorkItemEventKind.Offered or WorkItemEventKind.Assigned ? "agent-1" : null,
            kind == WorkItemEventKind.Offered ? Guid.NewGuid() : null, 2, 12, queue, At, null);

    /// <summary>Items in every state, in two appends as items write them (an outbox each), and a late re-append.</summary>
    private static async Task WriteItemsAsync(IWorkItemHistory history)
    {
        await history.AppendAsync([E("a", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("a", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("b", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("b", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("b", 2, WorkItemEventKind.Offered, WorkItemStatus.Offered)]);
        await history.AppendAsync([E("c", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("c", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("c", 2, WorkItemEventKind.Offered, WorkItemStatus.Offered)]);
        await history.AppendAsync([E("c", 3, WorkItemEventKind.Assigned, WorkItemStatus.Assigned)]);
        await history.AppendAsync([E("d", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("d", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("d", 2, WorkItemEventKind.Offered, WorkItemStatus.Offered), E("d", 3, WorkItemEventKind.Assigned, WorkItemStatus.Assigned)]);
        await history.AppendAsync([E("d", 4, WorkItemEventKind.Completed, WorkItemStatus.Done)]);
        // Moved to another queue: it waits there now, not here.
        await history.AppendAsync([E("e", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("e", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("e", 2, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q2")]);
        // Offer expired: queued again here.
        await history.AppendAsync([E("f", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("f", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        await history.AppendAsync([E("f", 2, WorkItemEventKind.Offered, WorkItemStatus.Offered)]);
        await history.AppendAsync([E("f", 3, WorkItemEventKind.OfferExpired, WorkItemStatus.Queued), E("f", 4, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
        // A late re-append of c's first events (a new activation flushing an old outbox) does not open it again.
        await history.AppendAsync([E("c", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E("c", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "q1")]);
    }

    private static async Task AssertRebuildReadsOpenItemsAsync(IWorkItemHistory history)
    {
        await WriteItemsAsync(history);

        Assert.Equal(["a", "b"], await history.ReadUnsettledAsync("q1", null, 2));
        Assert.Equal(["f"], await history.ReadUnsettledAsync("q1", "b", 2));
        Assert.Empty(await history.ReadUnsettledAsync("q1", "f", 2));
        Assert.Equal(["e"], await history.ReadUnsettledAsync("q2", null, 10));
        Assert.Empty(await history.ReadUnsettledAsync("q3", null, 10));
    }

    private static async Task<string> MigratedDatabaseAsync(string name)
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync(name);
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    [Fact]
    public async Task Rebuild_reads_only_the_items_waiting_or_offered_in_the_queue_page_by_page_from_PostgreSQL()
    {
        await using var dataSource = NpgsqlDataSource.Create(await MigratedDatabaseAsync("rebuild"));
        await using var history = new PostgresWorkItemHistory(dataSource, NullLogger<PostgresWorkItemHistory>.Instance);
        await AssertRebuildReadsOpenItemsAsync(history);
    }

    [Fact]
    public Task Rebuild_reads_only_the_items_waiting_or_offered_in_the_queue_page_by_page_in_memory() =>
        AssertRebuildReadsOpenItemsAsync(new InMemoryWorkItemHistory());

    [Fact]
    public async Task Rebuild_read_comes_from_the_index_of_open_items_not_from_the_queue_s_whole_history()
    {
        var connectionString = await MigratedDatabaseAsync("rebuildindex");
        await using var dataSource = NpgsqlDataSource.Create(connectionString);
        await using (var history = new PostgresWorkItemHistory(dataSource, NullLogger<PostgresWorkItemHistory>.Instance))
        {
            // A long history of done items and a few open ones in the same queue.
            await Task.WhenAll(Enumerable.Range(0, 3000).Select(i => history.AppendAsync(
            [
                E($"done-{i:D5}", 0, WorkItemEventKind.Created, WorkItemStatus.Queued),
                E($"done-{i:D5}", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "busy"),
                E($"done-{i:D5}", 2, WorkItemEventKind.Offered, WorkItemStatus.Offered),
                E($"done-{i:D5}", 3, WorkItemEventKind.Assigned, WorkItemStatus.Assigned),
                E($"done-{i:D5}", 4, WorkItemEventKind.Completed, WorkItemStatus.Done),
            ])));
            await Task.WhenAll(Enumerable.Range(0, 3).Select(i => history.AppendAsync(
                [E($"open-{i}", 0, WorkItemEventKind.Created, WorkItemStatus.Queued), E($"open-{i}", 1, WorkItemEventKind.Queued, WorkItemStatus.Queued, "busy")])));
            Assert.Equal(["open-0", "open-1", "open-2"], await history.ReadUnsettledAsync("busy", null, 1000));
        }

        await using var analyze = dataSource.CreateCommand("ANALYZE work_item_status");
        await analyze.ExecuteNonQueryAsync();
        await using var explain = dataSource.CreateCommand(
            "EXPLAIN SELECT item_id FROM work_item_status WHERE queue = 'busy' AND status IN (0, 1) AND item_id > '' ORDER BY item_id LIMIT 1000");
        var plan = string.Join("\n", await ReadLinesAsync(explain));
        Assert.Contains("work_item_status_open", plan, StringComparison.Ordinal);
    }

    private static async Task<List<string>> ReadLinesAsync(NpgsqlCommand command)
    {
        await using var reader = await command.ExecuteReaderAsync();
        var lines = new List<string>();
        while (await reader.ReadAsync())
            lines.Add(reader.GetString(0));
        return lines;
    }
}
