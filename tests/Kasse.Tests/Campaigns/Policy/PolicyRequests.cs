using Kasse.Campaigns;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>Short ways to write the requests and policies the tests use.</summary>
public static class PolicyRequests
{
    public static ContactRequest Marketing(string id, ContactChannel channel, ContactSource source = ContactSource.CampaignBatch, string? offer = null, TimeSpan? ttl = null) =>
        new(id, source, ContactPurpose.Marketing, channel, CampaignId: "test-campaign", OfferId: offer, ReservationTtl: ttl);

    public static ContactRequest Information(string id, ContactChannel channel) =>
        new(id, ContactSource.CampaignBatch, ContactPurpose.Information, channel, CampaignId: "magazin");

    public static ContactPolicyDocument Limits(params ContactLimit[] limits) => new(limits, [], []);
}
