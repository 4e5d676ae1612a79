using System.Diagnostics;
using System.Globalization;
using System.Numerics;

namespace Kasse.Bench;

/// <summary>
/// An HDR-like log-linear histogram of latencies in nanoseconds: 128 linear sub-buckets per power of two, so every
/// recorded value is kept to within 1/128 (below 0.8 %) at a fixed 36 KB, whatever the number of samples. One per
/// worker (not thread-safe); <see cref="Merge"/> the workers' recorders at the end.
/// </summary>
public sealed class LatencyRecorder
{
    private const int SubBucketBits = 7;
    private const int SubBuckets = 1 << SubBucketBits;
    private const int MaxExponent = 42; // 2^42 ns is about 73 minutes; longer values are clamped.
    private const int BucketCount = (MaxExponent - SubBucketBits + 2) * SubBuckets;
    private static readonly double NanosecondsPerTick = 1e9 / Stopwatch.Frequency;

    private readonly long[] _counts = new long[BucketCount];
    private long _maxNanoseconds;
    private double _sumNanoseconds;

    public long Count { get; private set; }

    /// <summary>Records the time since <paramref name="startTimestamp"/> (a <see cref="Stopwatch.GetTimestamp"/>).</summary>
    public void RecordSince(long startTimestamp) => RecordTicks(Stopwatch.GetTimestamp() - startTimestamp);

    public void RecordTicks(long stopwatchTicks) => RecordNanoseconds((long)(stopwatchTicks * NanosecondsPerTick));

    public void RecordNanoseconds(long nanoseconds)
    {
        nanoseconds = Math.Max(0, nanoseconds);
        _counts[IndexOf(nanoseconds)]++;
        Count++;
        _sumNanoseconds += nanoseconds;
        _maxNanoseconds = Math.Max(_maxNanoseconds, nanoseconds);
    }

    public void Merge(LatencyRecorder other)
    {
        for (var i = 0; i < BucketCount; i++)
            _counts[i] += other._counts[i];
        Count += other.Count;
        _sumNanoseconds += other._sumNanoseconds;
        _maxNanoseconds = Math.Max(_maxNanoseconds, other._maxNanoseconds);
    }

    public double MeanMilliseconds => Count == 0 ? 0 : _sumNanoseconds / Count / 1e6;

    public double MaxMilliseconds => _maxNanoseconds / 1e6;

    /// <summary>The value below which <paramref name="percentile"/> % of the samples lie, in milliseconds (0 when empty).</summary>
    public double PercentileMilliseconds(double percentile)
    {
        if (Count == 0)
            return 0;
        var rank = (long)Math.Ceiling(percentile / 100.0 * Count);
        rank = Math.Clamp(rank, 1, Count);
        long seen = 0;
        for (var i = 0; i < BucketCount; i++)
        {
            seen += _counts[i];
            if (seen >= rank)
                return Math.Min(MidpointOf(i), _maxNanoseconds) / 1e6;
        }
        return _maxNanoseconds / 1e6;
    }

    private static int IndexOf(long value)
    {
        if (value < SubBuckets)
            return (int)value;
        var exponent = 63 - BitOperations.LeadingZeroCount((ulong)value);
        if (exponent > MaxExponent)
            return BucketCount - 1;
        var subBucket = (int)(value >> (exponent - SubBucketBits)) & (SubBuckets - 1);
        return (exponent - SubBucketBits + 1) * SubBuckets + subBucket;
    }

    /// <summary>
    /// The recorder as one line of text (<c>max sum index:count,…</c>, non-empty buckets only), for a child process
    /// to hand its latencies to the parent exactly; read back with <see cref="FromWire"/>.
    /// </summary>
    public string ToWire()
    {
        var buckets = new System.Text.StringBuilder();
        for (var i = 0; i < BucketCount; i++)
        {
            if (_counts[i] == 0)
                continue;
            if (buckets.Length > 0)
                buckets.Append(',');
            buckets.Append(CultureInfo.InvariantCulture, $"{i}:{_counts[i]}");
        }
        return string.Create(CultureInfo.InvariantCulture, $"{_maxNanoseconds} {_sumNanoseconds:R} {(buckets.Length == 0 ? "-" : buckets)}");
    }

    /// <summary>The recorder written by <see cref="ToWire"/>.</summary>
    public static LatencyRecorder FromWire(string wire)
    {
        var parts = wire.Split(' ');
        if (parts.Length != 3)
            throw new FormatException($"not a latency recorder: '{wire}'");
        var recorder = new LatencyRecorder
        {
            _maxNanoseconds = long.Parse(parts[0], CultureInfo.InvariantCulture),
            _sumNanoseconds = double.Parse(parts[1], CultureInfo.InvariantCulture),
        };
        if (parts[2] == "-")
            return recorder;
        foreach (var bucket in parts[2].Split(','))
        {
            var colon = bucket.IndexOf(':', StringComparison.Ordinal);
            var count = long.Parse(bucket.AsSpan(colon + 1), CultureInfo.InvariantCulture);
            recorder._counts[int.Parse(bucket.AsSpan(0, colon), CultureInfo.InvariantCulture)] = count;
            recorder.Count += count;
        }
        return recorder;
    }

    private static double MidpointOf(int index)
    {
        if (index < SubBuckets)
            return index;
        var exponent = index / SubBuckets + SubBucketBits - 1;
        var subBucket = index % SubBuckets;
        var width = 1L << (exponent - SubBucketBits);
        var lower = (1L << exponent) + subBucket * width;
        return lower + (width - 1) / 2.0;
    }
}
