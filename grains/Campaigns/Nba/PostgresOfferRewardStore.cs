using Kasse.Campaigns;
using Npgsql;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The learner's evidence in <c>nba_rewards</c>; the primary key (decision, kind) counts each decision once.</summary>
public sealed class PostgresOfferRewardStore(NpgsqlDataSource dataSource) : IOfferRewardStore
{
    private const short Trial = 0;
    private const short Success = 1;

    public async Task<(long Trials, long Successes)> CountAsync(string offerId, ContactChannel channel)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT kind, count(*) FROM nba_rewards WHERE offer_id = $1 AND channel = $2 GROUP BY kind");
        command.Parameters.Add(new NpgsqlParameter { Value = offerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)channel });
        await using var reader = await command.ExecuteReaderAsync();
        long trials = 0, successes = 0;
        while (await reader.ReadAsync())
        {
            if (reader.GetInt16(0) == Trial)
                trials = reader.GetInt64(1);
            else
                successes = reader.GetInt64(1);
        }
        return (trials, successes);
    }

    public async Task<(bool NewTrial, bool NewSuccess)> RecordAsync(Guid decisionId, string offerId, ContactChannel channel, bool success, DateTimeOffset at)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO nba_rewards (decision_id, kind, offer_id, channel, at)
            SELECT $1, kind, $3, $4, $5 FROM unnest($2::smallint[]) AS kinds(kind)
            ON CONFLICT DO NOTHING
            RETURNING kind
            """);
        command.Parameters.Add(new NpgsqlParameter { Value = decisionId });
        command.Parameters.Add(new NpgsqlParameter { Value = success ? new[] { Trial, Success } : new[] { Trial } });
        command.Parameters.Add(new NpgsqlParameter { Value = offerId });
        command.Parameters.Add(new NpgsqlParameter { Value = (short)channel });
        command.Parameters.Add(new NpgsqlParameter { Value = at });
        await using var reader = await command.ExecuteReaderAsync();
        bool newTrial = false, newSuccess = false;
        while (await reader.ReadAsync())
        {
            if (reader.GetInt16(0) == Trial)
                newTrial = true;
            else
                newSuccess = true;
        }
        return (newTrial, newSuccess);
    }
}
