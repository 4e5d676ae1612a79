using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Results;

/// <summary>
/// A case's status and the time it took it, from the case's last event, its valid (highest) issue of secrets and its
/// import time (docs/einmalpin.md, "Statuses"). The PostgreSQL reader does the same in SQL
/// (<see cref="PostgresPinResultsReader"/>); the tests hold both to the same cases.
/// </summary>
public static class PinStatusDerivation
{
    /// <summary>The status a case event leaves the case in; null for a kind this version does not know (then secrets decide).</summary>
    public static PinCaseStatus? StatusAfter(PinCaseEventKind kind) => kind switch
    {
        PinCaseEventKind.Opened => PinCaseStatus.Opened,
        PinCaseEventKind.Submitted => PinCaseStatus.Submitted,
        PinCaseEventKind.ClosedAutomatically => PinCaseStatus.ClosedAutomatically,
        PinCaseEventKind.WithClerk => PinCaseStatus.WithClerk,
        PinCaseEventKind.ClosedByClerk => PinCaseStatus.ClosedByClerk,
        PinCaseEventKind.Reissued => PinCaseStatus.LetterExported,
        _ => null,
    };

    /// <summary>Whether a case in this status expires with its secrets (nothing submitted yet).</summary>
    public static bool CanExpire(PinCaseStatus status) =>
        status is PinCaseStatus.Imported or PinCaseStatus.LetterExported or PinCaseStatus.Opened;

    public static (PinCaseStatus Status, DateTimeOffset At) Derive(
        DateTimeOffset importedAt, PinSecretRecord? validIssue, PinCaseEventRecord? lastEvent, DateTimeOffset now)
    {
        var (status, at) = lastEvent is not null && StatusAfter(lastEvent.Kind) is { } afterEvent
            ? (afterEvent, lastEvent.At)
            : validIssue is not null
                ? (PinCaseStatus.LetterExported, validIssue.IssuedAt)
                : (PinCaseStatus.Imported, importedAt);
        return CanExpire(status) && validIssue is not null && validIssue.ExpiresAt < now
            ? (PinCaseStatus.Expired, validIssue.ExpiresAt)
            : (status, at);
    }
}
