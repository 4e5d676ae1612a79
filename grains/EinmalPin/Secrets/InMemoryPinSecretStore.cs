using Kasse.Grains.EinmalPin.Results;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>Issued secrets in memory (embedded mode); the same rules as the table: one row per case and issue, unique hashes.</summary>
public sealed class InMemoryPinSecretStore : IPinSecretStore, IPinSecretScan
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, List<PinSecretRecord>> _byCase = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _caseByToken = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _caseByPin = new(StringComparer.Ordinal);

    public Task AddAsync(IReadOnlyList<PinSecretRecord> secrets, CancellationToken cancellationToken = default)
    {
        lock (_lock)
        {
            // All or nothing, like the COPY.
            foreach (var secret in secrets)
            {
                if (_byCase.TryGetValue(secret.CaseNumber, out var issues) && issues.Any(i => i.IssueNo == secret.IssueNo))
                    throw new InvalidOperationException($"issue {secret.IssueNo} of a case exists already");
                if (_caseByToken.ContainsKey(Convert.ToHexString(secret.TokenHash)) || _caseByPin.ContainsKey(Convert.ToHexString(secret.PinLookup)))
                    throw new InvalidOperationException("duplicate secret hash");
            }
            foreach (var secret in secrets)
            {
                if (!_byCase.TryGetValue(secret.CaseNumber, out var issues))
                    _byCase[secret.CaseNumber] = issues = [];
                issues.Add(secret);
                _caseByToken[Convert.ToHexString(secret.TokenHash)] = secret.CaseNumber;
                _caseByPin[Convert.ToHexString(secret.PinLookup)] = secret.CaseNumber;
            }
        }
        return Task.CompletedTask;
    }

    public Task<PinSecretRecord?> LatestAsync(string caseNumber)
    {
        lock (_lock)
            return Task.FromResult(_byCase.TryGetValue(caseNumber, out var issues) ? issues.MaxBy(i => i.IssueNo) : null);
    }

    public Task<string?> CaseOfTokenAsync(byte[] tokenHash)
    {
        lock (_lock)
            return Task.FromResult(_caseByToken.GetValueOrDefault(Convert.ToHexString(tokenHash)));
    }

    public Task<string?> CaseOfPinAsync(byte[] pinLookup)
    {
        lock (_lock)
            return Task.FromResult(_caseByPin.GetValueOrDefault(Convert.ToHexString(pinLookup)));
    }

    public Task<IReadOnlyList<string>> WithoutSecretsAsync(IReadOnlyList<string> caseNumbers)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<string>>(caseNumbers.Where(n => !_byCase.ContainsKey(n)).Distinct().ToList());
    }

    public Task<IReadOnlyList<PinSecretRecord>> LatestOfAsync(IReadOnlyList<string> caseNumbers)
    {
        lock (_lock)
            return Task.FromResult<IReadOnlyList<PinSecretRecord>>(caseNumbers.Distinct()
                .Select(n => _byCase.TryGetValue(n, out var issues) ? issues.MaxBy(i => i.IssueNo) : null)
                .OfType<PinSecretRecord>().ToList());
    }

    /// <summary>Every issue of every case (for the in-memory results reader; h12-results).</summary>
    public IReadOnlyList<PinSecretRecord> ScanSecrets()
    {
        lock (_lock)
            return [.. _byCase.Values.SelectMany(issues => issues)];
    }
}
