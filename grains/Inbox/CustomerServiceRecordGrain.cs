using Kasse.Grains.Common;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>The last agent who served one customer (stored), for the <c>lastAgent</c> target of routing documents.</summary>
public sealed class CustomerServiceRecordGrain(
    [PersistentState("customer-service", StorageNames.Default)] IPersistentState<CustomerServiceRecordState> state,
    TimeProvider clock) : Grain, ICustomerServiceRecordGrain
{
    public async Task RecordServed(string agentId, string itemId)
    {
        state.State.LastAgentId = agentId;
        state.State.LastItemId = itemId;
        state.State.At = clock.GetUtcNow();
        await state.WriteOrDeactivateAsync(this);
    }

    public Task<string?> GetLastAgent() => Task.FromResult(state.State.LastAgentId);
}
