using System.Security.Claims;
using System.Text.Json;
using System.Text.RegularExpressions;
using Kasse.Forms;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Form definitions for admins (docs/forms.md, "Form definitions"): list, versions, drafts, validation, publication and a
/// preview that evaluates values without a session. Every endpoint only shapes the call; the definition grain decides.
/// </summary>
public static partial class FormDefinitionsApi
{
    private const string PreviewExample = """
        { "version": null, "today": "2026-11-23",
          "values": { "dritterBeteiligt": true, "zeugenVorhanden": true, "zeugen": ["z1"], "zeugen[z1].zeugeName": "Anna Beispiel" } }
        """;

    public static IEndpointRouteBuilder MapFormDefinitionsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/forms/definitions").RequireAuthorization(KassePolicies.RuleAuthor).WithTags("Formulare")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity); // refusals by code, see docs/http-api.md
        group.MapGet("/", List).WithName("ListFormDefinitions")
            .WithSummary("Every form definition: name, title, active version and all versions (draft, published, retired).");
        group.MapGet("/{name}", Get).WithName("GetFormDefinition").WithSummary("One form definition: title, active version, versions.");
        group.MapGet("/{name}/versions/{version:int}", GetDocument).WithName("GetFormDefinitionVersion")
            .WithSummary("The document of one version, exactly as stored (with expressions, validations, review, test cases).");
        group.MapPost("/{name}/versions", CreateDraft).WithName("CreateFormDefinitionDraft")
            .WithRequestBodyLimit(RequestBodyLimits.RuleDocument)
            .WithSummary("Stores a new draft (body: the definition document, at most 1 MB; optional query 'comment'). A document of the wrong shape is refused (422) with the location of every problem.");
        group.MapPost("/{name}/versions/{version:int}/validate", Validate).WithName("ValidateFormDefinitionVersion")
            .WithSummary("Compiles every expression and runs the document's test cases; an empty list means publishable.");
        group.MapPost("/{name}/versions/{version:int}/publish", Publish).WithName("PublishFormDefinitionVersion")
            .WithSummary("Publishes a version: refused (422) with location, expression and position of every problem; else it is active and new sessions use it.");
        group.MapPost("/{name}/preview", Preview).WithName("PreviewFormDefinition")
            .WithRequestBodyLimit(RequestBodyLimits.DryRunInput)
            .WithRequestExample(PreviewExample)
            .WithSummary("Evaluates values (path → JSON value) with a version (or the active one): the client definition, every field's state (visible, required, enabled, error), the steps and whether the form is complete. Nothing is stored.");
        return endpoints;
    }

    private static async Task<Ok<FormDefinitionOverview[]>> List(IGrainFactory grains)
    {
        var names = await grains.GetGrain<IFormCatalogGrain>(0).ListNames();
        return TypedResults.Ok(await Task.WhenAll(names.Select(name => grains.GetGrain<IFormDefinitionGrain>(name).GetOverview())));
    }

    private static async Task<Ok<FormDefinitionOverview>> Get(string name, IGrainFactory grains)
    {
        var overview = await Definition(grains, name).GetOverview();
        return overview.Versions.Count > 0 ? TypedResults.Ok(overview) : throw NotFound(name);
    }

    private static async Task<ContentHttpResult> GetDocument(string name, int version, IGrainFactory grains) =>
        TypedResults.Content(await Definition(grains, name).GetDocument(version), "application/json");

    private static async Task<Results<Created<FormDefinitionVersionInfo>, ProblemHttpResult>> CreateDraft(
        string name, JsonElement document, string? comment, ClaimsPrincipal user, IGrainFactory grains)
    {
        var definition = Definition(grains, name);
        var json = document.GetRawText();
        var problems = await grains.GetGrain<IFormPreviewGrain>(0).CheckDocument(json);
        if (problems.Count > 0)
            return Rejected("Der Entwurf wurde nicht gespeichert", problems);
        var created = await definition.CreateDraft(json, Author(user), comment);
        return TypedResults.Created($"/api/forms/definitions/{name}/versions/{created.Version}", created);
    }

    private static async Task<Ok<IReadOnlyList<FormDefinitionProblem>>> Validate(string name, int version, IGrainFactory grains) =>
        TypedResults.Ok(await Definition(grains, name).Validate(version));

    private static async Task<Results<Ok<FormDefinitionOverview>, ProblemHttpResult>> Publish(
        string name, int version, ClaimsPrincipal user, IGrainFactory grains)
    {
        var definition = Definition(grains, name);
        var problems = await definition.Validate(version);
        if (problems.Count > 0)
            return Rejected("Die Version wurde nicht veröffentlicht", problems);
        return TypedResults.Ok(await definition.Publish(version, Author(user)));
    }

    private static async Task<Ok<FormDefinitionPreview>> Preview(string name, PreviewRequest request, IGrainFactory grains)
    {
        _ = Definition(grains, name);
        var values = new Dictionary<string, string>(StringComparer.Ordinal);
        if (request.Values is { } given)
        {
            if (given.ValueKind != JsonValueKind.Object)
                throw new FormException(FormErrors.ValueInvalid, "Bitte die Werte als JSON-Objekt \"values\" (Pfad → Wert) angeben.");
            foreach (var property in given.EnumerateObject())
            {
                if (property.Value.ValueKind != JsonValueKind.Null)
                    values[property.Name] = property.Value.GetRawText();
            }
        }
        return TypedResults.Ok(await grains.GetGrain<IFormPreviewGrain>(0).Preview(name, request.Version, values, request.Today));
    }

    /// <summary>422 with every problem (location, message, expression, position) in <c>problems</c>.</summary>
    private static ProblemHttpResult Rejected(string what, IReadOnlyList<FormDefinitionProblem> problems) =>
        TypedResults.Problem(
            detail: $"{what}: " + string.Join("; ", problems.Take(10).Select(p => $"{(p.Location.Length > 0 ? p.Location : "Dokument")}: {p.Message}")),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: FormErrors.DefinitionInvalid,
            type: ProblemCodes.TypeOf(FormErrors.DefinitionInvalid),
            extensions: new Dictionary<string, object?> { ["problems"] = problems });

    private static string Author(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";

    /// <summary>The grain of a form; a name that cannot be one is refused before any grain is activated.</summary>
    private static IFormDefinitionGrain Definition(IGrainFactory grains, string name) =>
        FormName().IsMatch(name) ? grains.GetGrain<IFormDefinitionGrain>(name) : throw NotFound(name);

    private static FormException NotFound(string name) =>
        new(FormErrors.DefinitionNotFound, $"Das Formular {name} gibt es nicht.");

    [GeneratedRegex("^[a-z0-9][a-z0-9-]{0,63}$")]
    private static partial Regex FormName();

    /// <summary>Preview input: the version (null: the active one), values by path, and the day to judge by (null: today in Germany).</summary>
    public sealed record PreviewRequest(int? Version, JsonElement? Values, DateOnly? Today);
}
