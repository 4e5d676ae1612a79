using System.Security.Claims;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>
/// Consents and the objection to targeted offers: the insured's own (portal, app; the person from the token only) and,
/// for agents, any insured person's by KVNR (audited by the consent desk). The customer grain decides.
/// </summary>
public static class ConsentApi
{
    public static IEndpointRouteBuilder MapConsentApi(this IEndpointRouteBuilder endpoints)
    {
        var insured = endpoints.MapGroup("/api/customer").RequireAuthorization(KassePolicies.Insured).WithTags("Einwilligungen");
        insured.MapGet("/consents", GetOwn).WithName("GetOwnConsents")
            .WithSummary("The caller's consents: advertising consent, objection (§68b SGB V), preferred channel, priority.");
        insured.MapPost("/consents", ChangeOwn).WithName("ChangeOwnConsents").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Changes one consent (kind, preferredChannel or priority); changeId is the idempotency key. " +
                "Withdrawing the advertising consent revokes every open marketing reservation.");
        insured.MapPost("/objection", ObjectOwn).WithName("DeclareOwnObjection").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Objects to targeted offers: every campaign on every channel stops at once, open reservations are revoked. " +
                "Body {changeId} (idempotency key).");

        var agent = endpoints.MapGroup("/api/agent/customers/{kvnr}").RequireAuthorization(KassePolicies.Agent).WithTags("Einwilligungen");
        agent.MapGet("/consents", GetForAgent).WithName("GetCustomerConsents")
            .WithSummary("Consents, contact ledger and suppressions in force of an insured person; audited.");
        agent.MapPost("/consents", ChangeForAgent).WithName("ChangeCustomerConsents").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Records a consent change the person told the agent; changeId is the idempotency key; audited.");
        agent.MapPost("/objection", ObjectForAgent).WithName("DeclareCustomerObjection").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Records the person's objection to targeted offers (told the agent); audited.");
        return endpoints;
    }

    private static async Task<Ok<CustomerConsents>> GetOwn(ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms) =>
        TypedResults.Ok(await Own(user, grains, pseudonyms).GetConsents());

    private static Task<Results<Ok<CustomerConsents>, ValidationProblem>> ChangeOwn(
        ConsentChangeRequest body, ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms) =>
        ChangeOwnAsync(body, user, grains, pseudonyms);

    private static Task<Results<Ok<CustomerConsents>, ValidationProblem>> ObjectOwn(
        ObjectionRequest body, ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms) =>
        ChangeOwnAsync(body.AsChange(), user, grains, pseudonyms);

    private static async Task<Results<Ok<CustomerConsents>, ValidationProblem>> ChangeOwnAsync(
        ConsentChangeRequest body, ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var errors = body.Validate();
        if (errors.Count > 0)
            return Problems.Validation(errors);
        // The actor of one's own change is the pseudonym, so the ledger never holds the KVNR.
        var key = pseudonyms.KeyOf(Subject(user));
        return TypedResults.Ok(await grains.GetGrain<ICustomerGrain>(key).ChangeConsents(body.ToChange(key, "portal")));
    }

    private static async Task<Results<Ok<CustomerContactView>, ValidationProblem>> GetForAgent(string kvnr, ClaimsPrincipal user, IGrainFactory grains) =>
        Kvnr.IsValid(kvnr)
            ? TypedResults.Ok(await grains.GetGrain<IConsentDeskGrain>(0).Read(user.ToParticipant(), kvnr))
            : Problems.Validation(new Dictionary<string, string[]> { ["kvnr"] = [Kvnr.InvalidMessage] });

    private static Task<Results<Ok<CustomerConsents>, ValidationProblem>> ChangeForAgent(
        string kvnr, ConsentChangeRequest body, ClaimsPrincipal user, IGrainFactory grains) => ChangeForAgentAsync(kvnr, body, user, grains);

    private static Task<Results<Ok<CustomerConsents>, ValidationProblem>> ObjectForAgent(
        string kvnr, ObjectionRequest body, ClaimsPrincipal user, IGrainFactory grains) => ChangeForAgentAsync(kvnr, body.AsChange(), user, grains);

    private static async Task<Results<Ok<CustomerConsents>, ValidationProblem>> ChangeForAgentAsync(
        string kvnr, ConsentChangeRequest body, ClaimsPrincipal user, IGrainFactory grains)
    {
        var errors = body.Validate();
        if (!Kvnr.IsValid(kvnr))
            errors["kvnr"] = [Kvnr.InvalidMessage];
        if (errors.Count > 0)
            return Problems.Validation(errors);
        var staff = user.ToParticipant();
        return TypedResults.Ok(await grains.GetGrain<IConsentDeskGrain>(0).Change(staff, kvnr, body.ToChange(staff.UserId, "agent")));
    }

    private static ICustomerGrain Own(ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms) =>
        grains.GetGrain<ICustomerGrain>(pseudonyms.KeyOf(Subject(user)));

    private static string Subject(ClaimsPrincipal user) => user.FindFirstValue(KasseClaims.Subject) ?? "";
}
