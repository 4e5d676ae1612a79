using Kasse.Grains.Forms;
using Kasse.Grains.Forms.Definitions;

namespace Kasse.Tests.Forms.Definitions;

/// <summary>Compiled shipped forms and small hand-written definitions for the engine's tests.</summary>
internal static class FormModelsForTests
{
    public static readonly DateOnly Today = new(2026, 11, 23);

    public static IFormModel Shipped(string name) => FormModelCompiler.CompileOrThrow(ShippedFormDefinitions.Document(name), 1);

    /// <summary>A one-step form with the given fields (JSON array text).</summary>
    public static string Document(string fieldsJson, string? review = null) => $$"""
        { "name": "test-form", "title": { "de": "Testformular", "en": "Test form" },
          {{(review is null ? "" : $"\"review\": {review},")}}
          "steps": [ { "id": "s1", "title": { "de": "Schritt", "en": "Step" },
            "sections": [ { "id": "a", "fields": {{fieldsJson}} } ] } ] }
        """;

    public static IFormModel Compile(string fieldsJson, string? review = null) => FormModelCompiler.CompileOrThrow(Document(fieldsJson, review), 1);

    /// <summary>Values as a session holds them: each given value shape-checked and normalised like an edit.</summary>
    public static Dictionary<string, string> Values(IFormModel model, params (string Path, string Json)[] values)
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var (path, json) in values)
        {
            var shape = model.CheckShape(path, json);
            Assert.True(shape.Ok, $"{path}: {shape.Message}");
            if (shape.NormalizedJson is not null)
                result[path] = shape.NormalizedJson;
        }
        return result;
    }

    public static FieldEvaluation Field(this FormEvaluation evaluation, string path) => evaluation.Fields.Single(f => f.Path == path);
}
