using Kasse.Grains.Campaigns.Nba;

namespace Kasse.Tests.Campaigns.Nba;

public sealed class ThompsonSamplingTests
{
    [Fact]
    public void Converges_to_the_better_offer_in_a_simulated_population()
    {
        // Two offers of equal weight; in the simulated population 4 % accept A and 10 % accept B. The learner starts
        // knowing nothing (Beta(1, 1) each) and updates after every shown offer, as the engine's learner grains do.
        var population = new Random(20261207);
        var sampling = new Random(7);
        double[] acceptRate = [0.04, 0.10];
        long[] trials = [0, 0], successes = [0, 0];
        const int Rounds = 5_000;
        var betterInLastThousand = 0;
        for (var round = 0; round < Rounds; round++)
        {
            var candidates = new ArbitrationCandidate[]
            {
                new("a", 1 + successes[0], 1 + trials[0] - successes[0], 1.0),
                new("b", 1 + successes[1], 1 + trials[1] - successes[1], 1.0),
            };
            var shown = ThompsonArbitration.Rank(candidates, sampling).Order[0];
            trials[shown]++;
            if (population.NextDouble() < acceptRate[shown])
                successes[shown]++;
            if (round >= Rounds - 1_000 && shown == 1)
                betterInLastThousand++;
        }
        Assert.True(betterInLastThousand >= 850, $"the better offer was shown {betterInLastThousand} of the last 1000 times");
        Assert.True(trials[0] >= 30, $"the worse offer was explored {trials[0]} times only");
    }

    [Fact]
    public void Arbitration_ranks_by_weight_when_propensities_are_known_and_equal()
    {
        // Propensity ≈ 0.5 for all (Beta(5000, 5000)): value × context weight × lever decides.
        var candidates = new ArbitrationCandidate[]
        {
            new("low", 5_000, 5_000, 10),
            new("high", 5_000, 5_000, 120),
            new("middle", 5_000, 5_000, 60),
        };
        var order = ThompsonArbitration.Rank(candidates, new Random(1)).Order;
        Assert.Equal(["high", "middle", "low"], order.Select(i => candidates[i].OfferId));
    }

    [Fact]
    public void Arbitration_multiplies_propensity_with_weight()
    {
        // 30 % × 100 = 30 beats 80 % × 30 = 24, which beats 10 % × 200 = 20.
        var candidates = new ArbitrationCandidate[]
        {
            new("likely-cheap", 8_000, 2_000, 30),
            new("rare-valuable", 1_000, 9_000, 200),
            new("balanced", 3_000, 7_000, 100),
        };
        var order = ThompsonArbitration.Rank(candidates, new Random(3)).Order;
        Assert.Equal(["balanced", "likely-cheap", "rare-valuable"], order.Select(i => candidates[i].OfferId));
    }

    [Theory]
    [InlineData(2, 1, 1, 1, 1, 1, 2.0 / 3)] // P(X > Y), X ~ Beta(2, 1), Y uniform: ∫ 2x · x dx
    [InlineData(5, 1, 1, 1, 1, 1, 5.0 / 6)] // Beta(a, 1) against a uniform: a / (a + 1)
    [InlineData(1, 1, 2, 1, 1, 1, 3.0 / 4)] // 2·U₁ > U₂: 1 − P(U₂ > 2U₁) = 1 − 1/4
    [InlineData(1, 1, 1, 1, 1, 3, 1.0 / 6)] // U₁ > 3·U₂: 1/6
    [InlineData(1, 2, 1, 2, 1, 1, 1.0 / 6)] // X ~ Beta(1, 2), Y ~ Beta(2, 1): ∫ 2(1 − x) · x² dx
    [InlineData(1, 2, 1, 1, 2, 1, 1.0 / 2)] // both Beta(1, 2): a tie is one half
    public void Selection_probability_matches_closed_forms(double alphaX, double betaX, double weightX, double alphaY, double betaY, double weightY, double exact)
    {
        var probabilities = BetaIntegration.FirstPlaceProbabilities([new("x", alphaX, betaX, weightX), new("y", alphaY, betaY, weightY)]);
        Assert.Equal(exact, probabilities[0], 0.0005);
        Assert.Equal(1 - exact, probabilities[1], 0.0005);
    }

    public static TheoryData<string> CandidateSets => ["competitive", "peaked", "new-among-known"];

    [Theory]
    [MemberData(nameof(CandidateSets))]
    public void Selection_probabilities_match_a_large_monte_carlo_run(string name)
    {
        ArbitrationCandidate[] candidates = name switch
        {
            // Scores close together (≈ 3.7, 4.0, 3.3, 24 × a uniform, 2.5): every candidate wins a visible share.
            "competitive" => [new("a", 31, 970, 120), new("b", 51, 950, 80), new("c", 3, 40, 48), new("d", 1, 1, 8), new("e", 201, 1_800, 25)],
            // Millions of trials: sharp posteriors whose score ranges overlap.
            "peaked" => [new("a", 50_001, 950_001, 100), new("b", 62_501, 937_501, 80), new("c", 2_001, 38_001, 100)],
            // A new offer (Beta(1, 1)) against well-known ones of lower value: it explores.
            _ => [new("new", 1, 1, 10), new("known-1", 401, 3_601, 40), new("known-2", 81, 921, 60)],
        };
        const int Draws = 400_000; // standard error ≤ 0.0008 per probability
        var estimate = SelectionProbabilities.Estimate(candidates, new Random(13), Draws);
        var exact = BetaIntegration.FirstPlaceProbabilities(candidates);
        Assert.Equal(1.0, exact.Sum(), 9);
        for (var i = 0; i < candidates.Length; i++)
            Assert.True(Math.Abs(exact[i] - estimate[i]) < 0.004, $"{candidates[i].OfferId}: integrated {exact[i]:F5}, Monte Carlo {estimate[i]:F5}");
    }

    [Fact]
    public void Equal_candidates_share_the_first_place_equally()
    {
        var probabilities = BetaIntegration.FirstPlaceProbabilities([new("a", 7, 93, 3), new("b", 7, 93, 3), new("c", 7, 93, 3)]);
        Assert.All(probabilities, p => Assert.Equal(1.0 / 3, p, 0.0005));
    }

    [Fact]
    public void Selection_probabilities_are_in_range_sum_to_one_and_are_the_same_for_the_same_posteriors()
    {
        var probabilities = new SelectionProbabilities();
        ArbitrationCandidate[] candidates = [new("a", 1, 1, 1), new("b", 500, 20, 5), new("c", 3, 9, 2)];
        var first = probabilities.Of(candidates);
        var again = new SelectionProbabilities().Of(candidates);
        Assert.All(first, p => Assert.InRange(p, double.Epsilon, 1.0));
        Assert.Equal(1.0, first.Sum(), 9);
        Assert.Equal(first, again);
        Assert.True(first[1] > 0.9, $"the dominant offer had {first[1]}");
        Assert.Equal([1.0], probabilities.Of([new("alone", 1, 1, 1)]));
    }

    [Fact]
    public void Beta_samples_have_the_right_mean()
    {
        var random = new Random(5);
        var mean = Enumerable.Range(0, 20_000).Average(_ => BetaSampler.Sample(random, 3, 7));
        Assert.InRange(mean, 0.29, 0.31);
        var small = Enumerable.Range(0, 20_000).Average(_ => BetaSampler.Sample(random, 0.5, 0.5));
        Assert.InRange(small, 0.48, 0.52);
    }
}
