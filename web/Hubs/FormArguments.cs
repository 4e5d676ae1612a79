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
    /// Unicode), because the values are stored as PostgreSQL jsonb.
    /// </summary>
    public static void Value(string? json)
    {
        if (json is null)
            return;
        if (Encoding.UTF8.GetByteCount(json) > MaxValueBytes)
            throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert ist zu groß.");
        try
        {
            using var document = JsonDocument.Parse(json);
            if (!IsClean(document.RootElement))
                throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert enthält unzulässige Zeichen.");
        }
        catch (JsonException)
        {
            throw HubErrors.Create(FormErrors.ValueInvalid, "Der Wert ist kein gültiges JSON.");
        }
    }

    private static bool IsClean(JsonElement element)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsCleanText(element.GetString);
            case JsonValueKind.Array:
                return element.EnumerateArray().All(IsClean);
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsCleanText(() => property.Name) || !IsClean(property.Value))
                        return false;
                }
                return true;
            default:
                return true;
        }
    }

    /// <summary>Unescaping an unpaired surrogate (<c>\ud800</c>) throws; that is broken text too.</summary>
    private static bool IsCleanText(Func<string?> read)
    {
        try
        {
            return TextRules.IsClean(read());
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }
}
