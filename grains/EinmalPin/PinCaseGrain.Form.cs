using Kasse.EinmalPin;
using Kasse.Forms;

namespace Kasse.Grains.EinmalPin;

/// <summary>
/// The case's form: started on the first open (origin PinCase, prefilled from the imported data, a name-based session
/// id so a retry finds it), then edited by the hub directly on the form session as the case's insured participant.
/// </summary>
public sealed partial class PinCaseGrain
{
    public async Task<PinCaseSnapshot> Open(Guid caseSessionId)
    {
        EnsureOpenSession(caseSessionId);
        var stored = await CaseAsync();
        var data = stored.Data;
        var form = await StartFormAsync(data);
        if (S.OpenedAt is null)
        {
            S.OpenedAt = clock.Now;
            await AppendEventAsync(PinCaseEventKind.Opened, null);
            await state.WriteStateAsync();
        }
        var snapshot = await form.Open(Insured(data));
        var view = View(stored, await secretStore.LatestAsync(CaseNumber));
        return new PinCaseSnapshot(
            CaseNumber, data.CaseType, $"{data.FirstName} {data.LastName}", data.Deadline, view.Status,
            PinCaseIds.FormSessionOf(CaseNumber), snapshot, S.Receipt);
    }

    public Task<Guid> FormSessionOf(Guid caseSessionId)
    {
        EnsureOpenSession(caseSessionId);
        if (!S.FormStarted)
            throw new PinException(PinErrors.SessionInvalid, "Bitte öffnen Sie zuerst Ihren Vorgang.");
        return Task.FromResult(PinCaseIds.FormSessionOf(CaseNumber));
    }

    public Task<Guid> SubmittedFormSessionOf(Guid caseSessionId)
    {
        EnsureSession(caseSessionId);
        if (!S.Submitted)
            throw new FormException(FormErrors.SubmissionNotFound, "Dieses Formular ist noch nicht eingereicht.");
        return Task.FromResult(PinCaseIds.FormSessionOf(CaseNumber));
    }

    private async Task<IFormSessionGrain> StartFormAsync(PinCaseData data)
    {
        var form = GrainFactory.GetGrain<IFormSessionGrain>(PinCaseIds.FormSessionOf(CaseNumber));
        if (S.FormStarted)
            return form;
        await form.StartForCase(new FormSessionStart(
            PinCaseTypes.FormOf(data.CaseType), FormOrigin.PinCase, PinCaseIds.InsuredUserIdOf(CaseNumber),
            CaseReference: CaseNumber, Prefill: PinCasePrefill.Of(data)));
        S.FormStarted = true;
        await state.WriteStateAsync();
        return form;
    }
}
