using System.Text.RegularExpressions;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Sessions;

/// <summary>The shape of operation ids and repeating-group row ids (both chosen by clients).</summary>
public static partial class FormOperationIds
{
    public static void Check(string? operationId)
    {
        if (operationId is null || !OperationIdPattern().IsMatch(operationId))
            throw new FormException(FormErrors.OperationIdInvalid, "Die Vorgangskennung fehlt oder ist nicht 1–64 Buchstaben, Ziffern, '-' oder '_'.");
    }

    [GeneratedRegex("^[A-Za-z0-9_-]{1,64}$")]
    private static partial Regex OperationIdPattern();
}
