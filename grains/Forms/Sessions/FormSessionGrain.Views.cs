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

    private FormEvaluation Evaluation() => _evaluation ??= Model.Evaluate(S.Values(), Today());

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
        var evaluated = Evaluation().Fields.FirstOrDefault(f => f.Path == path)
            ?? new FieldEvaluation(path, Visible: false, Required: false, Enabled: false, Error: null);
        return FieldStateOf(evaluated, S.Fields.GetValueOrDefault(path), masked);
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
