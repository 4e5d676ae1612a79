using System.Buffers;
using System.Security.Claims;
using Kasse.Campaigns;
using Kasse.Campaigns.Dwh;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;

namespace Kasse.Web.Apis;

/// <summary>
/// Customer master data from the data warehouse (docs/campaigns.md, "Customer data from the data warehouse"): the
/// upload of an extract, which runs as a resumable import job, an import of the configured source table, the progress
/// and the rejected rows. For integrators and admins.
/// </summary>
public static class DwhImportApi
{
    /// <summary>Configuration key of the largest upload, in bytes (default 4 GiB: 5.7 million rows are about 1 GiB).</summary>
    public const string MaxImportBytesKey = "Dwh:MaxImportBytes";

    public const long DefaultMaxImportBytes = 4L * 1024 * 1024 * 1024;

    /// <summary>The upload goes to the job in chunks of this size (the job stores them, so it resumes after a restart).</summary>
    public const int ChunkBytes = 1024 * 1024;

    public static IEndpointRouteBuilder MapDwhImportApi(this IEndpointRouteBuilder endpoints)
    {
        var imports = endpoints.MapGroup("/api/dwh/imports")
            .RequireAuthorization(p => p.RequireRole(KasseRoles.Integrator, KasseRoles.Admin))
            .WithTags("Versichertendaten (DWH)")
            .ProducesProblem(StatusCodes.Status404NotFound)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        imports.MapPost("/", Upload)
            .WithRequestBodyLimit(DefaultMaxImportBytes)
            .Accepts<Stream>("text/csv")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .WithName("PostDwhImport")
            .WithSummary("Uploads a customer extract (CSV: ; separated, UTF-8 with or without BOM or Windows-1252, dates TT.MM.JJJJ; header " +
                "KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Telefon;EMail;BevorzugterKanal;Werbeeinwilligung;Bonusprogramm;Wahltarif) " +
                "as the raw request body, e.g. curl --data-binary @versicherte.csv -H 'Content-Type: text/csv' '…/api/dwh/imports?fileName=versicherte.csv'. " +
                "Answers 202 with the import's progress and its Location at once; the import runs as a resumable job.");
        imports.MapPost("/source", StartFromSource)
            .WithName("PostDwhSourceImport")
            .WithSummary("Starts an import of the configured source table (Dwh:SourceConnectionString, Dwh:SourceTable), as the nightly schedule does. " +
                "422 DWH_IMPORT_INVALID when none is configured.");
        imports.MapGet("/", List)
            .WithName("GetDwhImports")
            .WithSummary("The recent imports (newest 20), newest first, each with its progress.");
        imports.MapGet("/{importId:guid}", Get)
            .WithName("GetDwhImport")
            .WithSummary("The progress of an import (poll it for a progress bar): status, percent, bytes read or rows of the source, rows, " +
                "inserted, updated, unchanged, rejected, encoding.");
        imports.MapGet("/{importId:guid}/rejections", GetRejections)
            .WithName("GetDwhImportRejections")
            .WithSummary("The rejected rows of an import in file order: row number (line in the file, header = 1; row of the source table), " +
                "column, reason (German). offset (default 0), max (default 100, at most 1,000); at most 10,000 are stored, the view counts all.");
        return endpoints;
    }

    private static async Task<Results<Accepted<DwhImportView>, ProblemHttpResult>> Upload(
        string? fileName, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200)
            return Problem(CampaignErrors.ImportInvalid, "Der Dateiname (fileName) fehlt oder ist länger als 200 Zeichen.");
        var max = configuration.GetValue(MaxImportBytesKey, DefaultMaxImportBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        var importId = Guid.NewGuid();
        var job = grains.GetGrain<IDwhImportJobGrain>(importId);
        var buffer = ArrayPool<byte>.Shared.Rent(ChunkBytes);
        var chunks = 0;
        long bytes = 0;
        try
        {
            while (true)
            {
                var read = await request.Body.ReadAtLeastAsync(buffer.AsMemory(0, ChunkBytes), ChunkBytes, throwOnEndOfStream: false, request.HttpContext.RequestAborted);
                if (read == 0)
                    break;
                await job.AppendChunk(chunks++, buffer.AsSpan(0, read).ToArray());
                bytes += read;
                if (read < ChunkBytes)
                    break;
            }
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
        if (bytes == 0)
            return Problem(CampaignErrors.ImportInvalid, "Die Datei ist leer.");
        return await Refusable(async () =>
            TypedResults.Accepted($"/api/dwh/imports/{importId}", await job.StartUpload(new DwhUploadRequest(fileName.Trim(), chunks, bytes, Caller(user)))));
    }

    private static Task<Results<Accepted<DwhImportView>, ProblemHttpResult>> StartFromSource(ClaimsPrincipal user, IGrainFactory grains)
    {
        var importId = Guid.NewGuid();
        return Refusable(async () => TypedResults.Accepted(
            $"/api/dwh/imports/{importId}", await grains.GetGrain<IDwhImportJobGrain>(importId).StartFromSource(Caller(user))));
    }

    private static async Task<Ok<DwhImportView[]>> List(IGrainFactory grains)
    {
        var ids = await grains.GetGrain<IDwhImportsGrain>(0).ListRecent();
        return TypedResults.Ok(await Task.WhenAll(ids.Select(id => grains.GetGrain<IDwhImportJobGrain>(id).GetView())));
    }

    private static Task<Results<Ok<DwhImportView>, ProblemHttpResult>> Get(Guid importId, IGrainFactory grains) =>
        Refusable(async () => TypedResults.Ok(await grains.GetGrain<IDwhImportJobGrain>(importId).GetView()));

    private static Task<Results<Ok<IReadOnlyList<DwhRejectedRow>>, ProblemHttpResult>> GetRejections(
        Guid importId, int? offset, int? max, IGrainFactory grains) =>
        Refusable(async () => TypedResults.Ok(await grains.GetGrain<IDwhImportJobGrain>(importId)
            .GetRejections(Math.Max(0, offset ?? 0), Math.Clamp(max ?? 100, 1, 1_000))));

    /// <summary>A refusal of the import grain as problem details with its own status (unknown import 404, invalid 422).</summary>
    private static async Task<Results<T, ProblemHttpResult>> Refusable<T>(Func<Task<T>> call)
        where T : IResult
    {
        try
        {
            return await call();
        }
        catch (CampaignException e) when (e.Code is CampaignErrors.ImportNotFound or CampaignErrors.ImportInvalid)
        {
            return Problem(e.Code, e.Message);
        }
    }

    private static ProblemHttpResult Problem(string code, string detail) => TypedResults.Problem(
        detail,
        statusCode: code == CampaignErrors.ImportNotFound ? StatusCodes.Status404NotFound : StatusCodes.Status422UnprocessableEntity,
        title: code,
        type: ProblemCodes.TypeOf(code));

    private static string Caller(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";
}
