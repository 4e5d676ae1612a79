using System.Text.Encodings.Web;
using System.Text.Json;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>How the engine writes JSON: umlauts and other letters as they are (not \u escapes), compact.</summary>
internal static class FormJson
{
    public static readonly JsonWriterOptions WriterOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly JsonSerializerOptions SerializerOptions = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string String(string value) => JsonSerializer.Serialize(value, SerializerOptions);

    public static string Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new System.Buffers.ArrayBufferWriter<byte>(256);
        using (var writer = new Utf8JsonWriter(buffer, WriterOptions))
            write(writer);
        return System.Text.Encoding.UTF8.GetString(buffer.WrittenSpan);
    }
}
