namespace Kasse.Forms;

/// <summary>
/// What an edit changed in a participant's view (event <c>formChange</c>), instead of the whole
/// <see cref="FormViewState"/>: the fields whose value, version, writer, visibility, requirement, enabled flag or error
/// changed (as <see cref="FieldState"/>, masked for an agent like the full state), all steps, and whether the form is
/// complete. It applies to the state with seq <see cref="BaseSeq"/> only; a client holding another seq fetches the state
/// (<c>GetFormState</c>). An edit that adds or removes paths (rows) is pushed as a whole <c>formState</c> instead.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormViewChange")]
public sealed record FormViewChange(
    [property: Id(0)] Guid SessionId,
    [property: Id(1)] long Seq,
    [property: Id(2)] long BaseSeq,
    [property: Id(3)] IReadOnlyList<FieldState> Fields,
    [property: Id(4)] IReadOnlyList<StepState> Steps,
    [property: Id(5)] bool Complete,
    [property: Id(6)] DateTimeOffset UpdatedAt)
{
    /// <summary>
    /// The state after this change, or null when it does not follow <paramref name="state"/> (another session, or the
    /// state's seq is not <see cref="BaseSeq"/>): then the client fetches the current state instead.
    /// </summary>
    public FormViewState? ApplyTo(FormViewState state)
    {
        ArgumentNullException.ThrowIfNull(state);
        if (state.SessionId != SessionId || state.Seq != BaseSeq)
            return null;
        var fields = new FieldState[state.Fields.Count];
        for (var i = 0; i < fields.Length; i++)
        {
            var field = state.Fields[i];
            foreach (var changed in Fields)
            {
                if (changed.Path == field.Path)
                {
                    field = changed;
                    break;
                }
            }
            fields[i] = field;
        }
        return state with { Seq = Seq, Fields = fields, Steps = Steps, Complete = Complete, UpdatedAt = UpdatedAt };
    }
}
