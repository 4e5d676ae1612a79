using Kasse.Conversations;
using Npgsql;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>Form files in the append-only table <c>form_files</c>.</summary>
public sealed class PostgresFormFileStore(NpgsqlDataSource dataSource) : IFormFileStore
{
    public async Task SaveAsync(Guid sessionId, FormFile file)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO form_files (session_id, file_id, path, file_name, content_type, size, data, uploaded_by, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, $7, $8, now()) ON CONFLICT (session_id, file_id) DO NOTHING
            """);
        var info = file.Content.Info;
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(info.AttachmentId);
        command.Parameters.AddWithValue(file.Path);
        command.Parameters.AddWithValue(info.FileName);
        command.Parameters.AddWithValue(info.ContentType);
        command.Parameters.AddWithValue(info.Size);
        command.Parameters.AddWithValue(file.Content.Data);
        command.Parameters.AddWithValue(file.UploadedBy);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<FormFile?> LoadAsync(Guid sessionId, Guid fileId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT path, uploaded_by, file_name, content_type, size, data FROM form_files WHERE session_id = $1 AND file_id = $2");
        command.Parameters.AddWithValue(sessionId);
        command.Parameters.AddWithValue(fileId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new FormFile(
            reader.GetString(0), reader.GetString(1),
            new AttachmentContent(new AttachmentInfo(fileId, reader.GetString(2), reader.GetString(3), reader.GetInt64(4)), reader.GetFieldValue<byte[]>(5)));
    }
}
