using System.Buffers.Text;
using System.Security.Cryptography;
using System.Text;
using Kasse.EinmalPin;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>
/// The secrets of a letter (NIST SP 800-63B look-up secrets), all from the operating system's CSPRNG: a 128-bit link
/// token stored as SHA-256, and a PIN from <see cref="PinFormat.Alphabet"/> stored as PBKDF2-SHA256 with its own salt
/// plus a keyed lookup hash (HMAC with a key derived from the server secret), so the database alone does not allow
/// testing PIN guesses offline against the lookup column. Thread-safe: issued in parallel on every core.
/// </summary>
public sealed class PinSecrets : IPinSecrets
{
    /// <summary>The least PBKDF2 iterations accepted (the issue's floor).</summary>
    public const int MinimumIterations = 10_000;

    public const int TokenBytes = 16;
    public const int SaltBytes = 16;
    public const int HashBytes = 32;

    // The largest multiple of the alphabet size that fits a byte: bytes at or above it are drawn again (no modulo bias).
    private static readonly int AcceptBelow = 256 / PinFormat.Alphabet.Length * PinFormat.Alphabet.Length;

    // The salt of VerifyNothing: fixed, so the work is the same as a real verification.
    private static readonly byte[] NothingSalt = new byte[SaltBytes];

    private readonly byte[] _lookupKey;
    private readonly EinmalPinOptions _options;

    public PinSecrets(IPinServerSecret serverSecret, IOptions<EinmalPinOptions> options)
    {
        _options = options.Value;
        if (_options.Pbkdf2Iterations < MinimumIterations)
            throw new InvalidOperationException(
                $"{EinmalPinOptions.Section}:Pbkdf2Iterations is {_options.Pbkdf2Iterations}; at least {MinimumIterations} are required.");
        _lookupKey = serverSecret.Derive("pin-lookup");
    }

    public IssuedPinSecrets Issue(string caseNumber, int issueNo, string batchId, DateTimeOffset issuedAt)
    {
        var pin = NewPin();
        var token = Base64Url.EncodeToString(RandomNumberGenerator.GetBytes(TokenBytes));
        var salt = RandomNumberGenerator.GetBytes(SaltBytes);
        var record = new PinSecretRecord(
            caseNumber, issueNo, batchId, HashToken(token), LookupOf(pin), salt, Pbkdf2(pin, salt, _options.Pbkdf2Iterations),
            _options.Pbkdf2Iterations, issuedAt, issuedAt + _options.SecretValidity);
        return new IssuedPinSecrets(pin, token, LinkOf(token), record);
    }

    /// <summary>The link the letter prints (and its QR code carries): the token in the fragment, never sent to a server.</summary>
    public string LinkOf(string linkToken) => _options.LinkBaseUrl + "#t=" + linkToken;

    public byte[] HashToken(string linkToken) => SHA256.HashData(Encoding.ASCII.GetBytes(linkToken));

    public byte[] LookupOf(string normalizedPin) => HMACSHA256.HashData(_lookupKey, Encoding.ASCII.GetBytes(normalizedPin));

    public bool Verify(PinSecretRecord record, string normalizedPin) =>
        CryptographicOperations.FixedTimeEquals(Pbkdf2(normalizedPin, record.PinSalt, record.Iterations), record.PinHash);

    public void VerifyNothing(string normalizedPin) => _ = Pbkdf2(normalizedPin, NothingSalt, _options.Pbkdf2Iterations);

    /// <summary>13 symbols of the alphabet, each from a fresh random byte by rejection sampling.</summary>
    public static string NewPin()
    {
        Span<char> pin = stackalloc char[PinFormat.Length];
        Span<byte> random = stackalloc byte[32];
        var count = 0;
        while (count < pin.Length)
        {
            RandomNumberGenerator.Fill(random);
            foreach (var b in random)
            {
                if (b >= AcceptBelow)
                    continue;
                pin[count++] = PinFormat.Alphabet[b % PinFormat.Alphabet.Length];
                if (count == pin.Length)
                    break;
            }
        }
        var result = new string(pin);
        CryptographicOperations.ZeroMemory(random);
        return result;
    }

    private static byte[] Pbkdf2(string normalizedPin, byte[] salt, int iterations) =>
        Rfc2898DeriveBytes.Pbkdf2(Encoding.ASCII.GetBytes(normalizedPin), salt, iterations, HashAlgorithmName.SHA256, HashBytes);
}
