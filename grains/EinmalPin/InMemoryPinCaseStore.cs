using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin.Results;

namespace Kasse.Grains.EinmalPin;

/// <summary>Imported cases in memory (the embedded default and the tests); insert-only like the table.</summary>
public sealed class InMemoryPinCaseStore(TimeProvider time) : IPinCaseStore, IPinCaseScan
{
    private readonly Dictionary<string, StoredPinCase> _cases = new(StringComparer.Ordinal);
    private readonly Lock _sync = new();

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<PinCaseData> newCases, Guid? importId, CancellationToken cancellationToken = default)
    {
        var now = time.GetUtcNow();
        var added = new List<string>();
        lock (_sync)
        {
            foreach (var data in newCases)
            {
                if (_cases.TryAdd(data.CaseNumber, new StoredPinCase(data, importId, now)))
                    added.Add(data.CaseNumber);
            }
        }
        return Task.FromResult<IReadOnlyList<string>>(added);
    }

    public Task<StoredPinCase?> FindAsync(string caseNumber)
    {
        lock (_sync)
            return Task.FromResult(_cases.GetValueOrDefault(caseNumber));
    }

    public Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid importId, string? afterCaseNumber, int max)
    {
        lock (_sync)
        {
            IReadOnlyList<StoredPinCase> page = _cases.Values
                .Where(c => c.ImportId == importId && (afterCaseNumber is null || string.CompareOrdinal(c.Data.CaseNumber, afterCaseNumber) > 0))
                .OrderBy(c => c.Data.CaseNumber, StringComparer.Ordinal)
                .Take(max)
                .ToList();
            return Task.FromResult(page);
        }
    }

    /// <summary>Every case (for the in-memory results reader; h12-results).</summary>
    public IReadOnlyList<StoredPinCase> ScanCases()
    {
        lock (_sync)
            return [.. _cases.Values];
    }
}
