using System.Text.Json.Serialization;

namespace Kasse.Forms;

/// <summary>What an edit does.</summary>
public enum FormEditKind
{
    /// <summary>Sets the value at <c>Path</c> (JSON; null clears it).</summary>
    Set = 0,

    /// <summary>Adds a row to a repeating group: <c>Path</c> = <c>groupId[rowId]</c> with a new row id the client chooses.</summary>
    AddRow = 1,

    /// <summary>Removes the row <c>Path</c> = <c>groupId[rowId]</c> with all its values.</summary>
    RemoveRow = 2,
}

/// <summary>
/// One change by one participant. <c>BaseVersion</c> is the version of the field (for rows: of the group) the client
/// saw when the user started typing; <c>OperationId</c> (1–64 letters, digits, '-', '_') makes a retry change nothing.
/// <c>AnswerWithChange</c>: the answer carries the editor's <see cref="FormViewChange"/> and the calling connection gets
/// no <c>formChange</c> push of it (one send per edit less); a client that does not set it gets the push as before.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormEdit")]
public sealed record FormEdit(
    [property: Id(0)] string OperationId,
    [property: Id(1)] string Path,
    [property: Id(2), JsonConverter(typeof(RawJsonConverter))] string? Value,
    [property: Id(3)] long BaseVersion,
    [property: Id(4)] FormEditKind Kind = FormEditKind.Set,
    [property: Id(5)] bool AnswerWithChange = false);

/// <summary>How an edit ended.</summary>
public enum FormEditStatus
{
    /// <summary>Applied: the field has a new version; everyone gets the new state.</summary>
    Applied = 0,

    /// <summary>A retried operation id: nothing changed; the answer is the original's.</summary>
    Duplicate = 1,

    /// <summary>
    /// The field changed since <c>BaseVersion</c> (someone else wrote it): refused; <c>Field</c> holds the current
    /// value and its last writer, so the UI can say "geändert von Ihrer Beraterin".
    /// </summary>
    Conflict = 2,
}

/// <summary>
/// The answer to an edit: its status, the field as it now stands, and the session's seq after it. <c>Change</c>: the
/// editor's view change of an applied edit (as the <c>formChange</c> push would carry it, seq <c>Seq</c>), when the edit
/// asked for it (<see cref="FormEdit.AnswerWithChange"/>) and kept the set of paths; otherwise null (a whole
/// <c>formState</c> push follows, as for an edit that added or removed a row).
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormEditResult")]
public sealed record FormEditResult(
    [property: Id(0)] FormEditStatus Status,
    [property: Id(1)] FieldState Field,
    [property: Id(2)] long Seq,
    [property: Id(3)] FormViewChange? Change = null);
