using System.Text.Json;

namespace Kasse.Web.Validation;

/// <summary>A JSON value our converters refuse, with a German message fit for the caller (the path is added by the serializer).</summary>
public sealed class JsonValueRefusedException : JsonException
{
    public JsonValueRefusedException()
    {
    }

    public JsonValueRefusedException(string message)
        : base(message)
    {
    }

    public JsonValueRefusedException(string message, Exception inner)
        : base(message, inner)
    {
    }
}
