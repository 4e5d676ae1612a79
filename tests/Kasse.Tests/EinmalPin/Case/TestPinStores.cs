using System.Collections.Concurrent;
using Kasse.Grains.EinmalPin;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// The imported cases and issued secrets of the case tests, in memory: the case helper's tests seed them directly and
/// do not depend on the import or the letter production (tested by their own tests).
/// </summary>
public sealed class TestPinStores : IPinCaseStore, IPinSecretStore
{
    private readonly ConcurrentDictionary<string, StoredPinCase> _cases = new(StringComparer.Ordinal);
    private readonly ConcurrentDictionary<string, ImmutableIssues> _secrets = new(StringComparer.Ordinal);

    public Task<IReadOnlyList<string>> AddAsync(IReadOnlyList<Kasse.EinmalPin.PinCaseData> cases, Guid? importId, CancellationToken cancellationToken = default) =>
        Task.FromResult<IReadOnlyList<string>>([.. cases.Where(c => _cases.TryAdd(c.CaseNumber, new StoredPinCase(c, importId, DateTimeOffset.UtcNow))).Select(c => c.CaseNumber)]);

    public Task<StoredPinCase?> FindAsync(string caseNumber) => Task.FromResult(_cases.GetValueOrDefault(caseNumber));

    public Task<IReadOnlyList<StoredPinCase>> ReadImportAsync(Guid importId, string? afterCaseNumber, int max) =>
        Task.FromResult<IReadOnlyList<StoredPinCase>>([.. _cases.Values.Where(c => c.ImportId == importId)
            .Where(c => afterCaseNumber is null || string.CompareOrdinal(c.Data.CaseNumber, afterCaseNumber) > 0)
            .OrderBy(c => c.Data.CaseNumber, StringComparer.Ordinal).Take(max)]);

    public Task AddAsync(IReadOnlyList<PinSecretRecord> secrets, CancellationToken cancellationToken = default)
    {
        foreach (var record in secrets)
            _secrets.AddOrUpdate(record.CaseNumber, _ => new ImmutableIssues([record]), (_, existing) => new ImmutableIssues([.. existing.Records, record]));
        return Task.CompletedTask;
    }

    public Task<PinSecretRecord?> LatestAsync(string caseNumber) =>
        Task.FromResult(_secrets.TryGetValue(caseNumber, out var issues) ? issues.Records.MaxBy(r => r.IssueNo) : null);

    // Merge of h12-letters' LatestOfAsync (added by h12-results so the merged branch builds).
    public Task<IReadOnlyList<PinSecretRecord>> LatestOfAsync(IReadOnlyList<string> caseNumbers) =>
        Task.FromResult<IReadOnlyList<PinSecretRecord>>(
            [.. caseNumbers.Where(_secrets.ContainsKey).Select(n => _secrets[n].Records.MaxBy(r => r.IssueNo)!)]);

    public Task<string?> CaseOfTokenAsync(byte[] tokenHash) =>
        Task.FromResult(_secrets.Values.SelectMany(i => i.Records).FirstOrDefault(r => r.TokenHash.AsSpan().SequenceEqual(tokenHash))?.CaseNumber);

    public Task<string?> CaseOfPinAsync(byte[] pinLookup) =>
        Task.FromResult(_secrets.Values.SelectMany(i => i.Records).FirstOrDefault(r => r.PinLookup.AsSpan().SequenceEqual(pinLookup))?.CaseNumber);

    public Task<IReadOnlyList<string>> WithoutSecretsAsync(IReadOnlyList<string> caseNumbers) =>
        Task.FromResult<IReadOnlyList<string>>([.. caseNumbers.Where(n => !_secrets.ContainsKey(n))]);

    private sealed record ImmutableIssues(IReadOnlyList<PinSecretRecord> Records);
}
