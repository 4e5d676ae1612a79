using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Forms;
using Kasse.Grains.Audit;
using Kasse.Grains.Gateway;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// One form session, the co-browse document: the single writer of its values (each with version and last writer), the
/// agent's access and the status. Every accepted change is one event, durable in the session log before it is answered
/// or pushed; the stored state is a snapshot the log completes on activation. After every change the whole form is
/// evaluated once, here, and every participant gets their view of it (the agent's without sensitive values).
/// Split by concern: starts and reads here; edits, access, presence, submission, files, persistence and views in the
/// other parts of this partial class.
/// </summary>
public sealed partial class FormSessionGrain(
    [PersistentState("form-session", StorageNames.Default)] IPersistentState<FormSessionState> state,
    IFormModels models,
    IFormSessionLog log,
    IFormFileStore files,
    IFormSubmissionStore submissions,
    IAuditTrail audit,
    GatewayFanout fanout,
    CustomerPseudonyms pseudonyms,
    TimeProvider clock,
    ILogger<FormSessionGrain> logger) : Grain, IFormSessionGrain
{
    private IFormModel? _model;

    private Guid? _id;

    // Read on every edit and push; GetPrimaryKey decodes it from the grain id each time.
    private Guid Id => _id ??= this.GetPrimaryKey();

    private FormSessionState S => state.State;

    private IFormModel Model => _model ?? throw new InvalidOperationException("the session has no form model yet");

    public async Task<FormSessionSnapshot> Start(Participant insured, FormSessionStart start)
    {
        if (insured.Role != ParticipantRole.Insured || start.InsuredUserId != insured.UserId)
            throw new FormException(FormErrors.Forbidden, "Nur die versicherte Person selbst beginnt ein Formular im Portal.");
        if (S.Started)
        {
            if (S.InsuredUserId != insured.UserId)
                throw new FormException(FormErrors.Forbidden, "Dieses Formular gehört einer anderen Person.");
            await RecordAtCustomerAsync();
            return Snapshot(masked: false);
        }
        var model = await models.GetActiveAsync(start.FormName);
        await BeginAsync(model, FormActor.Of(insured), start with { Origin = FormOrigin.Portal, ConversationId = null, WorkItemId = null }, access: null);
        return Snapshot(masked: false);
    }

    public async Task<FormViewState> StartForCase(FormSessionStart start)
    {
        if (!S.Started)
        {
            if (string.IsNullOrWhiteSpace(start.InsuredUserId))
                throw new FormException(FormErrors.Forbidden, "Ein Formular braucht die versicherte Person.");
            var model = await models.GetActiveAsync(start.FormName);
            await BeginAsync(model, FormActor.System, start with { Origin = FormOrigin.PinCase }, access: null);
        }
        else
        {
            await RecordAtCustomerAsync();
        }
        return View(masked: false);
    }

    public async Task<FormSessionSnapshot> Open(Participant reader)
    {
        var masked = await EnsureReaderAsync(reader);
        return masked && S.Access.Status != FormAccessStatus.Granted
            ? new FormSessionSnapshot(Model.ClientDefinitionJson, WaitingView())
            : Snapshot(masked);
    }

    public async Task<FormViewState> GetState(Participant reader)
    {
        var masked = await EnsureReaderAsync(reader);
        return masked && S.Access.Status != FormAccessStatus.Granted ? WaitingView() : View(masked);
    }

    public Task<FormSessionSummary?> Describe() => Task.FromResult(S.Started
        ? new FormSessionSummary(Id, S.FormName, Model.Title, S.Status, S.Access, S.StartedAt, S.UpdatedAt, S.CaseReference)
        : null);

    /// <summary>
    /// The first event of a session: the pinned form version, whose it is, where from; the prefilled values (written by
    /// the system, version 1, dropped when their shape is wrong or clear-on-hide empties them) and, when an agent
    /// started it, the agent's request. Then the session is recorded at the customer and everyone is told.
    /// </summary>
    private async Task BeginAsync(IFormModel model, FormActor starter, FormSessionStart start, FormAccess? access)
    {
        _model = model;
        var caseReference = string.IsNullOrWhiteSpace(start.CaseReference)
            ? "FS-" + Id.ToString("N")[..10].ToUpperInvariant()
            : start.CaseReference.Trim();
        var prefill = new List<FormValueWrite>();
        foreach (var (path, value) in start.Prefill ?? new Dictionary<string, string>())
        {
            if (FormPath.Parse(path) is { IsRow: false, IsRowField: false } && model.Describe(path) is { Type: not (FormFieldType.RepeatingGroup or FormFieldType.File) }
                && model.CheckShape(path, value) is { Ok: true, NormalizedJson: { } normalized })
                prefill.Add(new FormValueWrite(path, normalized, 1));
        }
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        var (writes, evaluation) = WithClearOnHide(prefill, values, previous: null);
        var opening = new FormSessionOpening(
            model.Name, model.Version, start.InsuredUserId, start.Origin, start.ConversationId, start.WorkItemId, caseReference);
        // The system's prefill is attributed to the system, whoever started the session.
        var actor = writes.Count > 0 ? FormActor.System : starter;
        await AppendAsync(FormSessionEventKind.Started, actor, null, new FormSessionChange(Opening: opening, Writes: writes, Access: access), evaluation, values);
        await RecordAtCustomerAsync();
        PushState();
    }

    /// <summary>The insured's list of forms (idempotent; told again on a repeated start in case the first attempt failed after the event).</summary>
    private Task RecordAtCustomerAsync() => GrainFactory.GetCustomer(pseudonyms, S.InsuredUserId).RecordFormSession(Id);

    private FormSessionSnapshot Snapshot(bool masked) => new(Model.ClientDefinitionJson, View(masked));

    private void EnsureStarted()
    {
        if (!S.Started)
            throw new FormException(FormErrors.SessionNotFound, "Dieses Formular gibt es nicht.");
    }

    private void EnsureOpen()
    {
        if (S.Status != FormSessionStatus.Open)
            throw new FormException(FormErrors.SessionClosed, "Dieses Formular ist abgeschlossen und nimmt keine Änderungen mehr an.");
    }

    private BerlinDay? _today;

    /// <summary>
    /// Today's date in Germany: what "not in the future" and ages are measured against. Every edit asks; Berlin's offset
    /// from UTC is whole hours, so its date can only change on a full UTC hour and is converted once per hour.
    /// </summary>
    private DateOnly Today()
    {
        var now = clock.GetUtcNow();
        var hour = now.UtcTicks / TimeSpan.TicksPerHour;
        if (_today is not { } today || today.UtcHour != hour)
            _today = today = new BerlinDay(hour, DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, Berlin).DateTime));
        return today.Date;
    }

    private sealed record BerlinDay(long UtcHour, DateOnly Date);

    private static readonly TimeZoneInfo Berlin = FindBerlin();

    private static TimeZoneInfo FindBerlin()
    {
        try
        {
            return TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin");
        }
        catch (TimeZoneNotFoundException)
        {
            return TimeZoneInfo.Utc;
        }
    }
}
