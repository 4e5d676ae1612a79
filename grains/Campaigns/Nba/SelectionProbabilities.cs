using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The probability with which the sampling policy ranks each candidate first, estimated by Monte Carlo
/// (<see cref="Draws"/> rounds of the same draws the arbitration makes) and cached per candidate set and posterior:
/// the key holds every candidate's α, β and weight, so a new posterior is a new key, and every silo estimates the same
/// number (the random seed is a hash of the key). Add-one smoothing keeps each estimate in (0, 1] and the estimates of
/// one set summing to 1.
/// </summary>
public sealed class SelectionProbabilities
{
    public const int Draws = 4_000;
    private const int MaxCached = 20_000;

    private ConcurrentDictionary<string, double[]> _cache = new(StringComparer.Ordinal);

    /// <summary>Probabilities by candidate index (same order as <paramref name="candidates"/>).</summary>
    public double[] Of(IReadOnlyList<ArbitrationCandidate> candidates)
    {
        if (candidates.Count == 1)
            return [1.0];
        var key = KeyOf(candidates);
        var cache = _cache;
        if (cache.TryGetValue(key, out var cached))
            return cached;
        var estimate = Estimate(candidates, new Random(StableSeed(key)));
        if (cache.Count >= MaxCached)
            _cache = cache = new ConcurrentDictionary<string, double[]>(StringComparer.Ordinal); // bounded: start afresh
        cache.TryAdd(key, estimate);
        return estimate;
    }

    /// <summary>The estimate without a cache (the tests compare it with the exact value).</summary>
    public static double[] Estimate(IReadOnlyList<ArbitrationCandidate> candidates, Random random, int draws = Draws)
    {
        var wins = new int[candidates.Count];
        for (var round = 0; round < draws; round++)
        {
            var best = -1;
            var bestScore = double.NegativeInfinity;
            for (var i = 0; i < candidates.Count; i++)
            {
                var score = BetaSampler.Sample(random, candidates[i].Alpha, candidates[i].Beta) * candidates[i].Weight;
                if (score > bestScore)
                {
                    best = i;
                    bestScore = score;
                }
            }
            wins[best]++;
        }
        var result = new double[candidates.Count];
        for (var i = 0; i < result.Length; i++)
            result[i] = (wins[i] + 1.0) / (draws + candidates.Count);
        return result;
    }

    /// <summary>FNV-1a over the key's characters: the same on every silo and every run (string.GetHashCode is not).</summary>
    public static int StableSeed(string key)
    {
        var hash = 2166136261u;
        foreach (var ch in key)
            hash = unchecked((hash ^ ch) * 16777619u);
        return unchecked((int)hash);
    }

    private static string KeyOf(IReadOnlyList<ArbitrationCandidate> candidates)
    {
        var key = new StringBuilder(candidates.Count * 40);
        foreach (var c in candidates)
            key.Append(c.OfferId).Append(':')
                .Append(c.Alpha.ToString("R", CultureInfo.InvariantCulture)).Append(':')
                .Append(c.Beta.ToString("R", CultureInfo.InvariantCulture)).Append(':')
                .Append(c.Weight.ToString("R", CultureInfo.InvariantCulture)).Append(';');
        return key.ToString();
    }
}
