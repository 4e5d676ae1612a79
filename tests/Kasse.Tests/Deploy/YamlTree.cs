using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Kasse.Tests.Deploy;

/// <summary>
/// YAML read as plain trees (mappings, lists, strings): every document of a stream, with merge keys (<c>&lt;&lt;: *x</c>)
/// resolved as compose files use them. Paths walk mappings by key; a missing step gives null.
/// </summary>
public static class YamlTree
{
    private static readonly IDeserializer Deserializer = new DeserializerBuilder().Build();

    public static IReadOnlyList<object> Documents(string text)
    {
        var parser = new MergingParser(new Parser(new StringReader(text)));
        parser.Consume<StreamStart>();
        var documents = new List<object>();
        while (parser.Accept<DocumentStart>(out _))
        {
            if (Deserializer.Deserialize<object?>(parser) is { } document)
                documents.Add(document);
        }
        return documents;
    }

    public static object? At(this object? node, params string[] path)
    {
        foreach (var key in path)
        {
            if (node is not IDictionary<object, object?> mapping || !mapping.TryGetValue(key, out node))
                return null;
        }
        return node;
    }

    public static string? Text(this object? node, params string[] path) => node.At(path) as string;

    public static IReadOnlyList<object?> Items(this object? node, params string[] path) =>
        node.At(path) as IReadOnlyList<object?> ?? [];

    public static IReadOnlyDictionary<string, object?> Map(this object? node, params string[] path) =>
        node.At(path) is IDictionary<object, object?> mapping
            ? mapping.ToDictionary(e => (string)e.Key, e => e.Value, StringComparer.Ordinal)
            : new Dictionary<string, object?>(StringComparer.Ordinal);
}
