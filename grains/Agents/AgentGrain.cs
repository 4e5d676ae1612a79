using Kasse.Agents;
using Kasse.Grains.Common;

namespace Kasse.Grains.Agents;

/// <summary>Holds the profile (team, skills) of one service agent.</summary>
public sealed class AgentGrain(
    [PersistentState("agent", StorageNames.Default)] IPersistentState<AgentGrain.State> state) : Grain, IAgentGrain
{
    public const int MaxRememberedConversations = 100;

    public async Task UpsertProfile(AgentProfile profile)
    {
        if (profile.AgentId != this.GetPrimaryKeyString())
            throw new ArgumentException("The profile belongs to another agent.", nameof(profile));
        // Stored as a plain array: a caller's list may be a compiler-generated type (a collection expression) that the
        // serializer writes but refuses to read back.
        state.State.Profile = profile with { Skills = profile.Skills.ToArray() };
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<AgentProfile?> GetProfile() => Task.FromResult(state.State.Profile);

    public async Task RecordConversation(Guid conversationId)
    {
        // Bounded: older conversations stay in the history table, reachable by id.
        if (NewestFirstList.Remember(state.State.Conversations, conversationId, MaxRememberedConversations))
            await state.WriteOrDeactivateAsync(this);
    }

    public Task<IReadOnlyList<Guid>> ListConversations() => Task.FromResult<IReadOnlyList<Guid>>(state.State.Conversations.ToArray());

    [GenerateSerializer, Alias("Kasse.Grains.Agents.AgentGrain.State")]
    public sealed class State
    {
        [Id(0)] public AgentProfile? Profile { get; set; }

        [Id(1)] public List<Guid> Conversations { get; set; } = [];
    }
}
