using System.Text.RegularExpressions;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>
/// The structure of a value path: <c>fieldId</c> (also a repeating group's own path), <c>groupId[rowId]</c> (a row) or
/// <c>groupId[rowId].fieldId</c> (a row's field). Row ids are 1–32 letters, digits, '-' or '_'.
/// </summary>
public sealed partial record FormPath(string Path, string? GroupId, string? RowId, string? FieldId)
{
    public bool IsRow => RowId is not null && FieldId is null;

    public bool IsRowField => RowId is not null && FieldId is not null;

    /// <summary>The path of a row of a group.</summary>
    public static string RowPath(string groupId, string rowId) => $"{groupId}[{rowId}]";

    /// <summary>The structure of <paramref name="path"/>, or null when it is none of the three shapes.</summary>
    public static FormPath? Parse(string? path)
    {
        if (path is null || path.Length > 200)
            return null;
        // Nearly every edit is to a plain field: no need for the pattern's groups.
        if (path.Length is >= 1 and <= 64 && !path.AsSpan().ContainsAnyExcept(FormOperationIds.IdCharacters))
            return new FormPath(path, null, null, path);
        var match = PathPattern().Match(path);
        if (!match.Success)
            return null;
        return match.Groups["row"].Success
            ? new FormPath(path, match.Groups["id"].Value, match.Groups["row"].Value, match.Groups["field"].Success ? match.Groups["field"].Value : null)
            : new FormPath(path, null, null, match.Groups["id"].Value);
    }

    [GeneratedRegex(@"^(?<id>[A-Za-z0-9_-]{1,64})(\[(?<row>[A-Za-z0-9_-]{1,32})\](\.(?<field>[A-Za-z0-9_-]{1,64}))?)?$")]
    private static partial Regex PathPattern();
}
