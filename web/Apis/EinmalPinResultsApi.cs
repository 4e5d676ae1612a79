using System.Globalization;
using System.Text;
using Kasse.EinmalPin;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// EinmalPIN results back to the core system (docs/einmalpin.md, "Results"): counts per status with the STP rate for
/// admins, and the daily results CSV for integrators, streamed page by page from the results grain.
/// </summary>
public static class EinmalPinResultsApi
{
    /// <summary>Case rows fetched from the results grain per page of the CSV.</summary>
    public const int PageSize = 1_000;

    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];
    private static readonly UTF8Encoding Utf8 = new(encoderShouldEmitUTF8Identifier: false);

    public static IEndpointRouteBuilder MapEinmalPinResultsApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/einmalpin").WithTags("EinmalPIN");
        group.MapGet("/counts", GetCounts)
            .RequireAuthorization(KassePolicies.Admin)
            .WithName("GetEinmalPinCounts")
            .WithSummary("Cases per status (Imported, LetterExported, Opened, Submitted, ClosedAutomatically, WithClerk, ClosedByClerk, " +
                "Expired), the total, and the STP rate: closed automatically ÷ (closed automatically + with clerk + closed by clerk), 0 when none.");
        group.MapGet("/results/{day}.csv", GetDailyResults)
            .RequireAuthorization(KassePolicies.Integrator)
            .Produces(StatusCodes.Status200OK, contentType: "text/csv")
            .ProducesValidationProblem()
            .WithName("GetEinmalPinDailyResults")
            .WithSummary("The daily results CSV (day as yyyy-MM-dd, Europe/Berlin): every case whose status time falls on that day, in " +
                "case-number order. UTF-8 with BOM, ';', CRLF; columns Vorgangsnummer;Vorgangsart;Status;Statuszeit;Regelwerk;" +
                "Regelwerk_Version;Gruende;Pruefsumme (status as its name, time ISO 8601 UTC); no cell starts a formula.");
        return endpoints;
    }

    private static async Task<Ok<PinStatusCounts>> GetCounts(IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IPinResultsGrain>(0).GetCounts());

    private static async Task<Results<PushStreamHttpResult, ValidationProblem>> GetDailyResults(string day, IGrainFactory grains)
    {
        if (!DateOnly.TryParseExact(day, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out var date))
            return Problems.Validation(new Dictionary<string, string[]> { ["day"] = ["Der Tag muss als JJJJ-MM-TT angegeben werden, z. B. 2026-12-07."] });
        var results = grains.GetGrain<IPinResultsGrain>(0);
        // The first page before the answer starts: a refusal then still becomes problem details.
        var first = await results.ReadCsvPage(date, null, PageSize);
        return TypedResults.Stream(
            async body =>
            {
                await body.WriteAsync(Utf8Bom);
                var page = first;
                while (true)
                {
                    // Each page leaves at once: memory stays one page whatever the day's size.
                    await body.WriteAsync(Utf8.GetBytes(page.Text));
                    await body.FlushAsync();
                    if (page.Next is null)
                        break;
                    page = await results.ReadCsvPage(date, page.Next, PageSize);
                }
            },
            "text/csv; charset=utf-8",
            $"einmalpin-ergebnisse-{date:yyyy-MM-dd}.csv");
    }
}
