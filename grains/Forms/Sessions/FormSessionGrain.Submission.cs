using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Grains.EinmalPin;
using Kasse.Inbox;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Submission: the server's complete check (the client cannot skip a rule), the append-only submission with its content
/// hash, the clerk's work item when the definition's review asks for one, and the receipt. Idempotent: the stored
/// submission is the truth, so a retry after any failure ends with the same receipt.
/// </summary>
public sealed partial class FormSessionGrain
{
    public async Task<FormSubmissionReceipt> Submit(Participant insured, string operationId)
    {
        EnsureStarted();
        if (insured.Role != ParticipantRole.Insured)
        {
            if (insured.IsStaff)
                await AuditAsync(insured, "form.refused");
            throw new FormException(FormErrors.SubmitInsuredOnly, "Nur die versicherte Person reicht ihr Formular ein.");
        }
        await EnsureActorAsync(insured);
        FormOperationIds.Check(operationId);
        if (S.Receipt is { } receipt)
            return receipt;
        EnsureOpen();
        var evaluation = Evaluation();
        if (!evaluation.Complete)
        {
            var values = S.Values();
            var problems = evaluation.Fields.Count(f => f.Visible && (f.Error is not null || f.Required && !values.ContainsKey(f.Path)));
            PushState();
            throw new FormException(FormErrors.Invalid, $"Das Formular ist noch nicht vollständig: {Math.Max(problems, 1)} Angabe(n) fehlen oder sind ungültig.");
        }
        var answers = S.Values();
        var stored = await submissions.AddAsync(new StoredFormSubmission(
            Id, S.FormName, S.FormVersion, S.CaseReference, clock.GetUtcNow(), insured.UserId, insured.DisplayName,
            FormContentHash.Compute(S.FormName, S.FormVersion, S.CaseReference, answers), answers));
        // An EinmalPIN case decides with its own stp rule set and routes itself (h12-case); the form only stores.
        var review = Model.Review(stored.Answers, Today());
        var clerkMustLook = review.ClerkMustLook && S.Origin != FormOrigin.PinCase;
        var workItemId = clerkMustLook ? await RouteToClerkAsync(review, stored) : null;
        var outcome = clerkMustLook ? FormSubmissionOutcome.RoutedToClerk : FormSubmissionOutcome.Closed;
        var newReceipt = new FormSubmissionReceipt(Id, stored.CaseReference, stored.SubmittedAt, stored.ContentHash, outcome, workItemId);
        await AppendAsync(FormSessionEventKind.Submitted, FormActor.Of(insured), null, new FormSessionChange(Receipt: newReceipt), evaluation);
        _presence.Clear();
        PushState();
        return newReceipt;
    }

    public async Task<FormSubmissionDocument> GetSubmission(Participant reader)
    {
        EnsureStarted();
        if (reader.IsStaff)
        {
            if (!await MayReadSubmissionAsync(reader))
            {
                await AuditAsync(reader, "form.refused");
                throw new FormException(FormErrors.Forbidden, "Dieses Formular ist Ihnen nicht zugewiesen.");
            }
            await AuditAsync(reader, "form.submission.read");
        }
        else if (reader.UserId != S.InsuredUserId)
            throw new FormException(FormErrors.Forbidden, "Dieses Formular gehört einer anderen Person.");
        var stored = S.Receipt is null ? null : await submissions.FindAsync(Id);
        if (stored is null)
            throw new FormException(FormErrors.SubmissionNotFound, "Dieses Formular ist noch nicht eingereicht.");
        var answers = Model.Answers(stored.Answers, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(stored.SubmittedAt, Berlin).DateTime));
        // Sensitive answers are the insured's alone, on paper too: staff get them masked.
        if (reader.IsStaff)
            answers = [.. answers.Select(a => a.Sensitive ? a with { Value = SubmittedAnswer.MaskedValue } : a)];
        return new FormSubmissionDocument(
            Id, stored.FormName, stored.FormVersion, Model.Title, stored.CaseReference, S.StartedAt, stored.SubmittedAt,
            stored.SubmittedByName, answers, stored.ContentHash);
    }

    /// <summary>
    /// Staff read a submission when they are a supervisor, the agent the insured admitted (and did not send away), or the
    /// agent holding the work item the submission went to.
    /// </summary>
    private async Task<bool> MayReadSubmissionAsync(Participant reader)
    {
        if (reader.Role == ParticipantRole.Supervisor)
            return true;
        if (S.Access is { Status: FormAccessStatus.Granted, AgentId: { } admitted } && admitted == reader.UserId)
            return true;
        if ((S.Receipt?.WorkItemId ?? PinCaseItemId()) is not { } itemId)
            return false;
        var item = await GrainFactory.GetGrain<IWorkItemGrain>(itemId).GetView();
        return item is { AgentId: { } assignee } && assignee == reader.UserId;
    }

    /// <summary>The work item an EinmalPIN case routes itself to (keyed by its case number); null for other sessions.</summary>
    private string? PinCaseItemId() =>
        S.Origin == FormOrigin.PinCase && S.Receipt is not null ? PinCaseWorkItems.Of(S.CaseReference) : null;

    /// <summary>
    /// A clerk must look: a session started from a work item adds a message to that item; any other gets its own form
    /// case item (keyed by the session, so a retry finds it rather than creating a second one).
    /// </summary>
    private async Task<string> RouteToClerkAsync(FormReview review, StoredFormSubmission submission)
    {
        var subject = $"Formular eingereicht: {Model.Title.De} ({submission.CaseReference})";
        if (S.Origin == FormOrigin.WorkItem && S.WorkItemId is { } originId)
        {
            await GrainFactory.GetGrain<IWorkItemGrain>(originId).AddMessage(new WorkItemMessage(
                "form-submission-" + Id.ToString("N"), null, subject,
                $"Die versicherte Person hat das Formular „{Model.Title.De}“ eingereicht (Fallnummer {submission.CaseReference}, Prüfsumme {submission.ContentHash}).",
                submission.SubmittedAt));
            return originId;
        }
        var itemId = WorkItemKeys.External(WorkChannel.FormCase, Id.ToString());
        await GrainFactory.GetGrain<IWorkItemGrain>(itemId).Create(new NewWorkItem(
            WorkChannel.FormCase, pseudonyms.KeyOf(S.InsuredUserId), review.Topic, review.Skills,
            Priority: review.Priority, Reference: submission.CaseReference));
        return itemId;
    }
}
