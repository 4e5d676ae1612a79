using System.Security.Claims;
using System.Text.RegularExpressions;
using Kasse.EinmalPin;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// EinmalPIN letters (docs/einmalpin.md, "Print output"): reissue a case's secrets, request a letter batch, follow it,
/// fetch its print output (CSV and PDF with the PINs in clear, Integrator only, streamed part by part) and purge it.
/// The letter batch grain issues, produces, seals, audits and purges; these endpoints only shape the calls.
/// </summary>
public static partial class EinmalPinLettersApi
{
    private const string BatchExample = """{ "caseNumbers": ["V2026000001", "V2026000002"], "reissue": false }""";

    public static IEndpointRouteBuilder MapEinmalPinLettersApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/einmalpin").WithTags("EinmalPIN")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        group.MapPost("/cases/{caseNumber}/reissue", Reissue).RequireAuthorization(KassePolicies.PinIntake).WithName("ReissueEinmalPin")
            .WithSummary("Issues new secrets (PIN and link) for a case in a new letter batch; the old ones stop working. 202 with the batch.");
        group.MapPost("/letter-batches", StartBatch).RequireAuthorization(KassePolicies.PinIntake).WithName("StartEinmalPinLetterBatch")
            .WithRequestExample(BatchExample)
            .WithSummary("Starts a letter batch for named cases (at most 10,000): cases without secrets get them; with reissue every case gets new ones. 202 with the batch.");
        group.MapGet("/letter-batches/{batchId}", GetBatch).RequireAuthorization(KassePolicies.PinIntake).WithName("GetEinmalPinLetterBatch")
            .WithSummary("A letter batch: status, letters, parts, until when its print output can be fetched.");
        group.MapGet("/letter-batches/{batchId}/print.csv", (string batchId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http) =>
                StreamAsync(batchId, PinPrintKind.Csv, user, grains, http))
            .RequireAuthorization(KassePolicies.Integrator).WithName("GetEinmalPinPrintCsv")
            .Produces(StatusCodes.Status200OK, contentType: "text/csv").ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("The print shop's CSV (UTF-8 with BOM, ';', one line per letter, PIN in clear); audited. 410 PIN_PRINT_OUTPUT_GONE once purged or while still in production.");
        group.MapGet("/letter-batches/{batchId}/print.pdf", (string batchId, ClaimsPrincipal user, IGrainFactory grains, HttpContext http) =>
                StreamAsync(batchId, PinPrintKind.Pdf, user, grains, http))
            .RequireAuthorization(KassePolicies.Integrator).WithName("GetEinmalPinPrintPdf")
            .Produces(StatusCodes.Status200OK, contentType: "application/pdf").ProducesProblem(StatusCodes.Status410Gone)
            .WithSummary("The print PDF (one A4 page per letter with PIN, link and QR code); audited. 410 PIN_PRINT_OUTPUT_GONE once purged or while still in production.");
        group.MapDelete("/letter-batches/{batchId}/print", Purge).RequireAuthorization(KassePolicies.Integrator).WithName("PurgeEinmalPinPrintOutput")
            .WithSummary("Deletes the print output now (e.g. once the print shop confirmed receipt); it is purged at the end of the fetch period anyway.");
        return endpoints;
    }

    private static async Task<Accepted<PinLetterBatchView>> Reissue(string caseNumber, ClaimsPrincipal user, IGrainFactory grains)
    {
        CheckCaseNumber(caseNumber);
        var batchId = $"reissue-{Guid.NewGuid():N}";
        var view = await grains.GetGrain<IPinLetterBatchGrain>(batchId).StartForCases([caseNumber], reissue: true, Actor(user));
        return TypedResults.Accepted(BatchLocation(batchId), view);
    }

    private static async Task<Accepted<PinLetterBatchView>> StartBatch(LetterBatchRequest request, ClaimsPrincipal user, IGrainFactory grains)
    {
        var numbers = request.CaseNumbers ?? [];
        if (numbers.Count is 0 or > 10_000)
            throw new PinException(PinErrors.CaseInvalid, "Bitte 1 bis 10.000 Vorgangsnummern angeben.");
        foreach (var number in numbers)
            CheckCaseNumber(number);
        var batchId = $"batch-{Guid.NewGuid():N}";
        var view = await grains.GetGrain<IPinLetterBatchGrain>(batchId).StartForCases(numbers, request.Reissue, Actor(user));
        return TypedResults.Accepted(BatchLocation(batchId), view);
    }

    private static async Task<Ok<PinLetterBatchView>> GetBatch(string batchId, IGrainFactory grains) =>
        TypedResults.Ok(await Existing(grains, batchId));

    private static async Task<Ok<PinLetterBatchView>> Purge(string batchId, ClaimsPrincipal user, IGrainFactory grains)
    {
        _ = await Existing(grains, batchId);
        return TypedResults.Ok(await grains.GetGrain<IPinLetterBatchGrain>(batchId).Purge(Actor(user)));
    }

    /// <summary>The parts in order as one file; the first is read before the answer starts, so a purged output is a clean 410.</summary>
    private static async Task StreamAsync(string batchId, PinPrintKind kind, ClaimsPrincipal user, IGrainFactory grains, HttpContext http)
    {
        _ = await Existing(grains, batchId);
        var batch = grains.GetGrain<IPinLetterBatchGrain>(batchId);
        var reader = Actor(user);
        var part = await batch.ReadPrintPart(kind, 0, reader);
        http.Response.ContentType = kind == PinPrintKind.Csv ? "text/csv; charset=utf-8" : "application/pdf";
        http.Response.Headers.ContentDisposition = $"attachment; filename=\"{batchId}.{(kind == PinPrintKind.Csv ? "csv" : "pdf")}\"";
        http.Response.Headers.CacheControl = "no-store";
        for (var number = 1; part is not null; number++)
        {
            await http.Response.Body.WriteAsync(part, http.RequestAborted);
            part = await batch.ReadPrintPart(kind, number, reader);
        }
    }

    /// <summary>The batch's view; an id that cannot be one, or a batch never started, is 404 (the grain says so).</summary>
    private static async Task<PinLetterBatchView> Existing(IGrainFactory grains, string batchId) =>
        BatchIdPattern().IsMatch(batchId) ? await grains.GetGrain<IPinLetterBatchGrain>(batchId).GetView() : throw NotFound();

    private static PinException NotFound() => new(PinErrors.BatchNotFound, "Diesen Briefstapel gibt es nicht.");

    private static void CheckCaseNumber(string caseNumber)
    {
        if (!CaseNumberPattern().IsMatch(caseNumber))
            throw new PinException(PinErrors.CaseInvalid, "Die Vorgangsnummer hat 1 bis 32 Zeichen aus A–Z, a–z, 0–9, '-' und '_'.");
    }

    private static string BatchLocation(string batchId) => $"/api/einmalpin/letter-batches/{batchId}";

    private static string Actor(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";

    [GeneratedRegex("^[A-Za-z0-9_-]{1,32}$")]
    private static partial Regex CaseNumberPattern();

    [GeneratedRegex("^[A-Za-z0-9_-]{1,80}$")]
    private static partial Regex BatchIdPattern();

    /// <summary>The body of <c>POST /api/einmalpin/letter-batches</c>.</summary>
    public sealed record LetterBatchRequest(IReadOnlyList<string>? CaseNumbers, bool Reissue);
}
