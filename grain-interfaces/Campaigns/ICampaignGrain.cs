using Orleans.Concurrency;

namespace Kasse.Campaigns;

/// <summary>
/// One campaign, keyed by its id (<c>[a-z0-9-]{1,64}</c>). Owns its definition, lifecycle, daily volume counters and
/// batch runs; contacts go through the customer grains (<c>ReserveContact</c>), outputs to <c>campaign_contacts</c>.
/// </summary>
[Alias("Kasse.Campaigns.ICampaignGrain")]
public interface ICampaignGrain : IGrainWithStringKey
{
    /// <summary>Creates or replaces the definition; only in Draft or Paused (a new version). Rules are compiled first.</summary>
    [Alias("Save")]
    Task<CampaignView> Save(CampaignDefinition definition, string by);

    /// <summary>Draft/Paused → Active; a one-off or recurring campaign starts (or resumes) its batch run when due.</summary>
    [Alias("Activate")]
    Task<CampaignView> Activate(string by);

    /// <summary>Active → Paused; a running batch stops between chunks and keeps its place.</summary>
    [Alias("Pause")]
    Task<CampaignView> Pause(string by);

    [Alias("Complete")]
    Task<CampaignView> Complete(string by);

    /// <summary>The view; throws <c>CAMPAIGN_NOT_FOUND</c> for a campaign never saved.</summary>
    [Alias("GetView")]
    Task<CampaignView> GetView();

    [Alias("GetRun")]
    Task<CampaignRunView> GetRun(Guid runId);

    /// <summary>Every saved version, oldest first: who, when, which fields changed, the definition (<c>campaign_versions</c>).</summary>
    [Alias("GetVersions")]
    Task<IReadOnlyList<CampaignVersionView>> GetVersions();

    /// <summary>
    /// The run as soon as it is no longer running (completed, failed, paused), or as it stands after
    /// <paramref name="wait"/> (at most 20 s): a caller follows a run to its end (and its progress) without polling.
    /// </summary>
    [AlwaysInterleave, Alias("WaitForRun")]
    Task<CampaignRunView> WaitForRun(Guid runId, TimeSpan wait);

    /// <summary>
    /// A journey event for a Triggered campaign: when the customer is in a target group and the policy grants it, one
    /// contact is reserved, confirmed and written out. Idempotent per (campaign, customer, event seq). Null when the
    /// campaign is not active and triggered by this event.
    /// </summary>
    [Alias("Trigger")]
    Task<ContactDecision?> Trigger(JourneyEvent journeyEvent);
}

/// <summary>The list of campaigns (key 0); campaigns register themselves when first saved.</summary>
[Alias("Kasse.Campaigns.ICampaignDirectoryGrain")]
public interface ICampaignDirectoryGrain : IGrainWithIntegerKey
{
    [Alias("Register")]
    Task Register(CampaignDirectoryEntry entry);

    [Alias("List")]
    Task<IReadOnlyList<CampaignDirectoryEntry>> List();

    /// <summary>Active campaigns triggered by this journey event kind (the journey consumer asks this, cached briefly).</summary>
    [Alias("ListTriggered")]
    Task<IReadOnlyList<string>> ListTriggered(JourneyEventKind kind);
}

[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignDirectoryEntry")]
public sealed record CampaignDirectoryEntry(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] string Name,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] CampaignScheduleKind ScheduleKind,
    [property: Id(4)] JourneyEventKind? TriggerEvent);
