using System.Collections.Concurrent;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>The embedded default's decision log: per process, in memory.</summary>
public sealed class InMemoryDecisionLog : IDecisionLog
{
    private readonly ConcurrentQueue<(string Type, string Id, RuleDecision Decision)> _entries = new();

    public Task AppendAsync(string subjectType, string subjectId, RuleDecision decision)
    {
        _entries.Enqueue((subjectType, subjectId, decision));
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<RuleDecision>> ReadAsync(string subjectType, string subjectId, int max) =>
        Task.FromResult<IReadOnlyList<RuleDecision>>(
            _entries.Where(e => e.Type == subjectType && e.Id == subjectId).Select(e => e.Decision).Take(max).ToArray());
}
