namespace Kasse.Campaigns;

/// <summary>A refusal of a campaign, policy, offer, journey or import operation; nothing was changed.</summary>
[GenerateSerializer, Alias("Kasse.Campaigns.CampaignException")]
public sealed class CampaignException(string code, string message) : CodedException(code, message);

/// <summary>Error codes of campaigns, contact policy, offers and journey (HTTP problem <c>code</c>, HubException prefix).</summary>
public static class CampaignErrors
{
    public const string CampaignNotFound = "CAMPAIGN_NOT_FOUND";
    public const string CampaignInvalid = "CAMPAIGN_INVALID";
    public const string CampaignState = "CAMPAIGN_STATE";
    public const string PolicyInvalid = "CONTACT_POLICY_INVALID";
    public const string OfferInvalid = "OFFER_CATALOG_INVALID";
    public const string JourneyInvalid = "JOURNEY_EVENT_INVALID";
    public const string ImportInvalid = "DWH_IMPORT_INVALID";
    public const string ImportNotFound = "DWH_IMPORT_NOT_FOUND";
    public const string CustomerUnknown = "CUSTOMER_UNKNOWN";
}
