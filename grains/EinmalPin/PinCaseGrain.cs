using System.Text.Json;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.EinmalPin;
using Kasse.Grains.Audit;
using Kasse.Grains.Forms.Sessions;
using Kasse.Grains.Rules;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// One EinmalPIN case (docs/einmalpin.md): the single writer of its login counters, case session, decision and
/// history (<c>pin_case_events</c>). Split by concern: views and history here; login in <c>.Login</c>; the form in
/// <c>.Form</c>; submission and decision in <c>.Decision</c>.
/// </summary>
public sealed partial class PinCaseGrain(
    [PersistentState("pin-case", StorageNames.Default)] IPersistentState<PinCaseState> state,
    IPinCaseStore cases,
    IPinSecretStore secretStore,
    IPinSecrets secrets,
    IPinCaseEventStore events,
    IFormSubmissionStore submissions,
    RuleEvaluator rules,
    IAuditTrail audit,
    CustomerPseudonyms pseudonyms,
    IOptions<EinmalPinOptions> options,
    PinClock clock) : Grain, IPinCaseGrain
{
    private StoredPinCase? _case;

    private string CaseNumber => this.GetPrimaryKeyString();

    private PinCaseState S => state.State;

    private EinmalPinOptions Options => options.Value;

    public async Task<PinCaseView> GetView()
    {
        var stored = await CaseAsync();
        var issue = await ValidIssueAsync();
        return View(stored, issue);
    }

    public async Task<PinCaseResult> GetResult()
    {
        var view = await GetView();
        var submission = S.Submitted ? await submissions.FindAsync(PinCaseIds.FormSessionOf(CaseNumber)) : null;
        return new PinCaseResult(
            view, S.FormStarted ? PinCaseIds.FormSessionOf(CaseNumber) : null, submission?.ContentHash,
            submission is null ? null : new Dictionary<string, string>(submission.Answers, StringComparer.Ordinal));
    }

    public async Task<PinCaseResult> ReadResult(string readerId, string readerRole)
    {
        await CaseAsync();
        await audit.AppendAsync(new AuditEntry(clock.Now, readerId, readerRole, PinAudit.ResultRead, PinAudit.SubjectType, CaseNumber, InsuredId: null));
        return await GetResult();
    }

    private PinCaseView View(StoredPinCase stored, PinSecretRecord? issue)
    {
        var events = S.LastEvent;
        var status = events switch
        {
            PinCaseEventKind.Opened => PinCaseStatus.Opened,
            PinCaseEventKind.Submitted => PinCaseStatus.Submitted,
            PinCaseEventKind.ClosedAutomatically => PinCaseStatus.ClosedAutomatically,
            PinCaseEventKind.WithClerk => PinCaseStatus.WithClerk,
            PinCaseEventKind.ClosedByClerk => PinCaseStatus.ClosedByClerk,
            PinCaseEventKind.Reissued => PinCaseStatus.LetterExported,
            _ => issue is null ? PinCaseStatus.Imported : PinCaseStatus.LetterExported,
        };
        if (status is PinCaseStatus.Imported or PinCaseStatus.LetterExported or PinCaseStatus.Opened
            && issue is not null && issue.ExpiresAt < clock.Now)
            status = PinCaseStatus.Expired;
        return new PinCaseView(
            CaseNumber, stored.Data.CaseType, status, stored.ImportedAt, issue?.IssuedAt, issue?.ExpiresAt, S.OpenedAt,
            S.Receipt?.SubmittedAt, S.Decision, S.ClosedByClerkAt, Locked(issue));
    }

    private bool Locked(PinSecretRecord? issue) => S.LockedAtIssue is { } lockedAt && (issue is null || issue.IssueNo <= lockedAt);

    /// <summary>The imported case; PIN_CASE_NOT_FOUND when there is none (read once per activation: it never changes).</summary>
    private async Task<StoredPinCase> CaseAsync() =>
        _case ??= await cases.FindAsync(CaseNumber) ?? throw new PinException(PinErrors.CaseNotFound, "Diesen Vorgang gibt es nicht.");

    /// <summary>
    /// The valid issue of secrets. A newer issue than the counters know starts them afresh (a reissue unlocks) and, when
    /// an earlier one existed, is recorded as <see cref="PinCaseEventKind.Reissued"/>.
    /// </summary>
    private async Task<PinSecretRecord?> ValidIssueAsync()
    {
        var issue = await secretStore.LatestAsync(CaseNumber);
        if (issue is null || issue.IssueNo <= S.IssueNo)
            return issue;
        var reissued = S.IssueNo > 0 && !S.Submitted;
        S.IssueNo = issue.IssueNo;
        S.FailedAttempts = 0;
        S.NextAttemptAt = null;
        S.LockedAtIssue = null;
        S.SessionId = null;
        S.SessionExpiresAt = null;
        if (reissued)
            await AppendEventAsync(PinCaseEventKind.Reissued, new { issueNo = issue.IssueNo });
        await state.WriteStateAsync();
        return issue;
    }

    /// <summary>Appends one event (idempotent by seq: a retry after a failed state write writes the same row again).</summary>
    private async Task AppendEventAsync(PinCaseEventKind kind, object? detail)
    {
        var seq = S.EventSeq + 1;
        await events.AppendAsync(new PinCaseEventRecord(
            CaseNumber, seq, kind, clock.Now, detail is null ? null : JsonSerializer.Serialize(detail, JsonSerializerOptions.Web)));
        S.EventSeq = seq;
        S.LastEvent = kind;
    }

    private Participant Insured(PinCaseData data) =>
        new(PinCaseIds.InsuredUserIdOf(CaseNumber), ParticipantRole.Insured, $"{data.FirstName} {data.LastName}");
}
