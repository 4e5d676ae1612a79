using Kasse.Campaigns;
using Kasse.Campaigns.Nba;

namespace Kasse.Web.Hubs;

/// <summary>
/// Banners of the next best action for the portal and the app (docs/campaigns.md, "Next best action"): the caller's
/// own key only. The client chooses the decision id (a new Guid; asking again with it reserves nothing more).
/// </summary>
public sealed partial class CustomerHub
{
    /// <summary>
    /// The offer to show now, or a decision without offers. <paramref name="placement"/>: where it is shown (e.g.
    /// <c>portal-start</c>, <c>app-home</c>; 1–40 characters). Errors: OFFER_CATALOG_INVALID (malformed request).
    /// </summary>
    public Task<NbaDecision> GetBanner(Guid decisionId, string placement) =>
        Grains.GetGrain<INbaGrain>(0).Decide(new NbaRequest(
            decisionId, pseudonyms.KeyOf(Caller.UserId), ContactChannel.Banner, ContactSource.Banner, placement ?? "", 1));

    /// <summary>
    /// What the person did with the banner: Impression (shown), Click, Accept, Reject, NoResponse. Idempotent by
    /// outcome id. Errors: OFFER_CATALOG_INVALID (malformed, or not the caller's decision).
    /// </summary>
    public Task ReportBannerOutcome(NbaOutcome outcome) =>
        Grains.GetGrain<INbaGrain>(0).ReportOutcome(pseudonyms.KeyOf(Caller.UserId), outcome);
}
