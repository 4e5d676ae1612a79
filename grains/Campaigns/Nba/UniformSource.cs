using System.Buffers.Binary;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>Uniform draws in [0, 1) for the samplers; a struct so the hot path allocates nothing.</summary>
public interface IUniformSource
{
    double NextDouble();
}

/// <summary><see cref="Random"/> as a source (tests and tools that hold a seeded <see cref="Random"/>).</summary>
public readonly struct SystemRandomSource(Random random) : IUniformSource
{
    public double NextDouble() => random.NextDouble();
}

/// <summary>
/// xoshiro256** seeded from a decision id with SplitMix64: the same draws for the same decision on every silo and run
/// (asking again with a decision id ranks alike), without the allocation a seeded <see cref="Random"/> costs.
/// </summary>
public struct DecisionRandom : IUniformSource
{
    private ulong _s0, _s1, _s2, _s3;

    public static DecisionRandom For(Guid decisionId)
    {
        Span<byte> bytes = stackalloc byte[16];
        decisionId.TryWriteBytes(bytes);
        var seed = BinaryPrimitives.ReadUInt64LittleEndian(bytes) ^ SplitMix(BinaryPrimitives.ReadUInt64LittleEndian(bytes[8..]));
        var random = default(DecisionRandom);
        random._s0 = SplitMix(ref seed);
        random._s1 = SplitMix(ref seed);
        random._s2 = SplitMix(ref seed);
        random._s3 = SplitMix(ref seed);
        return random;
    }

    public double NextDouble() => (Next() >> 11) * (1.0 / (1UL << 53));

    private ulong Next()
    {
        var result = ulong.RotateLeft(_s1 * 5, 7) * 9;
        var t = _s1 << 17;
        _s2 ^= _s0;
        _s3 ^= _s1;
        _s1 ^= _s2;
        _s0 ^= _s3;
        _s2 ^= t;
        _s3 = ulong.RotateLeft(_s3, 45);
        return result;
    }

    private static ulong SplitMix(ulong value)
    {
        var seed = value;
        return SplitMix(ref seed);
    }

    private static ulong SplitMix(ref ulong state)
    {
        var z = state += 0x9E3779B97F4A7C15UL;
        z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL;
        z = (z ^ (z >> 27)) * 0x94D049BB133111EBUL;
        return z ^ (z >> 31);
    }
}
