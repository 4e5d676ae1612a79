using System.Collections.Concurrent;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>Import chunks in memory (the embedded default and the tests).</summary>
public class InMemoryPinImportChunkStore : IPinImportChunkStore
{
    private readonly ConcurrentDictionary<(Guid ImportId, int ChunkNo), byte[]> _chunks = new();

    public Task SaveAsync(Guid importId, int chunkNo, byte[] data, CancellationToken cancellationToken = default)
    {
        _chunks.TryAdd((importId, chunkNo), data);
        return Task.CompletedTask;
    }

    public Task<byte[]?> LoadAsync(Guid importId, int chunkNo, CancellationToken cancellationToken = default) =>
        Task.FromResult(_chunks.TryGetValue((importId, chunkNo), out var data) ? data : null);

    public Task<(int Chunks, long Bytes)> CountAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        var mine = _chunks.Where(c => c.Key.ImportId == importId).ToList();
        return Task.FromResult((mine.Count, mine.Sum(c => (long)c.Value.Length)));
    }

    public Task DeleteAsync(Guid importId, CancellationToken cancellationToken = default)
    {
        foreach (var key in _chunks.Keys.Where(k => k.ImportId == importId).ToList())
            _chunks.TryRemove(key, out _);
        return Task.CompletedTask;
    }
}
