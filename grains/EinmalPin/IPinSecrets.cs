namespace Kasse.Grains.EinmalPin;

/// <summary>
/// Generates and checks the two secrets of a case (NIST SP 800-63B look-up secrets): a link token of 128 bits and a
/// PIN of ≥ 64 bits (<see cref="Kasse.EinmalPin.PinFormat"/>), both from a CSPRNG. Stores only hashes; the keyed PIN
/// lookup and the print-output key come from the server secret, which lives outside the database.
/// </summary>
public interface IPinSecrets
{
    /// <summary>New secrets in clear (for the letter only) with their record (hashes, salt, expiry).</summary>
    IssuedPinSecrets Issue(string caseNumber, int issueNo, string batchId, DateTimeOffset issuedAt);

    /// <summary>SHA-256 of a link token as the letter carries it.</summary>
    byte[] HashToken(string linkToken);

    /// <summary>HMAC-SHA256 with the server secret of a normalised PIN (finds the case by PIN).</summary>
    byte[] LookupOf(string normalizedPin);

    /// <summary>Whether the normalised PIN matches the record (PBKDF2 and constant-time compare).</summary>
    bool Verify(PinSecretRecord record, string normalizedPin);

    /// <summary>The same work as <see cref="Verify"/> on nothing: keeps failures of unknown cases as slow as the others.</summary>
    void VerifyNothing(string normalizedPin);
}

/// <summary>The clear secrets of one issue (never stored, never logged) and what is stored of them.</summary>
public sealed record IssuedPinSecrets(string Pin, string LinkToken, string Link, PinSecretRecord Record);
