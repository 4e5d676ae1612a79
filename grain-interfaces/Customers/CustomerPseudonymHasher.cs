using System.Security.Cryptography;
using System.Text;

namespace Kasse.Customers;

/// <summary>
/// <see cref="CustomerPseudonyms.KeyOf"/> for one reader of many rows (an import): one HMAC context kept and reset per
/// key, instead of a new native context per call, which costs more than the hash itself. Not thread-safe.
/// </summary>
public sealed class CustomerPseudonymHasher : IDisposable
{
    private const int MaxStackKvnrBytes = 256;

    private readonly IncrementalHash _hmac;

    internal CustomerPseudonymHasher(byte[] key) => _hmac = IncrementalHash.CreateHMAC(HashAlgorithmName.SHA256, key);

    /// <summary>The same key as <see cref="CustomerPseudonyms.KeyOf"/>.</summary>
    public string KeyOf(string kvnr)
    {
        ArgumentNullException.ThrowIfNull(kvnr);
        var byteCount = Encoding.UTF8.GetByteCount(kvnr);
        Span<byte> bytes = byteCount <= MaxStackKvnrBytes ? stackalloc byte[MaxStackKvnrBytes] : new byte[byteCount];
        _hmac.AppendData(bytes[..Encoding.UTF8.GetBytes(kvnr, bytes)]);
        Span<byte> mac = stackalloc byte[HMACSHA256.HashSizeInBytes];
        _hmac.GetHashAndReset(mac);
        return CustomerPseudonyms.Format(mac);
    }

    public void Dispose() => _hmac.Dispose();
}
