using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Gateway;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// What participants see: the evaluation of the current values (computed once per change), turned into one full view
/// for the insured and one masked view for the admitted agent, pushed after every change through the gateway.
/// </summary>
public sealed partial class FormSessionGrain
{
    private FormEvaluation? _evaluation;
    private readonly Dictionary<string, bool> _sensitive = new(StringComparer.Ordinal);

    // The values as the model reads them (path → JSON), kept between changes instead of built from the state for each.
    private Dictionary<string, string>? _values;

    private FormEvaluation Evaluation() => _evaluation ??= Model.Evaluate(_values ??= S.Values(), Today());

    /// <summary>The values for a change to apply its writes to: the change hands them back with its event (see <see cref="AppendAsync"/>).</summary>
    private Dictionary<string, string> TakeValues()
    {
        var values = _values ?? S.Values();
        _values = null;
        return values;
    }

    /// <summary>A path's evaluation; hidden, not required and disabled when the evaluation has no such path.</summary>
    private static FieldEvaluation EvaluatedField(FormEvaluation evaluation, string path)
    {
        foreach (var field in evaluation.Fields)
        {
            if (string.Equals(field.Path, path, StringComparison.Ordinal))
                return field;
        }
        return new FieldEvaluation(path, Visible: false, Required: false, Enabled: false, Error: null);
    }

    private bool IsSensitive(string path)
    {
        if (!_sensitive.TryGetValue(path, out var sensitive))
            _sensitive[path] = sensitive = Model.Describe(path)?.Sensitive ?? false;
        return sensitive;
    }

    /// <summary>The whole form for one participant; an agent's copy has no value and no error of a sensitive field.</summary>
    private FormViewState View(bool masked)
    {
        var evaluation = Evaluation();
        var fields = new FieldState[evaluation.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
            fields[i] = FieldStateOf(evaluation.Fields[i], S.Fields.GetValueOrDefault(evaluation.Fields[i].Path), masked);
        return new FormViewState(
            Id, S.Seq, S.FormName, S.FormVersion, S.Status, fields, evaluation.Steps, S.Access, Presence(),
            evaluation.Complete, S.CaseReference, S.UpdatedAt, S.Receipt);
    }

    /// <summary>
    /// What an agent without access sees (requested, declined or revoked): the session's status and the access, but no
    /// field, no step, no presence — nothing of the insured's answers.
    /// </summary>
    private FormViewState WaitingView() => new(
        Id, S.Seq, S.FormName, S.FormVersion, S.Status, [], [], S.Access, [], false, S.CaseReference, S.UpdatedAt, null);

    private FieldState FieldStateOf(FieldEvaluation field, FormFieldEntry? entry, bool masked)
    {
        var hide = masked && IsSensitive(field.Path);
        return new FieldState(
            field.Path,
            hide || !field.Visible ? null : entry?.Value,
            entry?.Version ?? 0,
            entry?.Writer.Role,
            entry?.Writer.Name,
            field.Visible,
            field.Required,
            field.Enabled,
            hide ? null : field.Error,
            hide);
    }

    /// <summary>One path as it stands now for a participant (the answer to an edit, or the current field of a conflict).</summary>
    private FieldState CurrentField(string path, bool masked)
    {
        return FieldStateOf(EvaluatedField(Evaluation(), path), S.Fields.GetValueOrDefault(path), masked);
    }

    /// <summary>
    /// After an edit: to each participant only what changed (<see cref="FormViewChange"/>, the agent's masked), which is
    /// a few hundred bytes instead of the whole form twice — the JSON of two full states per edit was most of an edit's
    /// cost in the <c>cobrowse</c> benchmark. An edit that added or removed paths (rows), or an agent not admitted, gets
    /// the whole state as before. Returns the change of the editor's view (masked for an agent), for the answer; null
    /// when the whole state went out. <paramref name="answeredOperation"/>: the edit's operation id when its answer
    /// carries the change, so that the gateway leaves the editing connection out (the user's other connections get it).
    /// </summary>
    private FormViewChange? PushChange(
        FormEvaluation before, FormEvaluation after, List<FormValueWrite> writes, Participant editor, string? answeredOperation)
    {
        if (!SamePaths(before, after))
        {
            PushState();
            return null;
        }
        var changed = new List<int>(writes.Count + 2);
        for (var i = 0; i < after.Fields.Count; i++)
        {
            var now = after.Fields[i];
            var was = before.Fields[i];
            if (now.Visible != was.Visible || now.Required != was.Required || now.Enabled != was.Enabled
                || !Equals(now.Error, was.Error) || Written(writes, now.Path))
                changed.Add(i);
        }
        var insuredChange = Change(after, changed, masked: false);
        fanout.Enqueue(new ClientDelivery(
            [S.InsuredUserId], null, null, FormChange: insuredChange, FormOperationId: editor.IsStaff ? null : answeredOperation));
        FormViewChange? agentChange = null;
        if (S.Access.AgentId is { } agentId)
        {
            if (S.Access.Status == FormAccessStatus.Granted)
            {
                agentChange = Change(after, changed, masked: true);
                fanout.Enqueue(new ClientDelivery(
                    [agentId], null, null, FormChange: agentChange, FormOperationId: editor.IsStaff ? answeredOperation : null));
            }
            else
            {
                fanout.Enqueue(new ClientDelivery([agentId], null, null, FormState: WaitingView()));
            }
        }
        return editor.IsStaff ? agentChange : insuredChange;
    }

    private FormViewChange Change(FormEvaluation evaluation, List<int> changed, bool masked)
    {
        var fields = new FieldState[changed.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = evaluation.Fields[changed[i]];
            fields[i] = FieldStateOf(field, S.Fields.GetValueOrDefault(field.Path), masked);
        }
        return new FormViewChange(Id, S.Seq, S.Seq - 1, fields, evaluation.Steps, evaluation.Complete, S.UpdatedAt);
    }

    private static bool SamePaths(FormEvaluation before, FormEvaluation after)
    {
        if (before.Fields.Count != after.Fields.Count)
            return false;
        for (var i = 0; i < after.Fields.Count; i++)
        {
            if (!string.Equals(before.Fields[i].Path, after.Fields[i].Path, StringComparison.Ordinal))
                return false;
        }
        return true;
    }

    private static bool Written(List<FormValueWrite> writes, string path)
    {
        foreach (var write in writes)
        {
            if (string.Equals(write.Path, path, StringComparison.Ordinal))
                return true;
        }
        return false;
    }

    /// <summary>The new state to the insured (full) and to the agent (masked; or only the access while not admitted).</summary>
    private void PushState()
    {
        fanout.Enqueue(new ClientDelivery([S.InsuredUserId], null, null, FormState: View(masked: false)));
        if (S.Access.AgentId is { } agentId)
        {
            var agentView = S.Access.Status == FormAccessStatus.Granted ? View(masked: true) : WaitingView();
            fanout.Enqueue(new ClientDelivery([agentId], null, null, FormState: agentView));
        }
    }
}
