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
        var scores = new double[candidates.Count];
        for (var i = 0; i < scores.Length; i++)
            scores[i] = BetaSampler.Sample(random, candidates[i].Alpha, candidates[i].Beta) * candidates[i].Weight;
        var order = new int[scores.Length];
        for (var i = 0; i < order.Length; i++)
            order[i] = i;
        // Descending by score; ties by index keep the order deterministic.
        Array.Sort(order, (a, b) =>
        {
            var byScore = scores[b].CompareTo(scores[a]);
            return byScore != 0 ? byScore : a.CompareTo(b);
        });
        return (order, scores);
    }
}
