using System.Text.Json;
using Kasse.Conversations;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// Edits: set a value, add or remove a repeating-group row. A stale base version on the same path is refused with the
/// current field (Conflict); edits to different paths never conflict; a retried operation id gets the first answer and
/// changes nothing. Every accepted edit is evaluated once; clear-on-hide empties what it hid.
/// </summary>
public sealed partial class FormSessionGrain
{
    /// <summary>How many rounds of clear-on-hide an edit may cause (emptying one field may hide the next).</summary>
    private const int MaxClearRounds = 8;

    /// <summary>The longest JSON text a value may have (a long text plus escaping; an address).</summary>
    private const int MaxValueJsonLength = 4 * FormErrors.MaxTextLength;

    public async Task<FormEditResult> Edit(Participant editor, FormEdit edit)
    {
        ArgumentNullException.ThrowIfNull(edit);
        await EnsureCallerAsync(editor, edit.OperationId);
        if (!editor.IsStaff)
            return await EditCheckedAsync(editor, edit);
        // An agent's edit is audited while it is checked and written to the session log: both are durable before the
        // answer, one group commit's wait instead of two after each other.
        var audited = AuditAsync(editor, "form.edit");
        var edited = EditCheckedAsync(editor, edit);
        await Task.WhenAll(audited, edited);
        return await edited;
    }

    private async Task<FormEditResult> EditCheckedAsync(Participant editor, FormEdit edit)
    {
        if (await CheckOperationAsync(editor, edit.OperationId, edit.Path) is { } earlier)
            return earlier;
        var path = FormPath.Parse(edit.Path) ?? throw UnknownField();
        return edit.Kind switch
        {
            FormEditKind.Set => await SetAsync(editor, edit, path, fromUpload: false),
            FormEditKind.AddRow => await AddRowAsync(editor, edit, path),
            FormEditKind.RemoveRow => await RemoveRowAsync(editor, edit, path),
            _ => throw new FormException(FormErrors.ValueInvalid, "Diese Art der Änderung gibt es nicht."),
        };
    }

    /// <summary>The caller may act on the values now and the operation id is well formed (see <see cref="CheckOperationAsync"/>).</summary>
    private async Task EnsureCallerAsync(Participant editor, string operationId)
    {
        await EnsureActorAsync(editor);
        FormOperationIds.Check(operationId);
    }

    /// <summary>
    /// The checks every write shares after the caller's (<see cref="EnsureCallerAsync"/>; an agent's attempt is audited
    /// from then on, also when it is refused later), in order: the operation id's earlier answer (a retry), the session
    /// still open, a known path, and no sensitive field for an agent.
    /// </summary>
    private async Task<FormEditResult?> CheckOperationAsync(Participant editor, string operationId, string path)
    {
        if (_operations.Find(editor.UserId, operationId) is { } earlier)
            return new FormEditResult(FormEditStatus.Duplicate, earlier.Field ?? CurrentField(path, editor.IsStaff), earlier.Seq);
        EnsureOpen();
        var parsed = FormPath.Parse(path) ?? throw UnknownField();
        var info = Model.Describe(parsed.IsRow ? parsed.GroupId! : path) ?? throw UnknownField();
        if (editor.IsStaff && info.Sensitive)
        {
            await AuditAsync(editor, "form.refused");
            throw new FormException(FormErrors.FieldSensitive, "Dieses Feld ist vertraulich: nur die versicherte Person sieht und füllt es.");
        }
        return null;
    }

    private async Task<FormEditResult> SetAsync(Participant editor, FormEdit edit, FormPath path, bool fromUpload)
    {
        var info = path.IsRow ? null : Model.Describe(edit.Path) ?? throw UnknownField();
        if (info is null or { Type: FormFieldType.RepeatingGroup })
            throw new FormException(FormErrors.ValueInvalid, "Zeilen einer Gruppe ändern sich mit AddRow und RemoveRow.");
        if (info.Type == FormFieldType.File && edit.Value is not null && !fromUpload)
            throw new FormException(FormErrors.ValueInvalid, "Dateien kommen über das Hochladen in ein Dateifeld.");
        if (path.IsRowField && !RowsOf(path.GroupId!).Contains(path.RowId!))
            throw UnknownField();
        EnsureEditable(edit.Path);
        var normalized = NormalizedValue(edit.Path, edit.Value);
        if (S.VersionOf(edit.Path) != edit.BaseVersion)
            return Conflict(editor, edit.Path);
        return await ApplyAsync(editor, edit, edit.Path, [new FormValueWrite(edit.Path, normalized, S.VersionOf(edit.Path) + 1)]);
    }

    private async Task<FormEditResult> AddRowAsync(Participant editor, FormEdit edit, FormPath path)
    {
        if (!path.IsRow)
            throw new FormException(FormErrors.ValueInvalid, "Eine Zeile wird mit dem Pfad gruppe[zeile] hinzugefügt.");
        var groupId = path.GroupId!;
        var group = Model.Describe(groupId);
        if (group?.Type != FormFieldType.RepeatingGroup)
            throw UnknownField();
        EnsureEditable(groupId);
        if (S.VersionOf(groupId) != edit.BaseVersion)
            return Conflict(editor, groupId);
        var rows = RowsOf(groupId);
        if (rows.Contains(path.RowId!))
            throw new FormException(FormErrors.ValueInvalid, "Diese Zeile gibt es schon.");
        var maxRows = group.MaxRows > 0 ? Math.Min(group.MaxRows, FormErrors.MaxRows) : FormErrors.MaxRows;
        if (rows.Count >= maxRows)
            throw new FormException(FormErrors.TooManyRows, $"Mehr als {maxRows} Zeilen sind hier nicht möglich.");
        rows.Add(path.RowId!);
        return await ApplyAsync(editor, edit, groupId, [new FormValueWrite(groupId, RowsJson(rows), S.VersionOf(groupId) + 1)]);
    }

    private async Task<FormEditResult> RemoveRowAsync(Participant editor, FormEdit edit, FormPath path)
    {
        if (!path.IsRow)
            throw new FormException(FormErrors.ValueInvalid, "Eine Zeile wird mit dem Pfad gruppe[zeile] entfernt.");
        var groupId = path.GroupId!;
        var rows = RowsOf(groupId);
        if (!rows.Contains(path.RowId!))
            throw UnknownField();
        EnsureEditable(groupId);
        if (S.VersionOf(groupId) != edit.BaseVersion)
            return Conflict(editor, groupId);
        rows.Remove(path.RowId!);
        var writes = new List<FormValueWrite> { new(groupId, RowsJson(rows), S.VersionOf(groupId) + 1) };
        // The row's values go with it (each with a new version, so a late edit of one of them conflicts).
        var prefix = path.Path + ".";
        foreach (var (fieldPath, entry) in S.Fields)
        {
            if (entry.Value is not null && fieldPath.StartsWith(prefix, StringComparison.Ordinal))
                writes.Add(new FormValueWrite(fieldPath, null, entry.Version + 1));
        }
        return await ApplyAsync(editor, edit, groupId, writes);
    }

    /// <summary>
    /// Appends the writes (with what clear-on-hide empties), then pushes everyone what changed; the answer carries the
    /// editor's change when the edit asked for it (<see cref="FormEdit.AnswerWithChange"/>).
    /// </summary>
    private async Task<FormEditResult> ApplyAsync(Participant editor, FormEdit edit, string resultPath, List<FormValueWrite> writes)
    {
        var operationId = edit.OperationId;
        var before = Evaluation();
        var values = TakeValues();
        var (allWrites, evaluation) = WithClearOnHide(writes, values, before);
        var result = ResultField(resultPath, allWrites, evaluation, editor);
        var seq = S.Seq + 1;
        var stored = await AppendAsync(
            FormSessionEventKind.Edited, FormActor.Of(editor), operationId, new FormSessionChange(Writes: allWrites, Result: result), evaluation, values);
        // A retry older than the remembered operations: the log answered with the original, nothing was applied.
        if (stored.Seq != seq)
            return new FormEditResult(FormEditStatus.Duplicate, stored.Change.Result ?? CurrentField(resultPath, editor.IsStaff), stored.Seq);
        var editorChange = PushChange(before, evaluation, allWrites, editor, edit.AnswerWithChange ? operationId : null);
        return new FormEditResult(FormEditStatus.Applied, result, stored.Seq, edit.AnswerWithChange ? editorChange : null);
    }

    /// <summary>
    /// The writes plus the paths clear-on-hide empties once they are applied to <paramref name="values"/> (repeated:
    /// emptying a field may hide another), and the evaluation of the values that result. One write is judged from
    /// <paramref name="previous"/> (the evaluation before it) where the form's dependencies allow: only what reads it.
    /// </summary>
    private (List<FormValueWrite> Writes, FormEvaluation Evaluation) WithClearOnHide(
        List<FormValueWrite> writes, Dictionary<string, string> values, FormEvaluation? previous)
    {
        var byPath = new Dictionary<string, FormValueWrite>(StringComparer.Ordinal);
        foreach (var write in writes)
        {
            byPath[write.Path] = write;
            if (write.Value is null)
                values.Remove(write.Path);
            else
                values[write.Path] = write.Value;
        }
        var today = Today();
        var evaluation = previous is not null && writes.Count == 1
            ? Model.Reevaluate(previous, values, writes[0].Path, today)
            : Model.Evaluate(values, today);
        if (evaluation.ClearedPaths.Count == 0)
            return (writes, evaluation);
        for (var round = 0; round < MaxClearRounds && evaluation.ClearedPaths.Count > 0; round++)
        {
            foreach (var cleared in evaluation.ClearedPaths)
            {
                if (!values.Remove(cleared))
                    continue;
                var version = byPath.TryGetValue(cleared, out var earlier) ? earlier.Version : S.VersionOf(cleared) + 1;
                byPath[cleared] = new FormValueWrite(cleared, null, version);
            }
            evaluation = Model.Evaluate(values, today);
        }
        return ([.. byPath.Values], evaluation);
    }

    /// <summary>The edited path as it will stand after the writes, for the editor.</summary>
    private FieldState ResultField(string path, List<FormValueWrite> writes, FormEvaluation evaluation, Participant editor)
    {
        FormValueWrite? write = null;
        foreach (var candidate in writes)
        {
            if (string.Equals(candidate.Path, path, StringComparison.Ordinal))
                write = candidate;
        }
        var entry = write is null ? S.Fields.GetValueOrDefault(path) : new FormFieldEntry(write.Value, write.Version, FormActor.Of(editor));
        return FieldStateOf(EvaluatedField(evaluation, path), entry, masked: editor.IsStaff);
    }

    private FormEditResult Conflict(Participant editor, string path) =>
        new(FormEditStatus.Conflict, CurrentField(path, editor.IsStaff), S.Seq);

    /// <summary>Hidden or disabled fields take no edits (FORM_FIELD_NOT_EDITABLE).</summary>
    private void EnsureEditable(string path)
    {
        if (EvaluatedField(Evaluation(), path) is not { Visible: true, Enabled: true })
            throw new FormException(FormErrors.FieldNotEditable, "Dieses Feld ist gerade ausgeblendet oder gesperrt.");
    }

    /// <summary>The value's JSON shape checked for the field type and normalised; null empties the field.</summary>
    private string? NormalizedValue(string path, string? value)
    {
        if (value is null)
            return null;
        if (value.Length > MaxValueJsonLength)
            throw new FormException(FormErrors.ValueInvalid, "Der Wert ist zu lang.");
        // The shape check parses the JSON once: malformed JSON is refused there, JSON null empties the field.
        var check = Model.CheckShape(path, value);
        if (!check.Ok)
            throw new FormException(FormErrors.ValueInvalid, check.Message ?? "Der Wert passt nicht zum Feld.");
        return check.NormalizedJson;
    }

    /// <summary>The row ids of a repeating group, in order.</summary>
    private List<string> RowsOf(string groupId)
    {
        if (S.ValueOf(groupId) is not { } json)
            return [];
        return JsonSerializer.Deserialize<List<string>>(json) ?? [];
    }

    private static string? RowsJson(List<string> rows) => rows.Count == 0 ? null : JsonSerializer.Serialize(rows);

    private static FormException UnknownField() =>
        new(FormErrors.UnknownField, "Dieses Feld gibt es in diesem Formular nicht.");
}
