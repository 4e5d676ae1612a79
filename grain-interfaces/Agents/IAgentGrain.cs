namespace Kasse.Agents;

/// <summary>One service agent, keyed by the agent id of the identity provider.</summary>
[Alias("Kasse.Agents.IAgentGrain")]
public interface IAgentGrain : IGrainWithStringKey
{
    [Alias("UpsertProfile")]
    Task UpsertProfile(AgentProfile profile);

    /// <summary>Remembers a conversation this person takes part in (the newest 100 are kept).</summary>
    [Alias("RecordConversation")]
    Task RecordConversation(Guid conversationId);

    /// <summary>The conversations this person took part in, newest first.</summary>
    [Alias("ListConversations")]
    Task<IReadOnlyList<Guid>> ListConversations();

    [Alias("GetProfile")]
    Task<AgentProfile?> GetProfile();
}
