using System.Collections.Frozen;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kasse.Web.Validation;

/// <summary>One enum as its names only; see <see cref="DefinedEnumConverterFactory"/>.</summary>
public sealed class DefinedEnumConverter<TEnum> : JsonConverter<TEnum>
    where TEnum : struct, Enum
{
    private static readonly FrozenDictionary<string, TEnum> ByName =
        Enum.GetNames<TEnum>().ToFrozenDictionary(name => name, Enum.Parse<TEnum>, StringComparer.OrdinalIgnoreCase);

    private static readonly string Refusal = $"Erlaubt sind nur die Werte {string.Join(", ", Enum.GetNames<TEnum>())}.";

    public override TEnum Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType == JsonTokenType.String ? Named(reader.GetString()) : throw new JsonValueRefusedException(Refusal);

    public override void Write(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToString());

    public override TEnum ReadAsPropertyName(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        Named(reader.GetString());

    public override void WriteAsPropertyName(Utf8JsonWriter writer, TEnum value, JsonSerializerOptions options) =>
        writer.WritePropertyName(value.ToString());

    private static TEnum Named(string? name) =>
        name is not null && ByName.TryGetValue(name, out var value) ? value : throw new JsonValueRefusedException(Refusal);
}
