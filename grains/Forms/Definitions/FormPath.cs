namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// The paths of a form's values: <c>fieldId</c>, <c>groupId</c>, <c>groupId[rowId]</c> (a row) and
/// <c>groupId[rowId].fieldId</c> (a row's field). Row ids are 1–32 letters, digits, '-' or '_', chosen by the client.
/// </summary>
public readonly record struct FormPath(string FieldId, string? GroupId, string? RowId)
{
    public const int MaxRowIdLength = 32;

    /// <summary>A row's path, <c>groupId[rowId]</c>.</summary>
    public bool IsRow => GroupId is not null && FieldId == GroupId;

    public static string Of(string groupId, string rowId, string fieldId) => $"{groupId}[{rowId}].{fieldId}";

    public static string RowOf(string groupId, string rowId) => $"{groupId}[{rowId}]";

    /// <summary>Splits a path; false when it is none of the four forms (the ids themselves are checked against the definition).</summary>
    public static bool TryParse(string path, out FormPath parsed)
    {
        parsed = default;
        if (string.IsNullOrEmpty(path) || path.Length > 200)
            return false;
        var open = path.IndexOf('[', StringComparison.Ordinal);
        if (open < 0)
        {
            if (path.Contains(']', StringComparison.Ordinal) || path.Contains('.', StringComparison.Ordinal))
                return false;
            parsed = new FormPath(path, null, null);
            return true;
        }
        var close = path.IndexOf(']', open);
        if (open == 0 || close < 0)
            return false;
        var group = path[..open];
        var row = path[(open + 1)..close];
        if (!IsRowId(row))
            return false;
        if (close == path.Length - 1)
        {
            parsed = new FormPath(group, group, row);
            return true;
        }
        if (path[close + 1] != '.' || close + 2 >= path.Length)
            return false;
        var field = path[(close + 2)..];
        if (field.AsSpan().IndexOfAny("[].") >= 0)
            return false;
        parsed = new FormPath(field, group, row);
        return true;
    }

    public static bool IsRowId(string id)
    {
        if (id.Length is 0 or > MaxRowIdLength)
            return false;
        foreach (var c in id)
        {
            if (!char.IsAsciiLetterOrDigit(c) && c != '-' && c != '_')
                return false;
        }
        return true;
    }
}
