using System.Security.Claims;
using Kasse.Campaigns;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The contact policy for admins: the active version and every earlier one; publishing a new version.</summary>
public static class ContactPolicyApi
{
    public static IEndpointRouteBuilder MapContactPolicyApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/admin/contact-policy").RequireAuthorization(KassePolicies.Admin).WithTags("Kontaktregeln")
            .ProducesProblem(StatusCodes.Status400BadRequest)
            .ProducesProblem(StatusCodes.Status422UnprocessableEntity);
        group.MapGet("/", Get).WithName("GetContactPolicy").WithSummary("The active version and all versions, newest first.");
        group.MapPut("/", Publish).WithName("PublishContactPolicy").WithRequestBodyLimit(RequestBodyLimits.SmallJson)
            .WithSummary("Publishes the document as a new version (every silo decides under it within about a second). " +
                "Refused with CONTACT_POLICY_INVALID naming every problem. Idempotent: the active document again returns its version.");
        return endpoints;
    }

    private static async Task<Ok<ContactPolicyOverview>> Get(IGrainFactory grains)
    {
        var policy = grains.GetGrain<IContactPolicyGrain>(0);
        return TypedResults.Ok(new ContactPolicyOverview(await policy.GetActive(), await policy.ListVersions()));
    }

    private static async Task<Ok<ContactPolicyVersion>> Publish(ContactPolicyDocument document, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IContactPolicyGrain>(0).Publish(document, user.FindFirstValue(KasseClaims.Subject) ?? ""));

    /// <summary>Answer of <c>GET /api/admin/contact-policy</c>.</summary>
    public sealed record ContactPolicyOverview(ContactPolicyVersion Active, IReadOnlyList<ContactPolicyVersion> Versions);
}
