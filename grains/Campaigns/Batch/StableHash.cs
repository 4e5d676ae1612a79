using System.Text;

namespace Kasse.Grains.Campaigns.Batch;

/// <summary>
/// A hash that is the same on every silo, every run and every .NET version (FNV-1a over UTF-8, 64 bit), so a customer
/// lands in the same control group and gets the same variant whenever and wherever the campaign looks at them.
/// </summary>
public static class StableHash
{
    private const ulong Offset = 14695981039346656037UL;
    private const ulong Prime = 1099511628211UL;

    public static ulong Of(string purpose, string campaignId, string customerKey)
    {
        var hash = Offset;
        hash = Add(hash, purpose);
        hash = Add(hash, "\u001f");
        hash = Add(hash, campaignId);
        hash = Add(hash, "\u001f");
        hash = Add(hash, customerKey);
        // A final mix spreads FNV's weak low bits, so "hash % 100" is uniform.
        hash ^= hash >> 33;
        hash *= 0xff51afd7ed558ccdUL;
        hash ^= hash >> 33;
        return hash;
    }

    /// <summary>A stable position in [0, buckets).</summary>
    public static int Bucket(string purpose, string campaignId, string customerKey, int buckets) =>
        (int)(Of(purpose, campaignId, customerKey) % (ulong)buckets);

    private static ulong Add(ulong hash, string text)
    {
        Span<byte> buffer = stackalloc byte[256];
        var bytes = Encoding.UTF8.GetByteCount(text) <= buffer.Length ? buffer[..Encoding.UTF8.GetBytes(text, buffer)] : Encoding.UTF8.GetBytes(text);
        foreach (var b in bytes)
        {
            hash ^= b;
            hash *= Prime;
        }
        return hash;
    }
}
