namespace Kasse.Campaigns;

/// <summary>The lifecycle of a campaign: draft → active ⇄ paused → completed.</summary>
public enum CampaignStatus
{
    Draft = 0,
    Active = 1,
    Paused = 2,
    Completed = 3,
}

/// <summary>The state of one batch run.</summary>
public enum CampaignRunStatus
{
    Running = 0,
    Paused = 1,
    Completed = 2,
    Failed = 3,
}
