using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Login: both factors are always checked (one PBKDF2 whatever the outcome), failures grow the delay before the next
/// attempt and lock the case after <c>MaxFailedAttemptsPerCase</c>; every decision is audited without PIN or birth date.
/// </summary>
public sealed partial class PinCaseGrain
{
    public async Task<PinAuthResult> Authenticate(PinCredentials credentials)
    {
        var normalized = PinFormat.Normalize(credentials.Pin);
        var stored = await cases.FindAsync(CaseNumber);
        var issue = stored is null ? null : await ValidIssueAsync();
        var now = clock.Now;
        if (stored is null || issue is null || S.Submitted || issue.ExpiresAt <= now)
        {
            // Nothing to log in to (no letter, used, expired): the same work and the same answer as a wrong PIN.
            secrets.VerifyNothing(normalized ?? "");
            await audit.AppendAsync(PinAudit.Entry(now, PinAudit.Failed, CaseNumber));
            return Refused(null);
        }
        if (Locked(issue))
        {
            secrets.VerifyNothing(normalized ?? "");
            await audit.AppendAsync(PinAudit.Entry(now, PinAudit.RefusedLocked, CaseNumber));
            return Refused(null);
        }
        if (S.NextAttemptAt is { } next && next > now)
        {
            secrets.VerifyNothing(normalized ?? "");
            await audit.AppendAsync(PinAudit.Entry(now, PinAudit.RefusedThrottled, CaseNumber));
            return Refused(next - now);
        }
        // Both factors, always: the PBKDF2 runs even when the birth date is wrong, so timing tells nothing either.
        var pinMatches = normalized is null ? VerifiedNothing() : secrets.Verify(issue, normalized);
        var birthDateMatches = stored.Data.BirthDate == credentials.BirthDate;
        if (pinMatches && birthDateMatches)
        {
            S.FailedAttempts = 0;
            S.NextAttemptAt = null;
            S.SessionId = Guid.NewGuid();
            var expiresAt = now + Options.CaseSessionLifetime;
            S.SessionExpiresAt = expiresAt < issue.ExpiresAt ? expiresAt : issue.ExpiresAt;
            await state.WriteStateAsync();
            await audit.AppendAsync(PinAudit.Entry(now, PinAudit.Succeeded, CaseNumber));
            return new PinAuthResult(true, S.SessionId, S.SessionExpiresAt, null);
        }
        S.FailedAttempts++;
        var delay = PinLoginDelays.After(S.FailedAttempts, Options.FirstDelay, Options.ClientLockout);
        S.NextAttemptAt = now + delay;
        if (S.FailedAttempts >= Options.MaxFailedAttemptsPerCase)
            S.LockedAtIssue = issue.IssueNo;
        await state.WriteStateAsync();
        await audit.AppendAsync(PinAudit.Entry(now, PinAudit.Failed, CaseNumber));
        return Refused(S.LockedAtIssue is null ? delay : null);
    }

    private bool VerifiedNothing()
    {
        secrets.VerifyNothing("");
        return false;
    }

    private static PinAuthResult Refused(TimeSpan? retryAfter) => new(false, null, null, retryAfter);

    public async Task EndSession(Guid caseSessionId)
    {
        if (S.SessionId != caseSessionId)
            return;
        S.SessionId = null;
        S.SessionExpiresAt = null;
        await state.WriteStateAsync();
    }

    /// <summary>PIN_SESSION_INVALID unless <paramref name="caseSessionId"/> is the case's current, unexpired session.</summary>
    private void EnsureSession(Guid caseSessionId)
    {
        if (caseSessionId == Guid.Empty || S.SessionId != caseSessionId || S.SessionExpiresAt is not { } expiresAt || expiresAt <= clock.Now)
            throw SessionInvalid();
    }

    /// <summary>As <see cref="EnsureSession"/>, and the case not yet submitted (single use: the form is closed to it).</summary>
    private void EnsureOpenSession(Guid caseSessionId)
    {
        EnsureSession(caseSessionId);
        if (S.Submitted)
            throw SessionInvalid();
    }

    private static PinException SessionInvalid() =>
        new(PinErrors.SessionInvalid, "Ihre Sitzung ist abgelaufen oder beendet. Bitte melden Sie sich mit PIN und Geburtsdatum neu an.");
}
