using System.Globalization;
using System.Text.Json;
using Kasse.Forms;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Checks a value's JSON shape for its field's type and normalises it (docs/forms.md, "Values"): text trimmed,
/// IBAN and KVNR upper case without spaces, Steuer-ID digits only, dates YYYY-MM-DD (TT.MM.JJJJ accepted), every length
/// bounded. An empty value normalises to null (the field is cleared). Plausibility (check digits, ranges, options) is
/// left to the evaluation, so the user sees the error at the field instead of a refused edit.
/// </summary>
internal static class FormShapeChecker
{
    /// <summary>Longest value JSON looked at all (a text of <see cref="FormErrors.MaxTextLength"/> escaped fits easily).</summary>
    public const int MaxValueJsonLength = 16 * 1024;

    private const int MaxShortText = 100;
    private const int MaxAddressPart = 200;
    private const int MaxFileName = 255;
    private const long MaxFileSize = 10 * 1024 * 1024;

    private static readonly string[] FileTypes = ["application/pdf", "image/jpeg", "image/png"];

    public static FormShapeCheck Check(FormFieldInfo info, string? valueJson)
    {
        if (valueJson is null || info.GroupId is not null && info.FieldId == info.GroupId && info.RowId is not null)
            return FormShapeCheck.Valid(null);
        if (valueJson.Length > MaxValueJsonLength)
            return FormShapeCheck.Refused("Der Wert ist zu lang.");
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(valueJson, new JsonDocumentOptions { MaxDepth = 4 });
        }
        catch (JsonException)
        {
            return FormShapeCheck.Refused("Der Wert ist kein gültiges JSON.");
        }
        using (document)
        {
            var value = document.RootElement;
            if (value.ValueKind == JsonValueKind.Null)
                return FormShapeCheck.Valid(null);
            return info.Type switch
            {
                FormFieldType.Text => Text(value, FormErrors.MaxTextLength, static s => s),
                FormFieldType.Choice => Text(value, MaxShortText, static s => s),
                FormFieldType.Iban => Text(value, 64, UpperWithoutSpaces),
                FormFieldType.Kvnr => Text(value, 32, UpperWithoutSpaces),
                FormFieldType.SteuerId => Text(value, 32, static s => new string([.. s.Where(c => !char.IsWhiteSpace(c) && c is not ('/' or '-' or '.'))])),
                FormFieldType.Date => Text(value, 32, NormalizeDate),
                FormFieldType.Number => Number(value),
                FormFieldType.YesNo => value.ValueKind is JsonValueKind.True or JsonValueKind.False
                    ? FormShapeCheck.Valid(value.GetBoolean() ? "true" : "false")
                    : FormShapeCheck.Refused("Erwartet: true oder false."),
                FormFieldType.Consent => value.ValueKind switch
                {
                    JsonValueKind.True => FormShapeCheck.Valid("true"),
                    JsonValueKind.False => FormShapeCheck.Valid(null),
                    _ => FormShapeCheck.Refused("Erwartet: true (Zustimmung) oder null."),
                },
                FormFieldType.Address => Address(value),
                FormFieldType.File => File(value),
                FormFieldType.RepeatingGroup => Rows(value, info.MaxRows),
                _ => FormShapeCheck.Refused("Unbekannter Feldtyp."),
            };
        }
    }

    private static FormShapeCheck Text(JsonElement value, int maxLength, Func<string, string> normalize)
    {
        if (value.ValueKind != JsonValueKind.String)
            return FormShapeCheck.Refused("Erwartet: ein Text.");
        var text = value.GetString()!.Trim();
        if (text.Length > maxLength)
            return FormShapeCheck.Refused($"Höchstens {maxLength} Zeichen.");
        text = normalize(text);
        return FormShapeCheck.Valid(text.Length == 0 ? null : FormJson.String(text));
    }

    /// <summary>IBAN and KVNR as stored: <c>de89 3704 …</c> → <c>DE893704…</c>.</summary>
    private static string UpperWithoutSpaces(string text) => Iban.Normalize(text);

    /// <summary>YYYY-MM-DD stays; TT.MM.JJJJ (also T.M.JJJJ) becomes YYYY-MM-DD; anything else stays for the evaluation's error.</summary>
    private static string NormalizeDate(string text) =>
        DateOnly.TryParseExact(text, ["d.M.yyyy", "dd.MM.yyyy"], CultureInfo.InvariantCulture, DateTimeStyles.None, out var date)
            ? date.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture)
            : text;

    private static FormShapeCheck Number(JsonElement value) =>
        value.ValueKind == JsonValueKind.Number && value.TryGetDecimal(out var number)
            ? FormShapeCheck.Valid(number.ToString(CultureInfo.InvariantCulture))
            : FormShapeCheck.Refused("Erwartet: eine Zahl.");

    private static FormShapeCheck Address(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            return FormShapeCheck.Refused("Erwartet: eine Anschrift {\"street\",\"houseNumber\",\"postalCode\",\"city\"}.");
        string? street = null, houseNumber = null, postalCode = null, city = null;
        foreach (var property in value.EnumerateObject())
        {
            if (property.Value.ValueKind is not (JsonValueKind.String or JsonValueKind.Null))
                return FormShapeCheck.Refused($"{property.Name}: erwartet ein Text.");
            var text = property.Value.ValueKind == JsonValueKind.String ? property.Value.GetString()!.Trim() : "";
            if (text.Length > MaxAddressPart)
                return FormShapeCheck.Refused($"{property.Name}: höchstens {MaxAddressPart} Zeichen.");
            var part = text.Length == 0 ? null : text;
            switch (property.Name)
            {
                case "street": street = part; break;
                case "houseNumber": houseNumber = part; break;
                case "postalCode": postalCode = part; break;
                case "city": city = part; break;
                default: return FormShapeCheck.Refused($"Unbekannter Teil der Anschrift: {property.Name}.");
            }
        }
        if (street is null && houseNumber is null && postalCode is null && city is null)
            return FormShapeCheck.Valid(null);
        return FormShapeCheck.Valid(FormJson.Write(writer =>
        {
            writer.WriteStartObject();
            WriteIfSet(writer, "street", street);
            WriteIfSet(writer, "houseNumber", houseNumber);
            WriteIfSet(writer, "postalCode", postalCode);
            WriteIfSet(writer, "city", city);
            writer.WriteEndObject();
        }));
    }

    private static FormShapeCheck File(JsonElement value)
    {
        if (value.ValueKind != JsonValueKind.Object)
            return FormShapeCheck.Refused("Erwartet: eine Datei {\"fileId\",\"fileName\",\"contentType\",\"size\"}.");
        Guid? fileId = null;
        string? fileName = null, contentType = null;
        long? size = null;
        foreach (var property in value.EnumerateObject())
        {
            switch (property.Name)
            {
                case "fileId" when property.Value.ValueKind == JsonValueKind.String && Guid.TryParse(property.Value.GetString(), out var id):
                    fileId = id;
                    break;
                case "fileName" when property.Value.ValueKind == JsonValueKind.String && property.Value.GetString() is { Length: > 0 and <= MaxFileName } name:
                    fileName = name;
                    break;
                case "contentType" when property.Value.ValueKind == JsonValueKind.String && FileTypes.Contains(property.Value.GetString()):
                    contentType = property.Value.GetString();
                    break;
                case "size" when property.Value.ValueKind == JsonValueKind.Number && property.Value.TryGetInt64(out var bytes) && bytes is >= 0 and <= MaxFileSize:
                    size = bytes;
                    break;
                default:
                    return FormShapeCheck.Refused($"Ungültige Angabe der Datei: {property.Name}.");
            }
        }
        if (fileId is null || fileName is null || contentType is null || size is null)
            return FormShapeCheck.Refused("Eine Datei braucht fileId, fileName, contentType und size.");
        return FormShapeCheck.Valid(FormJson.Write(writer =>
        {
            writer.WriteStartObject();
            writer.WriteString("fileId", fileId.Value.ToString("D"));
            writer.WriteString("fileName", fileName);
            writer.WriteString("contentType", contentType);
            writer.WriteNumber("size", size.Value);
            writer.WriteEndObject();
        }));
    }

    private static FormShapeCheck Rows(JsonElement value, int maxRows)
    {
        if (value.ValueKind != JsonValueKind.Array)
            return FormShapeCheck.Refused("Erwartet: eine Liste von Zeilenkennungen.");
        var rows = new List<string>();
        foreach (var row in value.EnumerateArray())
        {
            if (row.ValueKind != JsonValueKind.String || row.GetString() is not { } id || !FormPath.IsRowId(id))
                return FormShapeCheck.Refused("Eine Zeilenkennung hat 1–32 Buchstaben, Ziffern, '-' oder '_'.");
            if (rows.Contains(id))
                return FormShapeCheck.Refused($"Die Zeile {id} steht doppelt in der Liste.");
            rows.Add(id);
        }
        if (rows.Count > Math.Min(Math.Max(maxRows, 1), FormErrors.MaxRows))
            return FormShapeCheck.Refused($"Höchstens {maxRows} Zeilen.");
        if (rows.Count == 0)
            return FormShapeCheck.Valid(null);
        return FormShapeCheck.Valid(FormJson.Write(writer =>
        {
            writer.WriteStartArray();
            foreach (var row in rows)
                writer.WriteStringValue(row);
            writer.WriteEndArray();
        }));
    }

    private static void WriteIfSet(Utf8JsonWriter writer, string name, string? value)
    {
        if (value is not null)
            writer.WriteString(name, value);
    }
}
