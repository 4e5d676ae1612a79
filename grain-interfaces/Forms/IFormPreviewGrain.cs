namespace Kasse.Forms;

/// <summary>
/// What a definition version makes of given values, without a session and without storing anything (the admin page's
/// preview): the client definition and the evaluated state of every path.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormDefinitionPreview")]
public sealed record FormDefinitionPreview(
    [property: Id(0), System.Text.Json.Serialization.JsonConverter(typeof(RawJsonConverter))] string Definition,
    [property: Id(1)] IReadOnlyList<FieldState> Fields,
    [property: Id(2)] IReadOnlyList<StepState> Steps,
    [property: Id(3)] bool Complete);

/// <summary>Evaluates definition versions for previews (stateless; any silo, key 0).</summary>
[Alias("Kasse.Forms.IFormPreviewGrain")]
public interface IFormPreviewGrain : IGrainWithIntegerKey
{
    /// <summary>
    /// Evaluates <paramref name="values"/> (path → JSON, shape-checked and normalised like an edit) with the given
    /// version, or the active one; <paramref name="today"/> defaults to today in Germany. Errors: FORM_DEFINITION_NOT_FOUND,
    /// FORM_FIELD_UNKNOWN, FORM_VALUE_INVALID.
    /// </summary>
    [Alias("Preview")]
    Task<FormDefinitionPreview> Preview(string name, int? version, IReadOnlyDictionary<string, string> values, DateOnly? today);

    /// <summary>
    /// The shape problems of a document (what stops it from being stored as a draft: JSON, unknown properties or field
    /// types, duplicate ids, missing German texts, groups in groups), each with its location; empty when it may be stored.
    /// </summary>
    [Alias("CheckDocument")]
    Task<IReadOnlyList<FormDefinitionProblem>> CheckDocument(string documentJson);
}
