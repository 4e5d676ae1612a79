namespace Kasse.Grains.Audit;

/// <summary>
/// One access by staff to an insured person's social data (§35 SGB I): who, what, when, why. Appended, never changed.
/// </summary>
public sealed record AuditEntry(
    DateTimeOffset At, string ActorId, string ActorRole, string Action, string SubjectType, string SubjectId, string? InsuredId);
