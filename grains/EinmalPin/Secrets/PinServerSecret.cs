using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.EinmalPin.Secrets;

/// <summary>
/// The server secret as a key source: every purpose gets its own key by HKDF-SHA256 (the purpose is HKDF's info), so a
/// leaked session key says nothing about the PIN lookup key or a print output's key.
/// </summary>
public sealed class PinServerSecret : IPinServerSecret
{
    /// <summary>The least the configured secret may have.</summary>
    public const int MinimumBytes = 32;

    private static readonly byte[] Salt = Encoding.ASCII.GetBytes("kasse-einmalpin");
    private readonly byte[] _pseudoRandomKey;

    public PinServerSecret(byte[] secret)
    {
        if (secret.Length < MinimumBytes)
            throw new ArgumentException($"The EinmalPIN server secret needs at least {MinimumBytes} bytes.", nameof(secret));
        _pseudoRandomKey = HKDF.Extract(HashAlgorithmName.SHA256, secret, Salt);
    }

    public byte[] Derive(string purpose, int bytes = 32)
    {
        ArgumentException.ThrowIfNullOrEmpty(purpose);
        return HKDF.Expand(HashAlgorithmName.SHA256, _pseudoRandomKey, bytes, Encoding.UTF8.GetBytes(purpose));
    }
}
