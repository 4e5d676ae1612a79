using Kasse.Grains.Storage;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace Kasse.Grains.Audit;

/// <summary>
/// The audit trail in the append-only table <c>audit_log</c> (schema in the silo's migrations). Entries from all callers
/// of this silo are inserted together, one statement per round trip (<see cref="GroupCommitWriter{TItem, TResult}"/>);
/// an append completes once its entry is committed.
/// </summary>
public sealed class PostgresAuditTrail : IAuditTrail, IAsyncDisposable
{
    private const int MaxBatch = 512;
    private const string Columns = "at, actor_id, actor_role, action, subject_type, subject_id, insured_id";
    private readonly NpgsqlDataSource _dataSource;
    private readonly GroupCommitWriter<AuditEntry, bool> _writer;

    public PostgresAuditTrail(NpgsqlDataSource dataSource, ILogger<PostgresAuditTrail> logger)
    {
        _dataSource = dataSource;
        _writer = new(dataSource, "audit_log", MaxBatch, _ => 1, InsertAsync, logger);
    }

    public Task AppendAsync(AuditEntry entry) => _writer.AppendAsync(entry);

    public async Task<IReadOnlyList<AuditEntry>> ReadBySubjectAsync(string subjectType, string subjectId, int max) =>
        await _dataSource.ReadBySubjectAsync(
            "audit_log", Columns, subjectType, subjectId, max,
            reader => new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));

    public ValueTask DisposeAsync() => _writer.DisposeAsync();

    private static async Task InsertAsync(NpgsqlConnection connection, IReadOnlyList<GroupCommit<AuditEntry, bool>> batch)
    {
        // In the callers' order, so the ids follow it.
        await using var command = new NpgsqlCommand(
            $"""
            INSERT INTO audit_log ({Columns})
            SELECT {Columns} FROM unnest($1::timestamptz[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::text[])
                WITH ORDINALITY AS rows({Columns}, ordinal)
            ORDER BY ordinal
            """,
            connection);
        var entries = batch.Select(p => p.Item).ToArray();
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.At).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.ActorId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.ActorRole).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.Action).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.SubjectType).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.SubjectId).ToArray() });
        command.Parameters.Add(new NpgsqlParameter { Value = entries.Select(e => e.InsuredId).ToArray(), NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Array | NpgsqlTypes.NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
        foreach (var append in batch)
            append.Done.TrySetResult(true);
    }
}
