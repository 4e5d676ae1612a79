using System.Security.Claims;
using Kasse.Customers;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The signed-in user's own identity and, for insured persons, their own master data.</summary>
public static class MeApi
{
    public static IEndpointRouteBuilder MapMeApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/me").WithTags("Ich");
        group.MapGet("/", GetIdentity)
            .RequireAuthorization(KassePolicies.AnyUser)
            .WithName("GetMyIdentity")
            .WithSummary("Who the caller is: subject, display name, roles, skills and team.");
        group.MapGet("/profile", GetOwnProfile)
            .RequireAuthorization(KassePolicies.Insured)
            .WithName("GetMyProfile")
            .WithSummary("The insured person's own master data.");
        return endpoints;
    }

    private static Ok<Identity> GetIdentity(ClaimsPrincipal user) => TypedResults.Ok(new Identity(
        user.FindFirstValue(KasseClaims.Subject) ?? "",
        user.FindFirstValue(KasseClaims.Name) ?? "",
        user.FindAll(KasseClaims.Role).Select(c => c.Value).ToArray(),
        user.FindAll(KasseClaims.Skill).Select(c => c.Value).ToArray(),
        user.FindFirstValue(KasseClaims.Team)));

    private static async Task<Results<Ok<CustomerProfile>, ProblemHttpResult>> GetOwnProfile(
        ClaimsPrincipal user, IGrainFactory grains, CustomerPseudonyms pseudonyms)
    {
        var kvnr = user.FindFirstValue(KasseClaims.Subject) ?? "";
        var profile = await grains.GetCustomer(pseudonyms, kvnr).GetProfile();
        return profile is null
            ? Problems.NotFound("Keine Stammdaten", "Für Sie liegen noch keine Stammdaten vor.")
            : TypedResults.Ok(profile);
    }

    public sealed record Identity(
        string Subject, string DisplayName, IReadOnlyList<string> Roles, IReadOnlyList<string> Skills, string? Team);
}
