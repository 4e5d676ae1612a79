using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kasse.Web.Validation;

/// <summary>
/// Enums in the HTTP API are their names, written and read (any case). Numbers, numeric strings and comma lists are
/// refused: a number could name no value at all (<c>"preferredChannel": 999</c>) and would be stored as such.
/// </summary>
public sealed class DefinedEnumConverterFactory : JsonConverterFactory
{
    public override bool CanConvert(Type typeToConvert) => typeToConvert.IsEnum;

    public override JsonConverter CreateConverter(Type typeToConvert, JsonSerializerOptions options) =>
        (JsonConverter)Activator.CreateInstance(typeof(DefinedEnumConverter<>).MakeGenericType(typeToConvert))!;
}
