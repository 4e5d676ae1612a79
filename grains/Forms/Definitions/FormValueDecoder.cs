using System.Globalization;
using System.Text.Json;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>Decodes a stored value (JSON text) for its field's type; anything of the wrong shape is marked malformed.</summary>
internal static class FormValueDecoder
{
    public static FormValue Decode(string path, FormFieldType type, string json)
    {
        var value = new FormValue(path);
        try
        {
            switch (type)
            {
                case FormFieldType.Number:
                    if (decimal.TryParse(json, NumberStyles.Float, CultureInfo.InvariantCulture, out var number))
                    {
                        value.Number = number;
                        value.Text = number.ToString(CultureInfo.InvariantCulture);
                    }
                    else
                    {
                        value.Malformed = true;
                    }
                    break;
                case FormFieldType.YesNo or FormFieldType.Consent:
                    if (json is "true" or "false")
                    {
                        value.Bool = json == "true";
                        value.Text = json;
                    }
                    else
                    {
                        value.Malformed = true;
                    }
                    break;
                case FormFieldType.Address or FormFieldType.File:
                    DecodeObject(value, json);
                    break;
                case FormFieldType.RepeatingGroup:
                    DecodeRows(value, json);
                    break;
                default:
                    if (ReadString(json) is { } text)
                    {
                        value.Text = text;
                        if (type == FormFieldType.Date && DateOnly.TryParseExact(text, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
                        {
                            value.Date = date;
                            value.IsDate = true;
                        }
                    }
                    else
                    {
                        value.Malformed = true;
                    }
                    break;
            }
        }
        catch (JsonException)
        {
            value.Malformed = true;
        }
        return value;
    }

    /// <summary>A JSON string's text; a plain string without escapes (the usual case) costs one substring.</summary>
    public static string? ReadString(string json)
    {
        if (json.Length >= 2 && json[0] == '"' && json[^1] == '"' && json.IndexOf('\\', 1) < 0 && json.IndexOf('"', 1) == json.Length - 1)
            return json[1..^1];
        if (json.Length == 0 || json[0] != '"')
            return null;
        using var document = JsonDocument.Parse(json);
        return document.RootElement.ValueKind == JsonValueKind.String ? document.RootElement.GetString() : null;
    }

    private static void DecodeObject(FormValue value, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Object)
        {
            value.Malformed = true;
            return;
        }
        value.Street = Part(root, "street");
        value.HouseNumber = Part(root, "houseNumber");
        value.PostalCode = Part(root, "postalCode");
        value.City = Part(root, "city");
        value.FileName = Part(root, "fileName");
        value.Text = value.FileName ?? "";
    }

    private static string? Part(JsonElement root, string name) =>
        root.TryGetProperty(name, out var part) && part.ValueKind == JsonValueKind.String && part.GetString() is { Length: > 0 } text ? text : null;

    private static void DecodeRows(FormValue value, string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        if (root.ValueKind != JsonValueKind.Array)
        {
            value.Malformed = true;
            return;
        }
        value.IsRows = true;
        var rows = new List<string>(root.GetArrayLength());
        foreach (var row in root.EnumerateArray())
        {
            if (row.ValueKind == JsonValueKind.String && row.GetString() is { } id && FormPath.IsRowId(id) && !rows.Contains(id))
                rows.Add(id);
            else
                value.Malformed = true;
        }
        value.Rows = rows;
    }
}
