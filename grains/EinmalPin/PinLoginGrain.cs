using Kasse.EinmalPin;
using Kasse.Grains.Audit;
using Orleans.Concurrency;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The login front door (stateless: every silo answers locally). Throttles by client address first; finds the case by
/// link token or else by PIN; lets the case decide. An unknown link or PIN costs the same PBKDF2 and gets the same
/// answer as a wrong PIN or birth date, so neither the answer nor its timing says which factor was wrong.
/// </summary>
[StatelessWorker]
public sealed class PinLoginGrain(IPinSecrets secrets, IPinSecretStore secretStore, IAuditTrail audit, PinClock clock) : Grain, IPinLoginGrain
{
    public async Task<PinLoginResult> LogIn(PinLoginRequest request)
    {
        var throttle = GrainFactory.GetGrain<IPinClientThrottleGrain>(request.ClientKey);
        var wait = await throttle.WaitBeforeAttempt();
        if (wait > TimeSpan.Zero)
        {
            await audit.AppendAsync(PinAudit.Entry(clock.Now, PinAudit.RefusedThrottled, null));
            return new PinLoginResult(false, null, null, null, PinErrors.Throttled, wait);
        }
        var normalized = PinFormat.Normalize(request.Pin);
        var caseNumber = await FindCaseAsync(request.LinkToken, normalized);
        if (caseNumber is null)
        {
            secrets.VerifyNothing(normalized ?? "");
            await audit.AppendAsync(PinAudit.Entry(clock.Now, PinAudit.Failed, null));
            await throttle.RecordFailure();
            return Refused(await throttle.WaitBeforeAttempt());
        }
        var result = await GrainFactory.GetGrain<IPinCaseGrain>(caseNumber).Authenticate(
            new PinCredentials(normalized ?? request.Pin, request.BirthDate, request.ClientKey, request.LinkToken is not null));
        if (result.Succeeded)
        {
            await throttle.RecordSuccess();
            return new PinLoginResult(true, caseNumber, result.CaseSessionId, result.ExpiresAt, null, null);
        }
        await throttle.RecordFailure();
        var clientWait = await throttle.WaitBeforeAttempt();
        return Refused(result.RetryAfter is { } caseWait && caseWait > clientWait ? caseWait : clientWait);
    }

    /// <summary>By the link's token when the insured came by link or QR code, else by the PIN's keyed lookup hash.</summary>
    private async Task<string?> FindCaseAsync(string? linkToken, string? normalizedPin)
    {
        if (!string.IsNullOrEmpty(linkToken))
            return linkToken.Length is >= 16 and <= 64 ? await secretStore.CaseOfTokenAsync(secrets.HashToken(linkToken)) : null;
        return normalizedPin is null ? null : await secretStore.CaseOfPinAsync(secrets.LookupOf(normalizedPin));
    }

    private static PinLoginResult Refused(TimeSpan retryAfter) =>
        new(false, null, null, null, PinErrors.LoginRefused, retryAfter > TimeSpan.Zero ? retryAfter : null);
}
