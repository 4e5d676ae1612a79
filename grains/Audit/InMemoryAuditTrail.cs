using System.Collections.Concurrent;

namespace Kasse.Grains.Audit;

/// <summary>The embedded default's audit trail: kept for the life of the process.</summary>
public sealed class InMemoryAuditTrail : IAuditTrail
{
    private readonly ConcurrentQueue<AuditEntry> _entries = new();

    public Task AppendAsync(AuditEntry entry)
    {
        _entries.Enqueue(entry);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<AuditEntry>> ReadBySubjectAsync(string subjectType, string subjectId, int max) =>
        Task.FromResult<IReadOnlyList<AuditEntry>>(
            _entries.Where(e => e.SubjectType == subjectType && e.SubjectId == subjectId).Take(max).ToArray());
}
