using Kasse.Campaigns;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// One row of <c>campaign_contacts</c>: a customer a run contacted (the slot confirmed by the customer grain) on
/// <see cref="Channel"/> with <see cref="VariantId"/>, or held out as control (<see cref="Control"/>, no channel).
/// </summary>
public sealed record CampaignContactRecord(
    Guid RunId,
    string CustomerKey,
    string ContactId,
    string CampaignId,
    string TargetGroup,
    ContactChannel? Channel,
    string? VariantId,
    bool Control,
    DateTimeOffset At);
