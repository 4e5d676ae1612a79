using Kasse.Customers;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The core insurance system delivers and reads back insured persons' master data.</summary>
public static class IntegrationCustomerApi
{
    public static IEndpointRouteBuilder MapIntegrationCustomerApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/integration/customers")
            .RequireAuthorization(KassePolicies.Integrator)
            .WithTags("Integration");
        group.MapPut("/{kvnr}", Upsert)
            .WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithName("UpsertCustomer")
            .WithSummary("Creates or replaces the master data of an insured person. Idempotent: the same body twice changes nothing.");
        group.MapGet("/{kvnr}", Get)
            .WithName("GetCustomer")
            .WithSummary("Reads the master data of an insured person.");
        return endpoints;
    }

    private static async Task<Results<NoContent, ValidationProblem>> Upsert(
        string kvnr, CustomerMasterData body, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var errors = body.Validate(kvnr);
        if (errors.Count > 0)
            return Problems.Validation(errors);
        await grains.GetCustomer(pseudonyms, kvnr).UpsertProfile(body.ToProfile(kvnr));
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<CustomerProfile>, ProblemHttpResult, ValidationProblem>> Get(
        string kvnr, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        if (!Kvnr.IsValid(kvnr))
            return Problems.Validation(new Dictionary<string, string[]> { ["kvnr"] = [Kvnr.InvalidMessage] });
        var profile = await grains.GetCustomer(pseudonyms, kvnr).GetProfile();
        return profile is null
            ? Problems.NotFound("Unbekannte Versichertennummer", "Zu dieser KVNR liegen keine Stammdaten vor.")
            : TypedResults.Ok(profile);
    }

    /// <summary>Body of <c>PUT /api/integration/customers/{kvnr}</c>.</summary>
    public sealed record CustomerMasterData(
        string? GivenName, string? FamilyName, DateOnly? BirthDate, string? Email, PreferredChannel? PreferredChannel)
    {
        public Dictionary<string, string[]> Validate(string kvnr)
        {
            var errors = new Dictionary<string, string[]>();
            if (!Kvnr.IsValid(kvnr))
                errors["kvnr"] = [Kvnr.InvalidMessage];
            if (string.IsNullOrWhiteSpace(GivenName) || GivenName.Length > 200)
                errors["givenName"] = ["Vorname fehlt oder ist länger als 200 Zeichen."];
            if (string.IsNullOrWhiteSpace(FamilyName) || FamilyName.Length > 200)
                errors["familyName"] = ["Nachname fehlt oder ist länger als 200 Zeichen."];
            if (BirthDate is null || BirthDate < new DateOnly(1900, 1, 1) || BirthDate > DateOnly.FromDateTime(DateTime.UtcNow))
                errors["birthDate"] = ["Geburtsdatum fehlt oder liegt außerhalb des gültigen Bereichs."];
            return errors;
        }

        public CustomerProfile ToProfile(string kvnr) => new(
            kvnr, GivenName!.Trim(), FamilyName!.Trim(), BirthDate!.Value, Email?.Trim(), PreferredChannel ?? Customers.PreferredChannel.Post);
    }
}
