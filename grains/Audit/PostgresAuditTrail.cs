using Kasse.Grains.Storage;
using Npgsql;

namespace Kasse.Grains.Audit;

/// <summary>The audit trail in the append-only table <c>audit_log</c> (schema in the silo's migrations).</summary>
public sealed class PostgresAuditTrail(NpgsqlDataSource dataSource) : IAuditTrail
{
    public async Task AppendAsync(AuditEntry entry)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO audit_log (at, actor_id, actor_role, action, subject_type, subject_id, insured_id) VALUES ($1, $2, $3, $4, $5, $6, $7)");
        command.Parameters.AddWithValue(entry.At);
        command.Parameters.AddWithValue(entry.ActorId);
        command.Parameters.AddWithValue(entry.ActorRole);
        command.Parameters.AddWithValue(entry.Action);
        command.Parameters.AddWithValue(entry.SubjectType);
        command.Parameters.AddWithValue(entry.SubjectId);
        command.Parameters.AddWithValue((object?)entry.InsuredId ?? DBNull.Value);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<AuditEntry>> ReadBySubjectAsync(string subjectType, string subjectId, int max) =>
        await dataSource.ReadBySubjectAsync(
            "audit_log", "at, actor_id, actor_role, action, subject_type, subject_id, insured_id", subjectType, subjectId, max,
            reader => new AuditEntry(
                reader.GetFieldValue<DateTimeOffset>(0), reader.GetString(1), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetString(5), reader.IsDBNull(6) ? null : reader.GetString(6)));
}
