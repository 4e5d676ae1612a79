using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Web.Realtime;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// The insured's channel for one EinmalPIN case (docs/einmalpin.md), opened by a case-session token only. Every
/// call names the case session of the token; the case grain checks it (expired, replaced, logged out, submitted:
/// PIN_SESSION_INVALID), then the hub acts on the case's form session as the case's insured. The forms protocol is the
/// customer hub's (docs/forms.md): the same results, and <c>formState</c> pushes to this connection.
/// </summary>
[Authorize(Policy = KassePolicies.PinCase)]
public sealed class PinHub(IGrainFactory grains, UserConnections<PinHub> connections) : Hub
{
    public const string Path = AuthenticationSetup.PinHubPath;

    // The form session pushes to its insured's user id ("pin:{caseNumber}"); the gateway finds this hub's connections.
    public override Task OnConnectedAsync()
    {
        if (Context.UserIdentifier is { } userId)
            Context.Remember(connections.Add(userId, Context.ConnectionId, Context));
        return base.OnConnectedAsync();
    }

    public override Task OnDisconnectedAsync(Exception? exception)
    {
        if (Context.UserIdentifier is { } userId)
            connections.Remove(userId, Context.ConnectionId);
        return base.OnDisconnectedAsync(exception);
    }

    /// <summary>
    /// The case (number, type, name, deadline, status) and its form (definition and state); starts the prefilled form on
    /// the first call. Call after connecting and after every reconnect. Errors: PIN_SESSION_INVALID.
    /// </summary>
    public async Task<PinCaseSnapshot> OpenCase()
    {
        var snapshot = await Case.Open(Caller.CaseSessionId);
        Context.Noted(snapshot.Form);
        return snapshot;
    }

    /// <summary>One edit, as the customer hub's <c>EditForm</c>. Errors: PIN_SESSION_INVALID and the FORM_* codes of an edit.</summary>
    public async Task<FormEditResult> EditForm(FormEdit edit)
    {
        var checkedEdit = FormArguments.Edit(edit);
        var form = await FormAsync();
        return await Context.EditAsync(form, form.GetPrimaryKey(), Caller.Participant, checkedEdit);
    }

    /// <summary>The form's current state. Errors: PIN_SESSION_INVALID.</summary>
    public async Task<FormViewState> GetFormState() => Context.Noted(await (await FormAsync()).GetState(Caller.Participant));

    /// <summary>Where the insured is (step, field; null for none), for the form's presence. Errors: PIN_SESSION_INVALID, INVALID_INPUT.</summary>
    public async Task SetFormPosition(string? step, string? field)
    {
        var (stepId, fieldPath) = (FormArguments.FocusStep(step), FormArguments.FocusPath(field));
        await (await FormAsync()).SetFocus(Caller.Participant, stepId, fieldPath);
    }

    /// <summary>
    /// Submits the case: the server checks the whole form, stores it, uses up PIN and link, and decides (closed at once,
    /// or a clerk looks). A retry with the same session returns the same result. The control document is then at
    /// <c>GET /api/einmalpin/session/control-document.pdf</c>. Errors: PIN_SESSION_INVALID, FORM_INVALID,
    /// FORM_OPERATION_ID_INVALID.
    /// </summary>
    public Task<PinSubmitResult> SubmitCase(string operationId) => Case.Submit(Caller.CaseSessionId, FormArguments.OperationId(operationId));

    /// <summary>Ends the case session: the token opens nothing any more.</summary>
    public Task Logout() => Case.EndSession(Caller.CaseSessionId);

    private PinCaseCaller Caller => PinCaseCaller.Of(Context.User!);

    private IPinCaseGrain Case => grains.GetGrain<IPinCaseGrain>(Caller.CaseNumber);

    private async Task<IFormSessionGrain> FormAsync() => grains.GetGrain<IFormSessionGrain>(await Case.FormSessionOf(Caller.CaseSessionId));
}
