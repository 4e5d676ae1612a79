using System.Security.Cryptography;
using System.Text;

namespace Kasse.Customers;

/// <summary>
/// The key of an insured person's grain: a keyed hash (HMAC-SHA256) of the KVNR, never the KVNR itself. Grain ids
/// travel through traces, the dashboard and runtime logs; a pseudonym keeps the social data out of them, and without
/// the key it cannot be turned back into a KVNR (the KVNR space is small enough to try every value of a plain hash).
/// </summary>
public sealed class CustomerPseudonyms
{
    private readonly byte[] _key;

    public CustomerPseudonyms(byte[] key)
    {
        if (key.Length < 32)
            throw new ArgumentException("The pseudonym key needs at least 32 bytes.", nameof(key));
        _key = key;
    }

    /// <summary>A fixed key for the Development environment only; production configures its own secret.</summary>
    public static CustomerPseudonyms ForDevelopment() => new(SHA256.HashData("kasse-orleans-development-pseudonyms"u8));

    public string KeyOf(string kvnr) => Format(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(kvnr)));

    /// <summary>A reusable hasher for many keys in a row (an import); one per thread.</summary>
    public CustomerPseudonymHasher CreateHasher() => new(_key);

    /// <summary>The key text of a MAC: <c>c-</c> and its first 16 bytes in lower-case hex.</summary>
    internal static string Format(ReadOnlySpan<byte> mac) => string.Create(34, mac[..16], static (chars, bytes) =>
    {
        chars[0] = 'c';
        chars[1] = '-';
        Convert.TryToHexStringLower(bytes, chars[2..], out _);
    });
}

/// <summary>Finds the grain of an insured person by KVNR.</summary>
public static class CustomerGrainFactoryExtensions
{
    public static ICustomerGrain GetCustomer(this IGrainFactory grains, CustomerPseudonyms pseudonyms, string kvnr) =>
        grains.GetGrain<ICustomerGrain>(pseudonyms.KeyOf(kvnr));
}
