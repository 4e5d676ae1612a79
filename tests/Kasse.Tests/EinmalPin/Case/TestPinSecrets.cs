using System.Security.Cryptography;
using System.Text;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// Secrets as the contract describes them (link token hashed with SHA-256, PIN looked up by HMAC and verified by
/// PBKDF2), with few iterations so the tests run fast; the letters helper's implementation has tests of its own.
/// </summary>
public sealed class TestPinSecrets(IPinServerSecret serverSecret) : IPinSecrets
{
    private const int Iterations = 1_000;
    private static readonly byte[] NothingSalt = new byte[16];

    public IssuedPinSecrets Issue(string caseNumber, int issueNo, string batchId, DateTimeOffset issuedAt)
    {
        var pin = new string([.. Enumerable.Range(0, PinFormat.Length).Select(_ => PinFormat.Alphabet[RandomNumberGenerator.GetInt32(PinFormat.Alphabet.Length)])]);
        var token = Convert.ToBase64String(RandomNumberGenerator.GetBytes(16)).TrimEnd('=').Replace('+', '-').Replace('/', '_');
        var salt = RandomNumberGenerator.GetBytes(16);
        var record = new PinSecretRecord(
            caseNumber, issueNo, batchId, HashToken(token), LookupOf(pin), salt, Pbkdf2(pin, salt), Iterations, issuedAt, issuedAt.AddDays(60));
        return new IssuedPinSecrets(PinFormat.Grouped(pin), token, "http://localhost/pin/#t=" + token, record);
    }

    public byte[] HashToken(string linkToken) => SHA256.HashData(Encoding.ASCII.GetBytes(linkToken));

    public byte[] LookupOf(string normalizedPin) => HMACSHA256.HashData(serverSecret.Derive("pin-lookup"), Encoding.UTF8.GetBytes(normalizedPin));

    public bool Verify(PinSecretRecord record, string normalizedPin) =>
        CryptographicOperations.FixedTimeEquals(Pbkdf2(normalizedPin, record.PinSalt), record.PinHash);

    public void VerifyNothing(string normalizedPin) => Pbkdf2(normalizedPin, NothingSalt);

    private static byte[] Pbkdf2(string pin, byte[] salt) => Rfc2898DeriveBytes.Pbkdf2(pin, salt, Iterations, HashAlgorithmName.SHA256, 32);
}

/// <summary>A fixed server secret for the test host.</summary>
public sealed class TestPinServerSecret : IPinServerSecret
{
    private static readonly byte[] Secret = SHA256.HashData(Encoding.UTF8.GetBytes("kasse-tests-einmalpin"));

    public byte[] Derive(string purpose, int bytes = 32) => HKDF.DeriveKey(HashAlgorithmName.SHA256, Secret, bytes, info: Encoding.UTF8.GetBytes(purpose));
}
