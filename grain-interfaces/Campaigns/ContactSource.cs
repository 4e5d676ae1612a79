namespace Kasse.Campaigns;

/// <summary>What asks for a contact; every source reserves its slot in the customer grain first.</summary>
public enum ContactSource
{
    CampaignBatch = 0,
    CampaignTrigger = 1,
    Banner = 2,
    CallList = 3,
    AgentSuggestion = 4,
}
