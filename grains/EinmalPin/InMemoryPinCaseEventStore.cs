using System.Collections.Concurrent;
using Kasse.Grains.EinmalPin.Results;

namespace Kasse.Grains.EinmalPin;

/// <summary>Case events in memory (embedded default).</summary>
public sealed class InMemoryPinCaseEventStore : IPinCaseEventStore, IPinCaseEventScan
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

    /// <summary>Every event of every case (for the in-memory results reader; h12-results).</summary>
    public IReadOnlyList<PinCaseEventRecord> ScanEvents()
    {
        var all = new List<PinCaseEventRecord>();
        foreach (var events in _byCase.Values)
        {
            lock (events)
                all.AddRange(events.Values);
        }
        return all;
    }
}
