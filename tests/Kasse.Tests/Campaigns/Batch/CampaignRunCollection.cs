namespace Kasse.Tests.Campaigns.Batch;

/// <summary>
/// Tests that stop one in-process host and start another on the same database while a run is under way: they run
/// alone (several silos in one process have shown shared state; see the EinmalPIN import's AloneCollection).
/// </summary>
[CollectionDefinition(Name, DisableParallelization = true)]
public sealed class CampaignRunCollection
{
    public const string Name = "alone: campaign run across hosts";
}
