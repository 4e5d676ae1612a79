using System.Buffers;
using System.Buffers.Binary;
using System.Security.Cryptography;
using System.Text;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>
/// The hash that tells an unchanged master row from a changed one (<c>customer_master.row_hash</c>): SHA-256 over
/// every data field (not the import id), each length-prefixed so that no two different rows encode alike; 16 bytes kept.
/// </summary>
public static class CustomerMasterRowHash
{
    public const int Length = 16;

    public static byte[] Of(CustomerMasterRecord record)
    {
        var hash = new byte[Length];
        Hash(record, null, hash);
        return hash;
    }

    /// <summary>
    /// The hash into <paramref name="destination"/>, with a SHA-256 context kept by the caller for many rows (an
    /// import): a new native context per row costs more than the hash.
    /// </summary>
    public static void Write(CustomerMasterRecord record, IncrementalHash sha256, Span<byte> destination) =>
        Hash(record, sha256, destination);

    private static void Hash(CustomerMasterRecord record, IncrementalHash? sha256, Span<byte> destination)
    {
        ArgumentNullException.ThrowIfNull(record);
        var chars = record.CustomerKey.Length + record.Kvnr.Length + record.GivenName.Length + record.FamilyName.Length + record.Street.Length
            + record.PostalCode.Length + record.City.Length + (record.Phone?.Length ?? 0) + (record.Email?.Length ?? 0) + (record.Tariff?.Length ?? 0);
        var buffer = ArrayPool<byte>.Shared.Rent(128 + 3 * chars);
        try
        {
            var length = 0;
            void Text(string? value)
            {
                if (value is null)
                {
                    BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), -1);
                    length += 4;
                    return;
                }
                var bytes = Encoding.UTF8.GetBytes(value, buffer.AsSpan(length + 4));
                BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), bytes);
                length += 4 + bytes;
            }
            Text(record.CustomerKey);
            Text(record.Kvnr);
            Text(record.GivenName);
            Text(record.FamilyName);
            BinaryPrimitives.WriteInt32LittleEndian(buffer.AsSpan(length), record.BirthDate.DayNumber);
            length += 4;
            Text(record.Street);
            Text(record.PostalCode);
            Text(record.City);
            Text(record.Phone);
            Text(record.Email);
            buffer[length++] = (byte)record.PreferredChannel;
            buffer[length++] = record.AdvertisingConsent ? (byte)1 : (byte)0;
            buffer[length++] = record.BonusProgramme ? (byte)1 : (byte)0;
            Text(record.Tariff);
            Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
            if (sha256 is null)
            {
                SHA256.HashData(buffer.AsSpan(0, length), hash);
            }
            else
            {
                sha256.AppendData(buffer.AsSpan(0, length));
                sha256.GetHashAndReset(hash);
            }
            hash[..Length].CopyTo(destination);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }
}
