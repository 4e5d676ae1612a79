using System.Text.Json;
using System.Text.Json.Serialization;

namespace Kasse.Tests.Infrastructure;

/// <summary>The JSON conventions of the HTTP API (camelCase, enums as strings).</summary>
public static class Json
{
    public static JsonSerializerOptions Options { get; } = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };
}
