using Kasse.Grains.Inbox;
using Kasse.Inbox;

namespace Kasse.Tests.Chat;

/// <summary>The real in-memory work item history, except that the next append can be made to fail without storing anything.</summary>
public sealed class FlakyWorkItemHistory(IWorkItemHistory inner) : IWorkItemHistory
{
    private int _failNext;

    public void FailNextAppend() => Interlocked.Exchange(ref _failNext, 1);

    public Task AppendAsync(IReadOnlyList<WorkItemEvent> events) =>
        Interlocked.Exchange(ref _failNext, 0) == 1
            ? Task.FromException(new InvalidOperationException("simulated: the history is unreachable"))
            : inner.AppendAsync(events);

    public Task<IReadOnlyList<WorkItemEvent>> ReadItemAsync(string itemId) => inner.ReadItemAsync(itemId);

    public Task<IReadOnlyList<WorkItemEvent>> ReadAllAsync(long afterPosition, int max) => inner.ReadAllAsync(afterPosition, max);

    public Task<IReadOnlyList<string>> ReadUnsettledAsync(string queue) => inner.ReadUnsettledAsync(queue);
}
