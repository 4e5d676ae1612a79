using System.Collections.Concurrent;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>The embedded default's store: per process, in memory.</summary>
public sealed class InMemoryFormDefinitionStore : IFormDefinitionStore
{
    private readonly ConcurrentDictionary<(string, int), string> _documents = new();

    public Task SaveAsync(string name, int version, string documentJson)
    {
        _documents.TryAdd((name, version), documentJson);
        return Task.CompletedTask;
    }

    public Task<string?> LoadAsync(string name, int version) => Task.FromResult(_documents.GetValueOrDefault((name, version)));
}
