namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// What a form's expressions see (<c>visibleIf</c>, <c>requiredIf</c>, <c>enabledIf</c>, validation rules,
/// <c>review.clerkIf</c>): the values by field id, decoded once per evaluation, and the day to judge by. Every member
/// is usable without a prefix: <c>Bool("dritterBeteiligt") &amp;&amp; IsSet("dritterName")</c>. Empty fields read as
/// <c>""</c>, <c>0</c>, <c>DateOnly.MinValue</c> and <c>false</c>. Inside a repeating group's row, the group's field ids
/// mean that row's fields; an address part is <c>Text("adresse.postalCode")</c>. Lookups allocate nothing.
/// </summary>
public sealed class FormInput
{
    private static readonly (Dictionary<string, FormValue> Row, Dictionary<string, Dictionary<string, FormValue>> Rows) Empty =
        (new(StringComparer.Ordinal), new(StringComparer.Ordinal));
    private readonly Dictionary<string, FormValue> _fields = new(StringComparer.Ordinal);
    private readonly Dictionary<string, Dictionary<string, Dictionary<string, FormValue>>> _rows = new(StringComparer.Ordinal);
    private FormFieldNode? _scopeGroup;
    private Dictionary<string, FormValue>? _scopeRow;

    internal FormInput(DateOnly today) => Today = today;

    /// <summary>The day the form is judged on (passed in by the caller, never read from the clock).</summary>
    public DateOnly Today { get; }

    /// <summary>The field's text (text, choice value, IBAN, Steuer-ID, KVNR, date as YYYY-MM-DD, file name); "" when empty.</summary>
    public string Text(string id) => Read(id) is { } value ? value.Text : PartOf(id) ?? "";

    /// <summary>A number field's value; 0 when empty.</summary>
    public decimal Number(string id) => Read(id)?.Number ?? 0;

    /// <summary>A date field's value; <see cref="DateOnly.MinValue"/> when empty or not a date.</summary>
    public DateOnly Date(string id) => Read(id) is { IsDate: true } value ? value.Date : DateOnly.MinValue;

    /// <summary>A yes/no or consent field's answer; false when empty.</summary>
    public bool Bool(string id) => Read(id)?.Bool ?? false;

    /// <summary>True when the field holds a value (a repeating group: at least one row; an address part: not empty).</summary>
    public bool IsSet(string id) => Read(id) is { } value ? !value.IsRows || value.Rows.Count > 0 : PartOf(id) is not null;

    /// <summary>The number of rows of a repeating group; 0 when it has none.</summary>
    public int Count(string groupId) => Read(groupId)?.Rows.Count ?? 0;

    // ---- used by the evaluator ----

    internal void SetField(string fieldId, FormValue value) => _fields[fieldId] = value;

    internal void RemoveField(string fieldId) => _fields.Remove(fieldId);

    internal void SetRowField(string groupId, string rowId, string fieldId, FormValue value)
    {
        if (!_rows.TryGetValue(groupId, out var rows))
            _rows[groupId] = rows = new Dictionary<string, Dictionary<string, FormValue>>(StringComparer.Ordinal);
        if (!rows.TryGetValue(rowId, out var row))
            rows[rowId] = row = new Dictionary<string, FormValue>(StringComparer.Ordinal);
        row[fieldId] = value;
    }

    /// <summary>The value of a field of a section, or a group's row list (null when empty or cleared).</summary>
    internal FormValue? Field(string fieldId) => _fields.TryGetValue(fieldId, out var value) && !value.Cleared ? value : null;

    /// <summary>A row's field (null when empty or cleared).</summary>
    internal FormValue? RowField(string groupId, string rowId, string fieldId) =>
        _rows.TryGetValue(groupId, out var rows) && rows.TryGetValue(rowId, out var row) && row.TryGetValue(fieldId, out var value) && !value.Cleared
            ? value : null;

    /// <summary>Every stored row field of a group, including those of rows the group no longer lists.</summary>
    internal Dictionary<string, Dictionary<string, FormValue>> StoredRows(string groupId) =>
        _rows.TryGetValue(groupId, out var rows) ? rows : Empty.Rows;

    /// <summary>Expressions from now on read the given row of the group; null returns to the form's fields.</summary>
    internal void Scope(FormFieldNode? group, string? rowId)
    {
        _scopeGroup = group;
        _scopeRow = group is not null && rowId is not null && _rows.TryGetValue(group.Id, out var rows) && rows.TryGetValue(rowId, out var row) ? row : null;
        if (group is not null && _scopeRow is null)
            _scopeRow = Empty.Row;
    }

    private FormValue? Read(string id) => Read(id.AsSpan());

    private FormValue? Read(ReadOnlySpan<char> id)
    {
        FormValue? value;
        if (_scopeGroup is not null && _scopeGroup.ChildById.GetAlternateLookup<ReadOnlySpan<char>>().ContainsKey(id))
            _scopeRow!.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out value);
        else
            _fields.GetAlternateLookup<ReadOnlySpan<char>>().TryGetValue(id, out value);
        return value is { Cleared: false } ? value : null;
    }

    /// <summary><c>adresse.postalCode</c>: a part of an address (or <c>datei.fileName</c> of a file); null when empty.</summary>
    private string? PartOf(string id)
    {
        var dot = id.IndexOf('.', StringComparison.Ordinal);
        return dot > 0 && Read(id.AsSpan(0, dot)) is { } value ? value.Part(id.AsSpan(dot + 1)) : null;
    }
}
