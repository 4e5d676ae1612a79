using Kasse.Campaigns;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary><c>campaign_contacts</c> in PostgreSQL: one insert per page (arrays), the primary key makes a replay a no-op.</summary>
public sealed class PostgresCampaignContactStore(NpgsqlDataSource dataSource) : ICampaignContactStore
{
    private const string Columns = "run_id, customer_key, contact_id, campaign_id, target_group, channel, variant_id, control, at";

    public async Task AddAsync(IReadOnlyList<CampaignContactRecord> rows, CancellationToken cancellationToken = default)
    {
        if (rows.Count == 0)
            return;
        await using var command = dataSource.CreateCommand(
            $"""
            INSERT INTO campaign_contacts ({Columns})
            SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::boolean[], $9::timestamptz[])
            ON CONFLICT DO NOTHING
            """);
        command.Parameters.Add(Array(NpgsqlDbType.Uuid, rows.Select(r => r.RunId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.CustomerKey).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.ContactId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.CampaignId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.TargetGroup).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Smallint, rows.Select(r => r.Channel is { } c ? (short?)c : null).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Text, rows.Select(r => r.VariantId).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.Boolean, rows.Select(r => r.Control).ToArray()));
        command.Parameters.Add(Array(NpgsqlDbType.TimestampTz, rows.Select(r => r.At).ToArray()));
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    public async Task<IReadOnlyDictionary<string, ContactChannel?>> ExistingAsync(Guid runId, IReadOnlyList<string> customerKeys, CancellationToken cancellationToken = default)
    {
        var found = new Dictionary<string, ContactChannel?>(StringComparer.Ordinal);
        if (customerKeys.Count == 0)
            return found;
        await using var command = dataSource.CreateCommand("SELECT customer_key, channel FROM campaign_contacts WHERE run_id = $1 AND customer_key = ANY($2)");
        command.Parameters.AddWithValue(runId);
        command.Parameters.Add(Array(NpgsqlDbType.Text, customerKeys.ToArray()));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
            found[reader.GetString(0)] = reader.IsDBNull(1) ? null : (ContactChannel)reader.GetInt16(1);
        return found;
    }

    public async Task<CampaignContactRecord?> FindAsync(Guid runId, string customerKey, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand($"SELECT {Columns} FROM campaign_contacts WHERE run_id = $1 AND customer_key = $2");
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue(customerKey);
        var rows = await ReadAsync(command, cancellationToken);
        return rows.Count == 0 ? null : rows[0];
    }

    public async Task<IReadOnlyList<CampaignContactRecord>> ReadChannelPageAsync(
        Guid runId, ContactChannel channel, string? afterKey, int max, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            $"""
            SELECT {Columns} FROM campaign_contacts
            WHERE run_id = $1 AND NOT control AND channel = $2 AND customer_key > $3
            ORDER BY customer_key LIMIT $4
            """);
        command.Parameters.AddWithValue(runId);
        command.Parameters.AddWithValue((short)channel);
        command.Parameters.AddWithValue(afterKey ?? "");
        command.Parameters.AddWithValue(max);
        return await ReadAsync(command, cancellationToken);
    }

    private static async Task<IReadOnlyList<CampaignContactRecord>> ReadAsync(NpgsqlCommand command, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        var rows = new List<CampaignContactRecord>();
        while (await reader.ReadAsync(cancellationToken))
        {
            rows.Add(new CampaignContactRecord(
                reader.GetGuid(0), reader.GetString(1), reader.GetString(2), reader.GetString(3), reader.GetString(4),
                reader.IsDBNull(5) ? null : (ContactChannel)reader.GetInt16(5),
                reader.IsDBNull(6) ? null : reader.GetString(6),
                reader.GetBoolean(7),
                reader.GetFieldValue<DateTimeOffset>(8)));
        }
        return rows;
    }

    private static NpgsqlParameter Array<T>(NpgsqlDbType type, T[] values) => new() { NpgsqlDbType = NpgsqlDbType.Array | type, Value = values };
}
