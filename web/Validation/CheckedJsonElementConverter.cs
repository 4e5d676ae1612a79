using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kasse.Web.Validation;

/// <summary>
/// Free-form JSON in a request (a rule document, a dry-run input) with every string and property name checked
/// against <see cref="TextRules"/>: such JSON is stored as PostgreSQL jsonb, which refuses <c>\u0000</c>.
/// </summary>
public sealed class CheckedJsonElementConverter : JsonConverter<JsonElement>
{
    public override JsonElement Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options)
    {
        var element = JsonElement.ParseValue(ref reader);
        if (FirstInvalid(element, "$") is { } path)
            throw new InvalidTextException(path);
        return element;
    }

    public override void Write(Utf8JsonWriter writer, JsonElement value, JsonSerializerOptions options) => value.WriteTo(writer);

    /// <summary>The path of the first string or property name that breaks the rules, or null.</summary>
    private static string? FirstInvalid(JsonElement element, string path)
    {
        switch (element.ValueKind)
        {
            case JsonValueKind.String:
                return IsClean(() => element.GetString()) ? null : path;
            case JsonValueKind.Array:
                var index = 0;
                foreach (var item in element.EnumerateArray())
                {
                    if (FirstInvalid(item, $"{path}[{index++}]") is { } invalid)
                        return invalid;
                }
                return null;
            case JsonValueKind.Object:
                foreach (var property in element.EnumerateObject())
                {
                    if (!IsClean(() => property.Name))
                        return path;
                    if (FirstInvalid(property.Value, $"{path}.{property.Name}") is { } invalid)
                        return invalid;
                }
                return null;
            default:
                return null;
        }
    }

    /// <summary>Unescaping an unpaired surrogate (<c>\ud800</c>) throws; that is broken text too.</summary>
    private static bool IsClean(Func<string?> read)
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
