using Kasse.Grains.Audit;

namespace Kasse.Grains.EinmalPin;

/// <summary>Every authentication decision in the audit trail: who (the case's insured or anonymous), what, which case. Never the PIN or the birth date.</summary>
public static class PinAudit
{
    public const string Succeeded = "pin.login.succeeded";
    public const string Failed = "pin.login.failed";
    public const string RefusedLocked = "pin.login.refused-locked";
    public const string RefusedThrottled = "pin.login.refused-throttled";
    public const string ResultRead = "pin.case.result.read";

    public const string SubjectType = "pin-case";
    public const string Anonymous = "anonymous";
    public const string ActorRole = "EinmalPin";

    public static AuditEntry Entry(DateTimeOffset at, string action, string? caseNumber) =>
        new(at, caseNumber is null ? Anonymous : PinCaseIds.InsuredUserIdOf(caseNumber), ActorRole, action, SubjectType, caseNumber ?? "", InsuredId: null);
}
