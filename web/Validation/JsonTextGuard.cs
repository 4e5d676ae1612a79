using System.Text.Json.Serialization.Metadata;

namespace Kasse.Web.Validation;

/// <summary>
/// Checks the string properties (and lists of strings) of every object read from a request body against
/// <see cref="TextRules"/> once it is read. A type-info modifier, not a string converter: the OpenAPI schemas stay as they are.
/// </summary>
public static class JsonTextGuard
{
    public static void CheckStringsAfterReading(JsonTypeInfo info)
    {
        if (info.Kind != JsonTypeInfoKind.Object)
            return;
        var strings = info.Properties
            .Where(p => (p.PropertyType == typeof(string) || typeof(IEnumerable<string>).IsAssignableFrom(p.PropertyType)) && p.Get is not null)
            .ToArray();
        if (strings.Length == 0)
            return;
        var earlier = info.OnDeserialized;
        info.OnDeserialized = value =>
        {
            earlier?.Invoke(value);
            foreach (var property in strings)
            {
                var read = property.Get!(value);
                if (read is string text ? !TextRules.IsClean(text) : read is IEnumerable<string> texts && !texts.All(TextRules.IsClean))
                    throw new InvalidTextException(property.Name);
            }
        };
    }
}
