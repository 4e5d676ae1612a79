namespace Kasse.Campaigns.Journey;

/// <summary>
/// Per customer (keyed by the customer key): hands the customer's journey events to the active triggered campaigns,
/// in seq order, each once (its checkpoint is the last seq handled). Fed by the journey stream; <see cref="CatchUp"/>
/// recovers events whose notification was lost.
/// </summary>
[Alias("Kasse.Campaigns.Journey.IJourneyTriggerGrain")]
public interface IJourneyTriggerGrain : IGrainWithStringKey
{
    /// <summary>Handles every stored event up to <paramref name="lastSeq"/> not handled yet.</summary>
    [Alias("CatchUp")]
    Task CatchUp(long lastSeq);

    /// <summary>The last seq handled (0 before the first).</summary>
    [Alias("GetCheckpoint")]
    Task<long> GetCheckpoint();
}
