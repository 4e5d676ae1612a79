using System.Security.Claims;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Web.Security;
using Kasse.Web.Validation;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace Kasse.Web.Apis;

/// <summary>The offer catalogue (versions) and what the learner knows per offer, for the admin page.</summary>
public static class OfferCatalogApi
{
    private static readonly ContactChannel[] LearnedChannels = [ContactChannel.Banner, ContactChannel.AgentDesktop, ContactChannel.Phone];

    public static IEndpointRouteBuilder MapOfferCatalogApi(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/api/nba/catalog")
            .RequireAuthorization(KassePolicies.Admin)
            .WithTags("Next best action");
        group.MapGet("/", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IOfferCatalogGrain>(0).GetActive()))
            .WithName("GetOfferCatalog")
            .WithSummary("The active version of the offer catalogue.");
        group.MapPut("/", Publish)
            .WithRequestBodyLimit(RequestBodyLimits.Default)
            .WithName("PublishOfferCatalog")
            .WithSummary("Validates and publishes a new version (OFFER_CATALOG_INVALID lists every problem, e.g. a rule that does not compile).");
        group.MapGet("/versions", async (IGrainFactory grains) => TypedResults.Ok(await grains.GetGrain<IOfferCatalogGrain>(0).ListVersions()))
            .WithName("ListOfferCatalogVersions")
            .WithSummary("The newest 50 versions, newest first.");
        group.MapGet("/posteriors", Posteriors)
            .WithName("GetOfferPosteriors")
            .WithSummary("Per offer of the active version and channel (Banner, AgentDesktop, Phone): trials and successes the propensity is learnt from.");
        return endpoints;
    }

    private static async Task<Ok<OfferCatalogVersion>> Publish(OfferCatalogDocument document, ClaimsPrincipal user, IGrainFactory grains) =>
        TypedResults.Ok(await grains.GetGrain<IOfferCatalogGrain>(0).Publish(document, user.FindFirstValue(KasseClaims.Subject) ?? ""));

    private static async Task<Ok<OfferPosterior[]>> Posteriors(IGrainFactory grains)
    {
        var active = await grains.GetGrain<IOfferCatalogGrain>(0).GetActive();
        var posteriors = await Task.WhenAll(active.Document.Offers.SelectMany(o => LearnedChannels
            .Where(c => o.ContextWeights.ContainsKey(c))
            .Select(c => grains.GetGrain<IOfferLearnerGrain>($"{o.Id}|{c}").GetPosterior())));
        return TypedResults.Ok(posteriors);
    }
}
