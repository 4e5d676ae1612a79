namespace Kasse.Grains.Audit;

/// <summary>The append-only audit trail. Implementations: PostgreSQL table, or memory in the embedded default.</summary>
public interface IAuditTrail
{
    Task AppendAsync(AuditEntry entry);

    Task<IReadOnlyList<AuditEntry>> ReadBySubjectAsync(string subjectType, string subjectId, int max);
}
