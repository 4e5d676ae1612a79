using System.Text.Json;
using System.Text.Json.Nodes;
using Npgsql;
using NpgsqlTypes;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>Submissions in the append-only table <c>form_submissions</c> (one row per session, never changed).</summary>
public sealed class PostgresFormSubmissionStore(NpgsqlDataSource dataSource) : IFormSubmissionStore
{
    public async Task<StoredFormSubmission> AddAsync(StoredFormSubmission submission)
    {
        await using (var command = dataSource.CreateCommand(
            """
            INSERT INTO form_submissions
                (session_id, form_name, form_version, case_reference, submitted_at, submitted_by, submitted_by_name, content_hash, answers)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (session_id) DO NOTHING
            """))
        {
            command.Parameters.AddWithValue(submission.SessionId);
            command.Parameters.AddWithValue(submission.FormName);
            command.Parameters.AddWithValue(submission.FormVersion);
            command.Parameters.AddWithValue(submission.CaseReference);
            command.Parameters.AddWithValue(submission.SubmittedAt);
            command.Parameters.AddWithValue(submission.SubmittedBy);
            command.Parameters.AddWithValue(submission.SubmittedByName);
            command.Parameters.AddWithValue(submission.ContentHash);
            command.Parameters.Add(new NpgsqlParameter { Value = AnswersJson(submission.Answers), NpgsqlDbType = NpgsqlDbType.Jsonb });
            if (await command.ExecuteNonQueryAsync() == 1)
                return submission;
        }
        return await FindAsync(submission.SessionId) ?? throw new InvalidOperationException("the submission was neither stored nor found");
    }

    public async Task<StoredFormSubmission?> FindAsync(Guid sessionId)
    {
        await using var command = dataSource.CreateCommand(
            """
            SELECT form_name, form_version, case_reference, submitted_at, submitted_by, submitted_by_name, content_hash, answers
            FROM form_submissions WHERE session_id = $1
            """);
        command.Parameters.AddWithValue(sessionId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new StoredFormSubmission(
            sessionId, reader.GetString(0), reader.GetInt32(1), reader.GetString(2), reader.GetFieldValue<DateTimeOffset>(3),
            reader.GetString(4), reader.GetString(5), reader.GetString(6),
            ReadAnswers(reader.GetString(7)));
    }

    /// <summary>The answers as one JSON object, path → value (the values as JSON, not as text holding JSON).</summary>
    private static string AnswersJson(IReadOnlyDictionary<string, string> answers)
    {
        var json = new JsonObject();
        foreach (var (path, value) in answers.OrderBy(a => a.Key, StringComparer.Ordinal))
            json[path] = JsonNode.Parse(value);
        return json.ToJsonString();
    }

    private static Dictionary<string, string> ReadAnswers(string json)
    {
        using var document = JsonDocument.Parse(json);
        return document.RootElement.EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetRawText(), StringComparer.Ordinal);
    }
}
