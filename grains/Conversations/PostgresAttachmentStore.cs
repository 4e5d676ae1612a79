using Kasse.Conversations;
using Npgsql;

namespace Kasse.Grains.Conversations;

/// <summary>Attachments in the append-only table <c>conversation_attachments</c>.</summary>
public sealed class PostgresAttachmentStore(NpgsqlDataSource dataSource) : IAttachmentStore
{
    public async Task SaveAsync(Guid conversationId, AttachmentInfo info, byte[] data)
    {
        await using var command = dataSource.CreateCommand(
            """
            INSERT INTO conversation_attachments (conversation_id, attachment_id, file_name, content_type, size, data, created_at)
            VALUES ($1, $2, $3, $4, $5, $6, now()) ON CONFLICT (conversation_id, attachment_id) DO NOTHING
            """);
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(info.AttachmentId);
        command.Parameters.AddWithValue(info.FileName);
        command.Parameters.AddWithValue(info.ContentType);
        command.Parameters.AddWithValue(info.Size);
        command.Parameters.AddWithValue(data);
        await command.ExecuteNonQueryAsync();
    }

    public async Task<AttachmentContent?> LoadAsync(Guid conversationId, Guid attachmentId)
    {
        await using var command = dataSource.CreateCommand(
            "SELECT file_name, content_type, size, data FROM conversation_attachments WHERE conversation_id = $1 AND attachment_id = $2");
        command.Parameters.AddWithValue(conversationId);
        command.Parameters.AddWithValue(attachmentId);
        await using var reader = await command.ExecuteReaderAsync();
        if (!await reader.ReadAsync())
            return null;
        return new AttachmentContent(
            new AttachmentInfo(attachmentId, reader.GetString(0), reader.GetString(1), reader.GetInt64(2)),
            reader.GetFieldValue<byte[]>(3));
    }
}
