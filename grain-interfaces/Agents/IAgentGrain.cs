namespace Kasse.Agents;

/// <summary>One service agent, keyed by the agent id of the identity provider.</summary>
[Alias("Kasse.Agents.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("UpsertProfile")]
    Task UpsertProfile(AgentProfile profile);

    [Alias("GetProfile")]
    Task<AgentProfile?> GetProfile();
}
