namespace Kasse.Forms;

/// <summary>Status of a form definition version, as with rule sets: a draft becomes published (active); the former active one retired.</summary>
public enum FormDefinitionStatus
{
    Draft = 0,
    Published = 1,
    Retired = 2,
}

/// <summary>One version of a form definition.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormDefinitionVersionInfo")]
public sealed record FormDefinitionVersionInfo(
    [property: Id(0)] int Version,
    [property: Id(1)] FormDefinitionStatus Status,
    [property: Id(2)] string Author,
    [property: Id(3)] DateTimeOffset CreatedAt,
    [property: Id(4)] string? Comment);

/// <summary>A form definition's name, title, active version and all versions.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormDefinitionOverview")]
public sealed record FormDefinitionOverview(
    [property: Id(0)] string Name,
    [property: Id(1)] LocalizedText Title,
    [property: Id(2)] int? ActiveVersion,
    [property: Id(3)] IReadOnlyList<FormDefinitionVersionInfo> Versions);

/// <summary>A problem of a definition document: where (field or rule path) and what.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Forms.FormDefinitionProblem")]
public sealed record FormDefinitionProblem(
    [property: Id(0)] string Location,
    [property: Id(1)] string Message,
    [property: Id(2)] string? Expression = null,
    [property: Id(3)] int? Position = null);

/// <summary>
/// One form (by name, e.g. <c>unfallfragebogen</c>): its versions, append-only documents, and which one is active.
/// Sessions pin the version active at their start, so a publication never changes a draft being filled.
/// </summary>
[Alias("Kasse.Forms.IFormDefinitionGrain")]
public interface IFormDefinitionGrain : IGrainWithStringKey
{
    [Alias("GetOverview")]
    Task<FormDefinitionOverview> GetOverview();

    /// <summary>The full definition document (with expressions) of a version. FORM_DEFINITION_NOT_FOUND when unknown.</summary>
    [Alias("GetDocument")]
    Task<string> GetDocument(int version);

    /// <summary>Stores a draft under the next version number; FORM_DEFINITION_INVALID when it does not parse.</summary>
    [Alias("CreateDraft")]
    Task<FormDefinitionVersionInfo> CreateDraft(string documentJson, string author, string? comment);

    /// <summary>Every problem of a version (parse, expression compile, duplicate ids); empty when it is sound.</summary>
    [Alias("Validate")]
    Task<IReadOnlyList<FormDefinitionProblem>> Validate(int version);

    /// <summary>Publishes a sound draft (FORM_DEFINITION_INVALID otherwise); it becomes active.</summary>
    [Alias("Publish")]
    Task<FormDefinitionOverview> Publish(int version, string author);

    /// <summary>Publishes the shipped document as version 1 when the form has no version yet (first start).</summary>
    [Alias("EnsureDefault")]
    Task EnsureDefault(string documentJson);
}

/// <summary>The names of every form definition (singleton, key 0), for the admin list and the portal's choice.</summary>
[Alias("Kasse.Forms.IFormCatalogGrain")]
public interface IFormCatalogGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(string name);

    [Alias("ListNames")]
    Task<IReadOnlyList<string>> ListNames();
}
