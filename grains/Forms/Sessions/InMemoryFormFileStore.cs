using System.Collections.Concurrent;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>The embedded default's form files: per process, in memory.</summary>
public sealed class InMemoryFormFileStore : IFormFileStore
{
    private readonly ConcurrentDictionary<(Guid, Guid), FormFile> _files = new();

    public Task SaveAsync(Guid sessionId, FormFile file)
    {
        _files.TryAdd((sessionId, file.Content.Info.AttachmentId), file);
        return Task.CompletedTask;
    }

    public Task<FormFile?> LoadAsync(Guid sessionId, Guid fileId) => Task.FromResult(_files.GetValueOrDefault((sessionId, fileId)));
}
