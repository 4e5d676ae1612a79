namespace Kasse.Inbox;

/// <summary>
/// Who last served a customer (keyed by the customer's pseudonymous key): written by the work item grain when an item
/// is done, read when a routing document prefers the last agent. Its only owner is this grain.
/// </summary>
[Alias("Kasse.Inbox.ICustomerServiceRecordGrain")]
public interface ICustomerServiceRecordGrain : IGrainWithStringKey
{
    [Alias("RecordServed")]
    Task RecordServed(string agentId, string itemId);

    /// <summary>The agent who completed the customer's latest item, or null.</summary>
    [Alias("GetLastAgent")]
    Task<string?> GetLastAgent();
}
