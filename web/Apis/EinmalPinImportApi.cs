using System.Buffers;
using System.Security.Claims;
using Kasse.EinmalPin;
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
/// EinmalPIN cases in (docs/einmalpin.md, "Import"): the bulk upload of a print data stream, which runs as a resumable
/// import job, its progress and rejected rows; and single cases for integrators, idempotent by case number.
/// </summary>
public static class EinmalPinImportApi
{
    /// <summary>Configuration key of the largest upload, in bytes (default 2 GiB).</summary>
    public const string MaxImportBytesKey = "EinmalPin:MaxImportBytes";

    public const long DefaultMaxImportBytes = 2L * 1024 * 1024 * 1024;

    /// <summary>The upload goes to the job in chunks of this size (the job stores them, so it resumes after a restart).</summary>
    public const int ChunkBytes = 1024 * 1024;

    private const string CaseExample =
        """
        {
          "caseNumber": "V2026000001",
          "caseType": "SepaMandat",
          "kvnr": "E381556241",
          "firstName": "Mia",
          "lastName": "Schäfer",
          "birthDate": "1985-08-18",
          "street": "Große Elbstraße 45a",
          "postalCode": "60311",
          "city": "Frankfurt am Main",
          "deadline": "2026-12-30",
          "prefillIban": "DE58284058289561153339",
          "prefillSteuerId": null
        }
        """;

    public static IEndpointRouteBuilder MapEinmalPinImportApi(this IEndpointRouteBuilder endpoints)
    {
        var imports = endpoints.MapGroup("/api/einmalpin/imports")
            .RequireAuthorization(KassePolicies.PinIntake)
            .WithTags("EinmalPIN")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status404NotFound);
        imports.MapPost("/", Upload)
            .WithRequestBodyLimit(DefaultMaxImportBytes)
            .Accepts<Stream>("text/csv")
            .ProducesProblem(StatusCodes.Status413PayloadTooLarge)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PostPinImport")
            .WithSummary("Uploads a print data stream (CSV: ; separated, UTF-8 with or without BOM or Windows-1252, dates TT.MM.JJJJ; " +
                "header Vorgangsnummer;Vorgangsart;KVNR;Vorname;Nachname;Geburtsdatum;Strasse;PLZ;Ort;Frist;Vorbelegung_IBAN;Vorbelegung_SteuerID) " +
                "as the raw request body, e.g. curl --data-binary @vorgaenge.csv -H 'Content-Type: text/csv' '…/api/einmalpin/imports?fileName=vorgaenge.csv'. " +
                "Answers 202 with the import's progress and its Location at once; the import runs as a resumable job.");
        imports.MapGet("/{importId:guid}", GetImport)
            .WithName("GetPinImport")
            .WithSummary("The progress of an import (poll it for a progress bar): status, bytes read, rows, imported, existing, rejected, encoding.");
        imports.MapGet("/{importId:guid}/errors", GetErrors)
            .WithName("GetPinImportErrors")
            .WithSummary("The rejected rows of an import in file order: row number (line in the file, header = 1), column, reason (German). " +
                "offset (default 0), max (default 100, at most 1,000); at most 10,000 are stored, the view counts all.");

        endpoints.MapPut("/api/einmalpin/cases/{caseNumber}", PutCase)
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("EinmalPIN")
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithRequestExample(CaseExample)
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status409Conflict)
            .ProducesValidationProblem(StatusCodes.Status422UnprocessableEntity)
            .WithName("PutPinCase")
            .WithSummary("Creates one EinmalPIN case, idempotent by case number: new → 201 and its one-letter batch case-{caseNumber} starts; " +
                "the same data again → 200; other data under that number → 409 PIN_CASE_CONFLICT; invalid → 422 PIN_CASE_INVALID with field errors. " +
                "Dates ISO yyyy-MM-dd, caseType SteuerId, SepaMandat or Unfallfragebogen.");
        return endpoints;
    }

    private static async Task<Accepted<PinImportView>> Upload(
        string? fileName, HttpRequest request, ClaimsPrincipal user, IGrainFactory grains, IConfiguration configuration)
    {
        if (string.IsNullOrWhiteSpace(fileName) || fileName.Length > 200)
            throw new PinException(PinErrors.ImportInvalid, "Der Dateiname (fileName) fehlt oder ist länger als 200 Zeichen.");
        var max = configuration.GetValue(MaxImportBytesKey, DefaultMaxImportBytes);
        if (request.HttpContext.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit)
            limit.MaxRequestBodySize = max;
        var importId = Guid.NewGuid();
        var job = grains.GetGrain<IPinImportJobGrain>(importId);
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
            throw new PinException(PinErrors.ImportInvalid, "Die Datei ist leer.");
        var view = await job.Start(new PinImportRequest(fileName.Trim(), chunks, bytes, Caller(user)));
        return TypedResults.Accepted($"/api/einmalpin/imports/{importId}", view);
    }

    private static async Task<Ok<PinImportView>> GetImport(Guid importId, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPinImportJobGrain>(importId).GetView());

    private static async Task<Ok<IReadOnlyList<PinImportRowError>>> GetErrors(Guid importId, int? offset, int? max, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPinImportJobGrain>(importId).GetErrors(Math.Max(0, offset ?? 0), Math.Clamp(max ?? 100, 1, 1_000)));

    private static async Task<Results<Created<PinCaseCreated>, Ok<PinCaseCreated>, ProblemHttpResult>> PutCase(
        string caseNumber, PinCaseBody body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var shape = body.ShapeErrors(caseNumber);
        if (shape.Count > 0)
            return Invalid(shape);
        var result = await grains.GetGrain<IPinIntakeGrain>(0).AddCase(body.ToData(caseNumber), Caller(user));
        return result.Outcome switch
        {
            PinIntakeOutcome.Created => TypedResults.Created($"/api/einmalpin/cases/{result.CaseNumber}",
                new PinCaseCreated(result.CaseNumber, result.Status ?? PinCaseStatus.Imported, result.LetterBatchId)),
            PinIntakeOutcome.Unchanged => TypedResults.Ok(new PinCaseCreated(result.CaseNumber, result.Status ?? PinCaseStatus.Imported, result.LetterBatchId)),
            PinIntakeOutcome.Conflict => Problems.Coded(PinErrors.CaseConflict,
                "Unter dieser Vorgangsnummer ist schon ein Vorgang mit anderen Daten angelegt."),
            _ => Invalid(result.FieldErrors!.ToDictionary()),
        };
    }

    private static ProblemHttpResult Invalid(IDictionary<string, string[]> errors) =>
        TypedResults.Problem(new HttpValidationProblemDetails(errors)
        {
            Status = StatusCodes.Status422UnprocessableEntity,
            Title = PinErrors.CaseInvalid,
            Type = ProblemCodes.TypeOf(PinErrors.CaseInvalid),
            Detail = "Der Vorgang ist ungültig; die Felder nennen die Gründe.",
        });

    private static string Caller(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "unbekannt";

    /// <summary>
    /// The answer of <c>PUT /api/einmalpin/cases/{caseNumber}</c>: the case, its status (Imported when created; where it
    /// stands now when the same case was put again), and the letter batch that issues its PIN.
    /// </summary>
    public sealed record PinCaseCreated(string CaseNumber, PinCaseStatus Status, string? LetterBatchId);

    /// <summary>Body of <c>PUT /api/einmalpin/cases/{caseNumber}</c> (a <c>PinCaseData</c>; the number must equal the path).</summary>
    public sealed record PinCaseBody(
        string? CaseNumber, PinCaseType? CaseType, string? Kvnr, string? FirstName, string? LastName, DateOnly? BirthDate,
        string? Street, string? PostalCode, string? City, DateOnly? Deadline, string? PrefillIban, string? PrefillSteuerId)
    {
        /// <summary>What the body's shape lacks: typed values that are missing, a case number other than the path's.</summary>
        public Dictionary<string, string[]> ShapeErrors(string caseNumber)
        {
            const string required = "Pflichtfeld fehlt.";
            var errors = new Dictionary<string, string[]>();
            if (CaseNumber is not null && CaseNumber != caseNumber)
                errors["caseNumber"] = ["Die Vorgangsnummer im Inhalt weicht von der im Pfad ab."];
            if (CaseType is null)
                errors["caseType"] = [required];
            if (BirthDate is null)
                errors["birthDate"] = [required];
            if (Deadline is null)
                errors["deadline"] = [required];
            return errors;
        }

        /// <summary>The case (after <see cref="ShapeErrors"/> found nothing); missing texts become empty, which the intake names.</summary>
        public PinCaseData ToData(string caseNumber) => new(
            caseNumber,
            CaseType ?? 0,
            Kvnr ?? "",
            FirstName ?? "",
            LastName ?? "",
            BirthDate ?? DateOnly.MaxValue,
            Street ?? "",
            PostalCode ?? "",
            City ?? "",
            Deadline ?? DateOnly.MinValue,
            PrefillIban,
            PrefillSteuerId);
    }
}
