namespace Kasse.Campaigns;

/// <summary>A campaign as the admin pages and the API show it.</summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignView")]
public sealed record CampaignView(
    [property: Id(0)] string CampaignId,
    [property: Id(1)] CampaignDefinition Definition,
    [property: Id(2)] CampaignStatus Status,
    [property: Id(3)] int Version,
    [property: Id(4)] CampaignRunView? CurrentRun,
    [property: Id(5)] IReadOnlyList<Guid> Runs);

/// <summary>
/// Progress of one batch run (the admin page polls it for the progress bar). Scanned: customers read from the master
/// data so far, of <see cref="TotalCustomers"/>; Targeted: in a target group; ControlGroup: targeted but held out;
/// Contacted per channel; Refused per <see cref="ContactRefusal"/>; DeferredByVolume: no channel left under the
/// daily limits.
/// </summary>
[GenerateSerializer, Immutable, Alias("Kasse.Campaigns.CampaignRunView")]
public sealed record CampaignRunView(
    [property: Id(0)] Guid RunId,
    [property: Id(1)] CampaignRunStatus Status,
    [property: Id(2)] long TotalCustomers,
    [property: Id(3)] long Scanned,
    [property: Id(4)] long Targeted,
    [property: Id(5)] long ControlGroup,
    [property: Id(6)] IReadOnlyDictionary<ContactChannel, long> Contacted,
    [property: Id(7)] IReadOnlyDictionary<ContactRefusal, long> Refused,
    [property: Id(8)] long DeferredByVolume,
    [property: Id(9)] DateTimeOffset StartedAt,
    [property: Id(10)] DateTimeOffset? FinishedAt);
