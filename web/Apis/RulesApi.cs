using System.Security.Claims;
using System.Text.Json;
using Kasse.Rules;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// The central rule set (Regelwerk) for admins and the Kasse's own pipelines: versions, validation, dry runs,
/// publication, rollback, diffs. Every endpoint only shapes the call; the rule set grain decides.
/// </summary>
public static class RulesApi
{
    public static IEndpointRouteBuilder MapRulesApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/rules").RequireAuthorization(KassePolicies.RuleAuthor).WithTags("Regelwerk")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict); // refusals by code, see docs/http-api.md
        group.MapGet("/", List).WithName("ListRuleSets").WithSummary("All rule sets with their versions and the active one.");
        group.MapGet("/{name}", Get).WithName("GetRuleSet").WithSummary("One rule set: versions (draft, published, retired) and the active version.");
        group.MapGet("/{name}/versions/{version:int}", GetDocument).WithName("GetRuleSetVersion")
            .WithSummary("The document of one version: description, safeOutcome, workflow (RulesEngine JSON), testCases.");
        group.MapPost("/{name}/versions", CreateDraft).WithName("CreateRuleSetDraft")
            .WithRequestBodyLimit(RequestBodyLimits.RuleDocument)
            .WithSummary("Stores a new draft version (body: the document, at most 1 MB). Optional query 'comment'.");
        group.MapPost("/{name}/versions/{version:int}/validate", Validate).WithName("ValidateRuleSetVersion")
            .WithSummary("Compiles every expression and runs the test cases; an empty list means publishable.");
        group.MapPost("/{name}/dry-run", DryRun).WithName("DryRunRuleSet").WithRequestBodyLimit(RequestBodyLimits.DryRunInput)
            .WithSummary("Decides on an input with a given version (or the active one) without recording anything.");
        group.MapPost("/{name}/versions/{version:int}/publish", Publish).WithName("PublishRuleSetVersion")
            .WithSummary("Publishes a draft: rejected (422) with rule, expression and position of each error or the failing test case; else active on every silo within seconds.");
        group.MapPost("/{name}/rollback", Rollback).WithName("RollbackRuleSet").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Makes an earlier published version active again.");
        group.MapGet("/decisions", Decisions).WithName("ListRuleDecisions")
            .WithSummary("The recorded decisions about a subject (e.g. subjectType=case, subjectId=V2026000001): rule set, version, outcome, rules that fired.");
        group.MapGet("/{name}/diff", Diff).WithName("DiffRuleSetVersions").WithSummary("Rule-by-rule differences of two versions.");
        return endpoints;
    }

    private static async Task<Ok<RuleSetListItem[]>> List(IGrainFactory grains)
    {
        var items = await Task.WhenAll(RuleSetNames.All.Select(async entry =>
        {
            var overview = await grains.GetGrain<IRuleSetGrain>(entry.Name).GetOverview();
            return new RuleSetListItem(entry.Name, entry.Description, overview.ActiveVersion, overview.Versions);
        }));
        return TypedResults.Ok(items);
    }

    private static async Task<Ok<RuleSetOverview>> Get(string name, IGrainFactory grains) =>
        TypedResults.Ok(await RuleSet(grains, name).GetOverview());

    private static async Task<ContentHttpResult> GetDocument(string name, int version, IGrainFactory grains) =>
        TypedResults.Content(await RuleSet(grains, name).GetDocument(version), "application/json");

    private static async Task<Created<RuleSetVersionInfo>> CreateDraft(
        string name, JsonElement document, string? comment, ClaimsPrincipal user, IGrainFactory grains)
    {
        var created = await RuleSet(grains, name).CreateDraft(document.GetRawText(), Author(user), comment);
        return TypedResults.Created($"/api/rules/{name}/versions/{created.Version}", created);
    }

    private static async Task<Ok<IReadOnlyList<RuleSetProblem>>> Validate(string name, int version, IGrainFactory grains) =>
        TypedResults.Ok(await RuleSet(grains, name).Validate(version));

    private static async Task<Ok<RuleDecision>> DryRun(string name, DryRunRequest request, IGrainFactory grains) =>
        request.Input.ValueKind == JsonValueKind.Object
            ? TypedResults.Ok(await RuleSet(grains, name).DryRun(request.Version, request.Input.GetRawText()))
            : throw new RuleSetException(RuleSetErrors.InvalidInput, "Bitte die Eingabe als JSON-Objekt \"input\" angeben.");

    private static async Task<Results<Ok<PublicationResult>, ProblemHttpResult>> Publish(string name, int version, ClaimsPrincipal user, IGrainFactory grains)
    {
        var result = await RuleSet(grains, name).Publish(version, Author(user));
        if (result.Published)
            return TypedResults.Ok(result);
        return TypedResults.Problem(
            detail: "Die Version wurde nicht veröffentlicht: " + string.Join("; ", result.Problems.Select(Describe)),
            statusCode: StatusCodes.Status422UnprocessableEntity,
            title: "RULESET_PUBLICATION_REJECTED",
            type: ProblemCodes.TypeOf("RULESET_PUBLICATION_REJECTED"),
            extensions: new Dictionary<string, object?> { ["problems"] = result.Problems });
    }

    private static async Task<Ok<RuleSetOverview>> Rollback(string name, RollbackRequest request, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await RuleSet(grains, name).Rollback(request.Version, Author(user)));

    private static async Task<Ok<RuleSetDiff>> Diff(string name, int from, int to, IGrainFactory grains) =>
        TypedResults.Ok(await RuleSet(grains, name).Diff(from, to));

    private static async Task<Ok<IReadOnlyList<RuleDecision>>> Decisions(
        string subjectType, string subjectId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IRuleDecisionsGrain>(0).Read(
            Author(user), string.Join(",", user.FindAll(KasseClaims.Role).Select(c => c.Value)), subjectType, subjectId, 1000));

    private static string Describe(RuleSetProblem p) => p.Kind == RuleSetProblem.TestCaseKind
        ? $"Testfall „{p.TestCase}“: {p.Message}"
        : $"Regel {p.RuleName ?? "(Dokument)"} an Position {p.Position}: {p.Message}";

    private static string Author(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";

    /// <summary>The grain of a shipped rule set; a name that is none is refused before any grain is activated.</summary>
    private static IRuleSetGrain RuleSet(IGrainFactory grains, string name) => RuleSetNames.Exists(name)
        ? grains.GetGrain<IRuleSetGrain>(name)
        : throw new RuleSetException(RuleSetErrors.UnknownRuleSet, $"Den Regelsatz {name} gibt es nicht.");

    public sealed record DryRunRequest(int? Version, JsonElement Input);

    public sealed record RollbackRequest(int Version);

    public sealed record RuleSetListItem(string Name, string Description, int? ActiveVersion, IReadOnlyList<RuleSetVersionInfo> Versions);
}
