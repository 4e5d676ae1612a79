using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>Attachments of conversations, append-only; written only by the owning conversation grain.</summary>
public interface IAttachmentStore
{
    /// <summary>Stores the bytes; storing the same id again changes nothing. Completes when durable.</summary>
    Task SaveAsync(Guid conversationId, AttachmentInfo info, byte[] data);

    Task<AttachmentContent?> LoadAsync(Guid conversationId, Guid attachmentId);
}
