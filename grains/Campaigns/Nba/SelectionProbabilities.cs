using System.Collections.Concurrent;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The probability with which the sampling policy ranks each candidate first, computed by numerical integration and
/// cached per candidate set: the key holds every candidate's α, β and weight (the learner state), so a new posterior is
/// a new key and every silo computes the same number. Lookups allocate nothing; a miss costs well under a millisecond
/// for a handful of candidates. <see cref="BetaIntegration"/> explains the computation.
/// </summary>
public sealed class SelectionProbabilities
{
    private const int MaxCached = 20_000;
    private static readonly double[] Alone = [1.0];

    private ConcurrentDictionary<CandidateSetKey, double[]> _cache = new(CandidateSetKey.Comparer);

    /// <summary>Probabilities by candidate index (same order as <paramref name="candidates"/>); do not change the array.</summary>
    public double[] Of(IReadOnlyList<ArbitrationCandidate> candidates)
    {
        var copy = new ArbitrationCandidate[candidates.Count];
        for (var i = 0; i < copy.Length; i++)
            copy[i] = candidates[i];
        return Of(copy.AsSpan());
    }

    /// <inheritdoc cref="Of(IReadOnlyList{ArbitrationCandidate})"/>
    public double[] Of(ReadOnlySpan<ArbitrationCandidate> candidates)
    {
        if (candidates.Length == 1)
            return Alone;
        var cache = _cache;
        if (cache.GetAlternateLookup<ReadOnlySpan<ArbitrationCandidate>>().TryGetValue(candidates, out var cached))
            return cached;
        var exact = BetaIntegration.FirstPlaceProbabilities(candidates);
        if (cache.Count >= MaxCached)
            _cache = cache = new ConcurrentDictionary<CandidateSetKey, double[]>(CandidateSetKey.Comparer); // bounded: start afresh
        cache.TryAdd(new CandidateSetKey(candidates.ToArray()), exact);
        return exact;
    }

    /// <summary>A Monte Carlo estimate (the tests check the integration against a large one).</summary>
    public static double[] Estimate(IReadOnlyList<ArbitrationCandidate> candidates, Random random, int draws)
    {
        var wins = new long[candidates.Count];
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
            result[i] = (double)wins[i] / draws;
        return result;
    }

    /// <summary>A candidate set by what decides the probabilities (α, β, weight in order); offer ids do not matter.</summary>
    private sealed class CandidateSetKey(ArbitrationCandidate[] candidates)
    {
        public static readonly KeyComparer Comparer = new();

        public ArbitrationCandidate[] Candidates { get; } = candidates;

        public sealed class KeyComparer : IEqualityComparer<CandidateSetKey>, IAlternateEqualityComparer<ReadOnlySpan<ArbitrationCandidate>, CandidateSetKey>
        {
            public bool Equals(CandidateSetKey? x, CandidateSetKey? y) =>
                ReferenceEquals(x, y) || (x is not null && y is not null && Equals(x.Candidates, y));

            public int GetHashCode(CandidateSetKey obj) => GetHashCode(obj.Candidates.AsSpan());

            public bool Equals(ReadOnlySpan<ArbitrationCandidate> alternate, CandidateSetKey other)
            {
                var candidates = other.Candidates;
                if (alternate.Length != candidates.Length)
                    return false;
                for (var i = 0; i < candidates.Length; i++)
                {
                    if (!alternate[i].Alpha.Equals(candidates[i].Alpha) || !alternate[i].Beta.Equals(candidates[i].Beta)
                        || !alternate[i].Weight.Equals(candidates[i].Weight))
                        return false;
                }
                return true;
            }

            public int GetHashCode(ReadOnlySpan<ArbitrationCandidate> alternate)
            {
                var hash = new HashCode();
                foreach (var c in alternate)
                {
                    hash.Add(c.Alpha);
                    hash.Add(c.Beta);
                    hash.Add(c.Weight);
                }
                return hash.ToHashCode();
            }

            public CandidateSetKey Create(ReadOnlySpan<ArbitrationCandidate> alternate) => new(alternate.ToArray());
        }
    }
}
