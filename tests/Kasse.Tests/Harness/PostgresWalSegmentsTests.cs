using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Harness;

/// <summary>
/// The benchmarks' durable PostgreSQL gets its WAL segments before the load (<see cref="PostgresWalSegments"/>), so a
/// run does not stop all commits each time it fills a segment that has to be created first.
/// </summary>
public sealed class PostgresWalSegmentsTests
{
    [Fact]
    public async Task A_fresh_server_creates_a_segment_file_for_each_segment_it_fills()
    {
        await using var server = await PostgresServer.StartAsync();
        var before = PostgresWalSegments.SegmentFiles(server);

        await FillSegmentsAsync(server, 8);

        // The first may have been there already (PostgreSQL sometimes creates the next segment ahead); the rest are new.
        var created = PostgresWalSegments.SegmentFiles(server).Except(before).ToList();
        Assert.True(created.Count >= 7, $"created {created.Count} segment files for 8 filled");
    }

    [Fact]
    public async Task A_prepared_server_fills_segments_without_creating_any()
    {
        await using var server = await PostgresServer.StartAsync();
        var ready = await PostgresWalSegments.PrepareAsync(server, 16);
        var before = PostgresWalSegments.SegmentFiles(server);
        Assert.Equal(ready, before.Count);
        Assert.True(ready >= 16, $"{ready} segment files after preparing 16");

        await FillSegmentsAsync(server, 8);

        Assert.Empty(PostgresWalSegments.SegmentFiles(server).Except(before));
    }

    /// <summary>Writes WAL into <paramref name="segments"/> further segments (a record in each, then the switch to the next).</summary>
    private static async Task FillSegmentsAsync(PostgresServer server, int segments)
    {
        await using var connection = new NpgsqlConnection(PostgresWalSegments.SuperuserConnectionString(server));
        await connection.OpenAsync();
        for (var i = 0; i < segments; i++)
        {
            await using var command = new NpgsqlCommand("SELECT pg_logical_emit_message(true, 'test', repeat('x', 1000)), pg_switch_wal()", connection);
            await command.ExecuteNonQueryAsync();
        }
    }
}
