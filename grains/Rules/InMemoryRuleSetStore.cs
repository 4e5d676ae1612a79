using System.Collections.Concurrent;

namespace Kasse.Grains.Rules;

/// <summary>The embedded default's store: per process, in memory.</summary>
public sealed class InMemoryRuleSetStore : IRuleSetStore
{
    private readonly ConcurrentDictionary<(string, int), string> _documents = new();

    public Task SaveAsync(string ruleSet, int version, string documentJson)
    {
        _documents.TryAdd((ruleSet, version), documentJson);
        return Task.CompletedTask;
    }

    public Task<string?> LoadAsync(string ruleSet, int version) => Task.FromResult(_documents.GetValueOrDefault((ruleSet, version)));
}
