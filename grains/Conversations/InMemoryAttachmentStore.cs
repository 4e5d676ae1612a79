using System.Collections.Concurrent;
using Kasse.Conversations;

namespace Kasse.Grains.Conversations;

/// <summary>The embedded default's attachment store: per process, in memory.</summary>
public sealed class InMemoryAttachmentStore : IAttachmentStore
{
    private readonly ConcurrentDictionary<(Guid, Guid), AttachmentContent> _attachments = new();

    public Task SaveAsync(Guid conversationId, AttachmentInfo info, byte[] data)
    {
        _attachments.TryAdd((conversationId, info.AttachmentId), new AttachmentContent(info, data));
        return Task.CompletedTask;
    }

    public Task<AttachmentContent?> LoadAsync(Guid conversationId, Guid attachmentId) =>
        Task.FromResult(_attachments.GetValueOrDefault((conversationId, attachmentId)));
}
