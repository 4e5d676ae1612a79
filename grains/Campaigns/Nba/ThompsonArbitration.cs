namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// Pega's arbitration with Thompson sampling: each candidate's propensity is a draw from its posterior, its score the
/// draw × its weight (context weight × business value × lever); the highest score ranks first. A new offer (Beta(1, 1))
/// draws anywhere in [0, 1] and so is tried now and then: exploration needs no extra rule.
/// </summary>
public static class ThompsonArbitration
{
    /// <summary>The candidates' indexes ordered by sampled score, best first, and the scores (by index).</summary>
    public static (int[] Order, double[] Scores) Rank(IReadOnlyList<ArbitrationCandidate> candidates, Random random)
    {
        var all = new ArbitrationCandidate[candidates.Count];
        for (var i = 0; i < all.Length; i++)
            all[i] = candidates[i];
        var scores = new double[all.Length];
        var order = new int[all.Length];
        var source = new SystemRandomSource(random);
        Rank(all, ref source, scores, order);
        return (order, scores);
    }

    /// <summary>
    /// The same into the caller's buffers (allocates nothing): <paramref name="scores"/> by index,
    /// <paramref name="order"/> the indexes best first, ties by index so the order is deterministic.
    /// </summary>
    public static void Rank<TRandom>(ReadOnlySpan<ArbitrationCandidate> candidates, ref TRandom random, Span<double> scores, Span<int> order)
        where TRandom : struct, IUniformSource
    {
        for (var i = 0; i < candidates.Length; i++)
            scores[i] = BetaSampler.Sample(ref random, candidates[i].Alpha, candidates[i].Beta) * candidates[i].Weight;
        // Insertion sort, descending by score: a decision has a handful of candidates.
        for (var i = 0; i < candidates.Length; i++)
        {
            var j = i;
            while (j > 0 && scores[order[j - 1]] < scores[i])
            {
                order[j] = order[j - 1];
                j--;
            }
            order[j] = i;
        }
    }
}
