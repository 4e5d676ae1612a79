using System.Diagnostics.CodeAnalysis;

namespace Kasse.Web.Validation;

/// <summary>
/// The shapes of the forms API's identifiers, shared by the hubs and the HTTP endpoints (docs/forms.md): operation ids
/// (1–64 letters, digits, '-' or '_'), form names, and field paths (<c>fieldId</c>, <c>groupId[rowId]</c>,
/// <c>groupId[rowId].fieldId</c>). Whether a path names a field is the session grain's to say.
/// </summary>
public static class FormShapes
{
    /// <summary>Longest field path accepted.</summary>
    public const int MaxPathLength = 200;

    /// <summary>Longest operation id, form name or step id accepted.</summary>
    public const int MaxIdLength = 64;

    public static bool IsOperationId([NotNullWhen(true)] string? value) =>
        value is { Length: > 0 and <= MaxIdLength } && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_');

    public static bool IsName([NotNullWhen(true)] string? value) => IsOperationId(value);

    public static bool IsPath([NotNullWhen(true)] string? value, int maxLength = MaxPathLength) =>
        value is { Length: > 0 } && value.Length <= maxLength
        && value.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.' or '[' or ']');
}
