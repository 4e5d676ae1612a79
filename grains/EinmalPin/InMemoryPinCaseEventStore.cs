using System.Collections.Concurrent;

namespace Kasse.Grains.EinmalPin;

/// <summary>Case events in memory (embedded default).</summary>
public sealed class InMemoryPinCaseEventStore : IPinCaseEventStore
{
    private readonly ConcurrentDictionary<string, SortedList<int, PinCaseEventRecord>> _byCase = new(StringComparer.Ordinal);

    public Task AppendAsync(PinCaseEventRecord record)
    {
        var events = _byCase.GetOrAdd(record.CaseNumber, _ => []);
        lock (events)
            events.TryAdd(record.Seq, record);
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PinCaseEventRecord>> ReadAsync(string caseNumber)
    {
        if (!_byCase.TryGetValue(caseNumber, out var events))
            return Task.FromResult<IReadOnlyList<PinCaseEventRecord>>([]);
        lock (events)
            return Task.FromResult<IReadOnlyList<PinCaseEventRecord>>([.. events.Values]);
    }
}
