using System.Buffers;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>The shape of operation ids and repeating-group row ids (both chosen by clients).</summary>
public static class FormOperationIds
{
    /// <summary>What ids chosen by clients and the form's field ids consist of: ASCII letters, digits, '-' and '_'.</summary>
    public static readonly SearchValues<char> IdCharacters =
        SearchValues.Create("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-");

    /// <summary>1–64 of <see cref="IdCharacters"/> (checked on every edit, so without a regular expression).</summary>
    public static void Check(string? operationId)
    {
        if (operationId is not { Length: >= 1 and <= 64 } || operationId.AsSpan().ContainsAnyExcept(IdCharacters))
            throw new FormException(FormErrors.OperationIdInvalid, "Die Vorgangskennung fehlt oder ist nicht 1–64 Buchstaben, Ziffern, '-' oder '_'.");
    }
}
