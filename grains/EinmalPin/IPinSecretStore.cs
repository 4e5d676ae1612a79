namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Issued secrets (<c>pin_secrets</c>), insert-only, written by the letter production. A case's highest issue number
/// is its valid one; older issues stop working when a newer one exists.
/// </summary>
public interface IPinSecretStore
{
    Task AddAsync(IReadOnlyList<PinSecretRecord> secrets, CancellationToken cancellationToken = default);

    /// <summary>The case's valid (highest) issue, or null when none was issued.</summary>
    Task<PinSecretRecord?> LatestAsync(string caseNumber);

    /// <summary>The case number a link token hash belongs to (any issue; the case checks it is the valid one).</summary>
    Task<string?> CaseOfTokenAsync(byte[] tokenHash);

    /// <summary>The case number a PIN lookup hash belongs to (any issue).</summary>
    Task<string?> CaseOfPinAsync(byte[] pinLookup);

    /// <summary>Of the given case numbers, those that have no secrets yet.</summary>
    Task<IReadOnlyList<string>> WithoutSecretsAsync(IReadOnlyList<string> caseNumbers);

    /// <summary>Of the given case numbers, the valid (highest) issue of each that has one (h12-letters: batch resume).</summary>
    Task<IReadOnlyList<PinSecretRecord>> LatestOfAsync(IReadOnlyList<string> caseNumbers);
}

/// <summary>One issue of secrets for a case; hashes only (see 0018_einmalpin.sql).</summary>
public sealed record PinSecretRecord(
    string CaseNumber, int IssueNo, string BatchId, byte[] TokenHash, byte[] PinLookup, byte[] PinSalt, byte[] PinHash,
    int Iterations, DateTimeOffset IssuedAt, DateTimeOffset ExpiresAt);
