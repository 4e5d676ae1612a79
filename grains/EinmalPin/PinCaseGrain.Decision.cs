using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Inbox;
using Kasse.Rules;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Submission and decision: the form session checks and stores the submission (and, for a PinCase session, routes
/// nothing itself); the secrets are consumed; the case type's <c>stp.*</c> rule set decides, recorded with its version;
/// the case closes or goes to a clerk's inbox with the reasons. Each step is idempotent, so a retry finishes the rest.
/// </summary>
public sealed partial class PinCaseGrain
{
    public async Task<PinSubmitResult> Submit(Guid caseSessionId, string operationId)
    {
        EnsureSession(caseSessionId);
        var stored = await CaseAsync();
        var data = stored.Data;
        if (S.Receipt is null)
        {
            if (!S.FormStarted)
                throw new PinException(PinErrors.SessionInvalid, "Bitte öffnen Sie zuerst Ihren Vorgang.");
            var receipt = await GrainFactory.GetGrain<IFormSessionGrain>(PinCaseIds.FormSessionOf(CaseNumber))
                .Submit(Insured(data), operationId);
            // From here on the secrets are used up: no further login, no further edit.
            S.Receipt = receipt;
            await AppendEventAsync(PinCaseEventKind.Submitted, new { formSessionId = receipt.SessionId, contentHash = receipt.ContentHash });
            await state.WriteStateAsync();
        }
        if (S.Decision is null)
            await DecideAsync(data);
        var view = View(stored, await secretStore.LatestAsync(CaseNumber));
        var decided = S.Decision!;
        var receiptAsDecided = S.Receipt! with
        {
            Outcome = decided.ClosedAutomatically ? FormSubmissionOutcome.Closed : FormSubmissionOutcome.RoutedToClerk,
            WorkItemId = decided.WorkItemId,
        };
        return new PinSubmitResult(CaseNumber, view.Status, receiptAsDecided);
    }

    public async Task ClerkClosed(string agentId)
    {
        if (S.Decision is not { ClosedAutomatically: false } || S.ClosedByClerkAt is not null)
            return;
        S.ClosedByClerkAt = clock.Now;
        await AppendEventAsync(PinCaseEventKind.ClosedByClerk, new { agentId });
        await state.WriteStateAsync();
    }

    private async Task DecideAsync(PinCaseData data)
    {
        var submission = await submissions.FindAsync(PinCaseIds.FormSessionOf(CaseNumber))
            ?? throw new InvalidOperationException("the form session answered a receipt but stored no submission");
        var decision = await PinStpInputs.DecideAndRecordAsync(rules, data, submission.Answers, clock.Today);
        var closed = rules.Effective(decision) == DecisionOutcome.Accepted;
        var reasons = closed ? [] : ReasonsOf(decision);
        string? workItemId = null;
        if (!closed)
            workItemId = await RouteToClerkAsync(data, reasons);
        S.Decision = new PinStpDecision(closed, decision.RuleSet, decision.Version ?? 0, reasons, workItemId, decision.At);
        await AppendEventAsync(
            closed ? PinCaseEventKind.ClosedAutomatically : PinCaseEventKind.WithClerk,
            new { ruleSet = decision.RuleSet, ruleSetVersion = decision.Version, reasons, workItemId });
        await state.WriteStateAsync();
    }

    /// <summary>The rules' messages; a decision that fell back (no active version, a rule threw) says so instead.</summary>
    private static string[] ReasonsOf(RuleDecision decision) =>
        decision.Outcome == DecisionOutcome.SafeFallback || decision.Messages.Count == 0
            ? ["Das Regelwerk konnte nicht automatisch entscheiden."]
            : [.. decision.Messages];

    /// <summary>The case's work item (keyed by the case number, so a retry finds it rather than creating a second one).</summary>
    private async Task<string> RouteToClerkAsync(PinCaseData data, IReadOnlyList<string> reasons)
    {
        var itemId = PinCaseWorkItems.Of(CaseNumber);
        var topic = $"EinmalPIN {TitleOf(data.CaseType)} prüfen";
        var body = $"Vorgang {CaseNumber} ({TitleOf(data.CaseType)}) wurde nicht automatisch abgeschlossen:\n"
            + string.Join('\n', reasons.Select(r => "• " + r));
        await GrainFactory.GetGrain<IWorkItemGrain>(itemId).Create(new NewWorkItem(
            WorkChannel.FormCase, pseudonyms.KeyOf(data.Kvnr), topic, SkillsOf(data.CaseType),
            FirstMessage: new WorkItemMessage("pin-" + CaseNumber, null, topic, body, clock.Now),
            Reference: CaseNumber));
        return itemId;
    }

    private static string TitleOf(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => "Steuer-ID-Rückmeldung",
        PinCaseType.SepaMandat => "SEPA-Lastschriftmandat",
        PinCaseType.Unfallfragebogen => "Unfallfragebogen",
        _ => type.ToString(),
    };

    // The skills of the clerks who handle each kind (as the demo directory names them).
    private static string[] SkillsOf(PinCaseType type) => type switch
    {
        PinCaseType.SteuerId => ["steuer-id"],
        PinCaseType.SepaMandat => ["sepa"],
        _ => ["unfall"],
    };
}
