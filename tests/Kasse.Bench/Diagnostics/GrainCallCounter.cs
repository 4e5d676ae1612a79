using System.Collections.Concurrent;
using System.Diagnostics;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Counts every grain call that reaches a grain of this silo, by interface method (an incoming call filter), so a run can
/// say how many calls one routed item cost and which ones dominate. The count is a hint for where the work goes; storage
/// calls of the in-memory provider count too (they are grain calls). The time of a call is from its start to its answer:
/// for a method that does not await (the queue's), that is how long it held its grain's turn.
/// </summary>
public sealed class GrainCallCounter : IIncomingGrainCallFilter
{
    private readonly ConcurrentDictionary<string, long> _byMethod = new();
    private readonly ConcurrentDictionary<string, long> _ticksByMethod = new();
    private long _total;

    public long Total => Interlocked.Read(ref _total);

    public async Task Invoke(IIncomingGrainCallContext context)
    {
        Interlocked.Increment(ref _total);
        var name = $"{context.InterfaceName}.{context.MethodName}";
        _byMethod.AddOrUpdate(name, 1, static (_, n) => n + 1);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await context.Invoke();
        }
        finally
        {
            var ticks = Stopwatch.GetTimestamp() - started;
            _ticksByMethod.AddOrUpdate(name, ticks, (_, n) => n + ticks);
        }
    }

    /// <summary>A snapshot of the counts and times by method.</summary>
    public (IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, long> Ticks) Snapshot() =>
        (new Dictionary<string, long>(_byMethod), new Dictionary<string, long>(_ticksByMethod));

    /// <summary>
    /// The methods with the most calls since <paramref name="before"/>, as "name=calls/mean µs" joined by commas.
    /// </summary>
    public string Top((IReadOnlyDictionary<string, long> Calls, IReadOnlyDictionary<string, long> Ticks) before, int count) => string.Join(
        ",",
        _byMethod.Select(p => (
                Name: ShortName(p.Key),
                Calls: p.Value - before.Calls.GetValueOrDefault(p.Key),
                Ticks: _ticksByMethod.GetValueOrDefault(p.Key) - before.Ticks.GetValueOrDefault(p.Key)))
            .Where(p => p.Calls > 0)
            .OrderByDescending(p => p.Calls)
            .Take(count)
            .Select(p => $"{p.Name}={p.Calls}/{p.Ticks * 1e6 / Stopwatch.Frequency / p.Calls:0}us"));

    private static string ShortName(string name)
    {
        var dot = name.LastIndexOf('.', name.LastIndexOf('.') - 1);
        return dot < 0 ? name : name[(dot + 1)..];
    }
}
