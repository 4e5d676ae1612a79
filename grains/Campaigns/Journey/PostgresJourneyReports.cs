using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Npgsql;

namespace Kasse.Grains.Campaigns.Journey;

/// <summary>
/// Funnels from <c>journey_events</c> and campaign success from <c>campaign_contacts</c> joined with it; read-only.
/// </summary>
public sealed class PostgresJourneyReports(NpgsqlDataSource dataSource) : IJourneyReports
{
    public async Task<IReadOnlyList<TariffFunnelDay>> GetFunnelsAsync(
        DateTimeOffset fromUtc, DateTimeOffset toUtc, string? tariff, CancellationToken cancellationToken = default)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT tariff, (at AT TIME ZONE 'Europe/Berlin')::date AS day,
                   count(DISTINCT customer_key) FILTER (WHERE kind = 1),
                   count(DISTINCT customer_key) FILTER (WHERE kind = 2),
                   count(DISTINCT customer_key) FILTER (WHERE kind = 3),
                   count(DISTINCT customer_key) FILTER (WHERE kind = 4)
            FROM journey_events
            WHERE at >= $1 AND at < $2 AND tariff IS NOT NULL AND kind > 0 AND ($3::text IS NULL OR tariff = $3)
            GROUP BY 1, 2
            ORDER BY 1, 2
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = fromUtc });
        command.Parameters.Add(new NpgsqlParameter { Value = toUtc });
        command.Parameters.Add(new NpgsqlParameter { Value = (object?)tariff ?? DBNull.Value, NpgsqlDbType = NpgsqlTypes.NpgsqlDbType.Text });
        var days = new List<TariffFunnelDay>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            days.Add(new TariffFunnelDay(
                reader.GetString(0), reader.GetFieldValue<DateOnly>(1),
                reader.GetInt64(2), reader.GetInt64(3), reader.GetInt64(4), reader.GetInt64(5)));
        }
        return days;
    }

    public async Task<CampaignSuccess> GetCampaignSuccessAsync(string campaignId, string tariff, int days, CancellationToken cancellationToken = default)
    {
        // One row per customer (the first time a run addressed them or held them back), then whether they completed an
        // application for the tariff within the window after it.
        await using var command = dataSource.CreateCommand(
            """
            WITH addressed AS (
                SELECT customer_key, bool_or(control) AS control, min(at) AS at
                FROM campaign_contacts WHERE campaign_id = $1
                GROUP BY customer_key)
            SELECT a.control, count(*),
                   count(*) FILTER (WHERE EXISTS (
                       SELECT 1 FROM journey_events j
                       WHERE j.customer_key = a.customer_key AND j.kind = $4 AND j.tariff = $2
                         AND j.at >= a.at AND j.at < a.at + make_interval(days => $3)))
            FROM addressed a
            GROUP BY a.control
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = campaignId });
        command.Parameters.Add(new NpgsqlParameter { Value = tariff });
        command.Parameters.Add(new NpgsqlParameter { Value = days });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)JourneyEventKind.ApplicationCompleted });
        long contacted = 0, contactedConverted = 0, control = 0, controlConverted = 0;
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken))
        {
            if (reader.GetBoolean(0))
                (control, controlConverted) = (reader.GetInt64(1), reader.GetInt64(2));
            else
                (contacted, contactedConverted) = (reader.GetInt64(1), reader.GetInt64(2));
        }
        return new CampaignSuccess(campaignId, tariff, days, contacted, contactedConverted, control, controlConverted);
    }
}
