using System.Security.Claims;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using System.Text.RegularExpressions;
using Kasse.Campaigns;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Campaigns (docs/campaigns.md, "Campaigns"): admins write definitions and drive the lifecycle and watch runs;
/// integrators fetch a run's outputs per channel. Every write is idempotent by content or state (saving the same
/// definition again stores no version, activating an active campaign changes nothing), so a retried request is safe.
/// </summary>
public static partial class CampaignApi
{
    /// <summary>Output rows fetched from the output grain per page of the CSV.</summary>
    public const int OutputPageSize = 1_000;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    /// <summary>The definition's JSON form (docs/campaigns.md): camelCase, enums by name; the grains store the same.</summary>
    private static readonly JsonSerializerOptions DefinitionJson = new(JsonSerializerDefaults.Web) { Converters = { new JsonStringEnumConverter() } };

    public static IEndpointRouteBuilder MapCampaignApi(this IEndpointRouteBuilder endpoints)
    {
        var admin = endpoints.MapGroup("/api/campaigns").RequireAuthorization(KassePolicies.Admin).WithTags("Kampagnen")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        admin.MapGet("/", List).WithName("ListCampaigns").WithSummary("Every campaign: id, name, status, schedule kind, trigger event.");
        admin.MapGet("/{campaignId}", Get).WithName("GetCampaign")
            .WithSummary("Definition, status, version, the current run's progress and the ids of the kept runs.");
        admin.MapPut("/{campaignId}", Save).WithName("SaveCampaign").WithRequestBodyLimit(RequestBodyLimits.RuleDocument)
            .WithSummary("Creates or replaces the definition (JSON as in docs/campaigns.md), only in Draft or Paused. Every rule is compiled " +
                "and every problem listed (422 CAMPAIGN_INVALID); the same definition again stores no new version.");
        admin.MapPost("/{campaignId}/activate", Activate).WithName("ActivateCampaign")
            .WithSummary("Draft or Paused → Active; a one-off or recurring campaign starts (or resumes) its batch run when due. 409 CAMPAIGN_STATE when completed.");
        admin.MapPost("/{campaignId}/pause", Pause).WithName("PauseCampaign")
            .WithSummary("Active → Paused; the running batch stops after the page it is on and keeps its place.");
        admin.MapPost("/{campaignId}/complete", Complete).WithName("CompleteCampaign").WithSummary("Active or Paused → Completed; a running batch ends.");
        admin.MapGet("/{campaignId}/versions", GetVersions).WithName("GetCampaignVersions")
            .WithSummary("Every saved version of the definition, oldest first: version, savedBy, savedAt, the top-level fields it changed, the definition.");
        admin.MapGet("/{campaignId}/runs/{runId:guid}", GetRun).WithName("GetCampaignRun")
            .WithSummary("A run's progress: scanned of total, targeted, control group, contacted per channel, refused per reason, deferred by volume.");

        endpoints.MapGet("/api/campaigns/{campaignId}/runs/{runId:guid}/outputs/{channel}.csv", Output)
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("Kampagnen")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .ProducesProblem(StatusCodes.Status404NotFound)
            .WithName("GetCampaignOutput")
            .WithSummary("A run's output for one channel (brief, email, app, anrufe, sms): only confirmed contacts, never the control group, " +
                "in customer-key order, joined with the master data. UTF-8 with BOM, ';', CRLF, formula-safe cells; columns in docs/campaigns.md.");
        return endpoints;
    }

    private static async Task<Ok<IReadOnlyList<CampaignDirectoryEntry>>> List(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<ICampaignDirectoryGrain>(0).List());

    private static async Task<Ok<CampaignView>> Get(string campaignId, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).GetView());

    private static async Task<Ok<CampaignView>> Save(string campaignId, JsonElement definition, ClaimsPrincipal user, IGrainFactory grains)
    {
        CampaignDefinition? parsed;
        try
        {
            parsed = definition.ValueKind == JsonValueKind.Object ? definition.Deserialize<CampaignDefinition>(DefinitionJson) : null;
        }
        catch (JsonException e)
        {
            throw new CampaignException(CampaignErrors.CampaignInvalid, $"Die Definition ist kein gültiges JSON der Kampagnen-Definition: {e.Message}");
        }
        if (parsed is null)
            throw new CampaignException(CampaignErrors.CampaignInvalid, "Bitte die Definition als JSON-Objekt senden.");
        return TypedResults.Ok(await Campaign(grains, campaignId).Save(parsed, Author(user)));
    }

    private static async Task<Ok<CampaignView>> Activate(string campaignId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).Activate(Author(user)));

    private static async Task<Ok<CampaignView>> Pause(string campaignId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).Pause(Author(user)));

    private static async Task<Ok<CampaignView>> Complete(string campaignId, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).Complete(Author(user)));

    private static async Task<Ok<IReadOnlyList<CampaignVersionView>>> GetVersions(string campaignId, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).GetVersions());

    private static async Task<Ok<CampaignRunView>> GetRun(string campaignId, Guid runId, IGrainFactory grains) =>
        TypedResults.Ok(await Campaign(grains, campaignId).GetRun(runId));

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> Output(string campaignId, Guid runId, string channel, IGrainFactory grains)
    {
        if (CampaignOutputFiles.ChannelOf(channel) is not { } contactChannel)
            return Problems.Validation(new Dictionary<string, string[]> { ["channel"] = ["Der Kanal ist einer von brief, email, app, anrufe, sms."] });
        // The run must exist (404 otherwise) before the answer starts.
        await Campaign(grains, campaignId).GetRun(runId);
        var outputs = grains.GetGrain<ICampaignOutputGrain>(campaignId);
        var first = await outputs.ReadCsvPage(runId, contactChannel, null, OutputPageSize);
        return TypedResults.Stream(
            async body =>
            {
                await body.WriteAsync(Utf8Bom);
                var page = first;
                while (true)
                {
                    // Each page leaves at once: memory stays one page whatever the run's size.
                    await body.WriteAsync(Utf8.GetBytes(page.Text));
                    await body.FlushAsync();
                    if (page.Next is null)
                        break;
                    page = await outputs.ReadCsvPage(runId, contactChannel, page.Next, OutputPageSize);
                }
            },
            "text/csv; charset=utf-8",
            CampaignOutputFiles.FileName(campaignId, runId, contactChannel));
    }

    /// <summary>The campaign's grain; an id that cannot be one is refused before any grain is activated.</summary>
    private static ICampaignGrain Campaign(IGrainFactory grains, string campaignId) => IdPattern().IsMatch(campaignId)
        ? grains.GetGrain<ICampaignGrain>(campaignId)
        : throw new CampaignException(CampaignErrors.CampaignNotFound, "Eine Kampagnen-Id besteht aus 1 bis 64 Zeichen a-z, 0-9 und -.");

    private static string Author(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";

    [GeneratedRegex("^[a-z0-9-]{1,64}$")]
    private static partial Regex IdPattern();
}
