using System.Buffers;
using System.Text;
using System.Text.Json;
using Kasse.Forms;
using Kasse.Web.Validation;

namespace Kasse.Web.Hubs;

/// <summary>
/// The shape checks of the form hub methods, before a grain is asked: ids present, operation ids and paths of the
/// documented form, values small and clean JSON. What a value means (does the field exist, is it editable, does the
/// value fit its type) is the session grain's to decide.
/// </summary>
public static class FormArguments
{
    /// <summary>Largest value of one edit (UTF-8 bytes of its JSON): an address or a long text fits many times.</summary>
    public const int MaxValueBytes = 16 * 1024;


    public static Guid Session(Guid sessionId) =>
        sessionId == Guid.Empty ? throw HubErrors.Invalid("Die Formularkennung fehlt.") : sessionId;

    public static string FormName(string? formName) =>
        FormShapes.IsName(formName)
            ? formName
            : throw HubErrors.Create(FormErrors.DefinitionNotFound, "Dieses Formular gibt es nicht.");

    public static string OperationId(string? operationId) =>
        FormShapes.IsOperationId(operationId)
            ? operationId
            : throw HubErrors.Create(FormErrors.OperationIdInvalid, "Die Vorgangskennung muss 1–64 Buchstaben, Ziffern, - oder _ haben.");

    /// <summary>A field path of the documented grammar's characters: letters, digits, '-', '_', '.', '[' and ']'.</summary>
    public static string Path(string? path) =>
        FormShapes.IsPath(path)
            ? path
            : throw HubErrors.Create(FormErrors.UnknownField, "Dieses Feld gibt es im Formular nicht.");

    /// <summary>An optional step id of a focus change (null = none).</summary>
    public static string? FocusStep(string? stepId) =>
        stepId is null || FormShapes.IsPath(stepId, FormShapes.MaxIdLength) ? stepId : throw HubErrors.Invalid("Der Schritt ist ungültig.");

    /// <summary>An optional field path of a focus change (null = none).</summary>
    public static string? FocusPath(string? path) =>
        path is null || FormShapes.IsPath(path) ? path : throw HubErrors.Invalid("Das Feld ist ungültig.");

    public static string WorkItemId(string? workItemId) =>
        workItemId is { Length: > 0 and <= 200 } ? workItemId : throw HubErrors.Invalid("Die Vorgangsnummer fehlt.");

    /// <summary>Checks an edit's shape; returns it unchanged.</summary>
    public static FormEdit Edit(FormEdit? edit)
    {
        if (edit is null)
            throw HubErrors.Invalid("Die Änderung fehlt.");
        OperationId(edit.OperationId);
        Path(edit.Path);
        if (!Enum.IsDefined(edit.Kind))
            throw HubErrors.Invalid("Die Art der Änderung ist unbekannt.");
        if (edit.BaseVersion < 0)
            throw HubErrors.Invalid("Die Ausgangsversion darf nicht negativ sein.");
        Value(edit.Value);
        return edit;
    }

    /// <summary>
    /// A value is raw JSON (the protocol hands it over as its text): at most <see cref="MaxValueBytes"/>, and every
    /// string and property name clean text (no NUL or other control characters but tab and line breaks, no broken
    /// Unicode), because the values are stored as PostgreSQL jsonb. Read token by token: no document is built for a
    /// check that looks at each string once (one per edit, on every edit).
    /// </summary>
    public static void Value(string? json)
    {
        if (json is null)
            return;
        var length = Encoding.UTF8.GetByteCount(json);
        if (length > MaxValueBytes)
            throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert ist zu groß.");
        var utf8 = ArrayPool<byte>.Shared.Rent(length);
        try
        {
            var reader = new Utf8JsonReader(utf8.AsSpan(0, Encoding.UTF8.GetBytes(json, utf8)));
            while (reader.Read())
            {
                if (reader.TokenType is JsonTokenType.String or JsonTokenType.PropertyName && !IsCleanText(ref reader))
                    throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert enthält unzulässige Zeichen.");
            }
        }
        catch (JsonException)
        {
            throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert ist kein gültiges JSON.");
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(utf8);
        }
    }

    /// <summary>Unescaping an unpaired surrogate (<c>\ud800</c>) throws; that is broken text too.</summary>
    private static bool IsCleanText(ref Utf8JsonReader reader)
    {
        try
        {
            return TextRules.IsClean(reader.GetString());
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
