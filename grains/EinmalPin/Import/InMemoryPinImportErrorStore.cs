using Kasse.EinmalPin;

namespace Kasse.Grains.EinmalPin.Import;

/// <summary>Import errors in memory (the embedded default and the tests).</summary>
public sealed class InMemoryPinImportErrorStore : IPinImportErrorStore
{
    private readonly Dictionary<Guid, SortedSet<(long Row, int Seq, PinImportRowError Error)>> _errors = [];
    private readonly Lock _sync = new();
    private int _seq;

    public Task AddAsync(Guid importId, IReadOnlyList<PinImportRowError> newErrors, CancellationToken cancellationToken = default)
    {
        lock (_sync)
        {
            if (!_errors.TryGetValue(importId, out var list))
                _errors[importId] = list = new SortedSet<(long, int, PinImportRowError)>(Comparer<(long Row, int Seq, PinImportRowError Error)>.Create(
                    (a, b) => a.Row != b.Row ? a.Row.CompareTo(b.Row) : a.Seq.CompareTo(b.Seq)));
            foreach (var error in newErrors)
            {
                if (!list.Any(e => e.Row == error.RowNumber && e.Error == error))
                    list.Add((error.RowNumber, _seq++, error));
            }
        }
        return Task.CompletedTask;
    }

    public Task<IReadOnlyList<PinImportRowError>> ReadAsync(Guid importId, int offset, int max)
    {
        lock (_sync)
        {
            IReadOnlyList<PinImportRowError> page = _errors.TryGetValue(importId, out var list)
                ? list.Skip(offset).Take(max).Select(e => e.Error).ToList()
                : [];
            return Task.FromResult(page);
        }
    }
}
