using Kasse.EinmalPin;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.EinmalPin;

/// <summary>Case events in <c>pin_case_events</c> (0018_einmalpin.sql); the table refuses updates and deletes.</summary>
public sealed class PostgresPinCaseEventStore(NpgsqlDataSource dataSource) : IPinCaseEventStore
{
    public async Task AppendAsync(PinCaseEventRecord record)
    {
        await using var command = dataSource.CreateCommand(
            "INSERT INTO pin_case_events (case_number, seq, kind, at, detail) VALUES ($1, $2, $3, $4, $5::jsonb) ON CONFLICT DO NOTHING");
        command.Parameters.Add(new NpgsqlParameter { Value = record.CaseNumber });
        command.Parameters.Add(new NpgsqlParameter { Value = record.Seq });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)record.Kind });
        command.Parameters.Add(new NpgsqlParameter { Value = record.At });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)record.DetailJson ?? DBNull.Value, NpgsqlDbType = NpgsqlDbType.Text });
        await command.ExecuteNonQueryAsync();
    }

    public async Task<IReadOnlyList<PinCaseEventRecord>> ReadAsync(string caseNumber)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT seq, kind, at, detail::text FROM pin_case_events WHERE case_number = $1 ORDER BY seq");
        command.Parameters.Add(new NpgsqlParameter { Value = caseNumber });
        await using var reader = await command.ExecuteReaderAsync();
        var events = new List<PinCaseEventRecord>();
        while (await reader.ReadAsync())
        {
            events.Add(new PinCaseEventRecord(
                caseNumber, reader.GetInt32(0), (PinCaseEventKind)reader.GetInt16(1), reader.GetFieldValue<DateTimeOffset>(2),
                await reader.IsDBNullAsync(3) ? null : reader.GetString(3)));
        }
        return events;
    }
}
