using System.Buffers;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// P(candidate i has the highest score) when candidate j's score is w_j·X_j with X_j ~ Beta(α_j, β_j) independent:
/// P_i = ∫ g_i(s) · ∏_{j≠i} G_j(s) ds, with g_j the density and G_j the distribution function of w_j·X_j.
/// <para>
/// Computed on one grid of scores made of <see cref="PointsPerCandidate"/> points spread evenly over each candidate's
/// mass (mean ± <see cref="SpreadInSd"/> standard deviations, clipped to [0, w_j]), so a sharp posterior (many trials)
/// is resolved as finely as a flat one. On that grid each density is evaluated in logarithms relative to its mode (no
/// overflow for α, β in the millions), each distribution function is its cumulative trapezoid sum normalised to end at
/// 1 (so the Beta function's constant is never needed), and the integral is a trapezoid sum; the results are
/// normalised to sum to 1 and floored at <see cref="MinProbability"/> (a draw so rare still gets a finite inverse
/// weight). Posteriors are 1 + counts, so α, β ≥ 1 and every density is bounded; for other parameters the answer is a
/// Monte Carlo estimate of <see cref="FallbackDraws"/> rounds.
/// </para>
/// </summary>
public static class BetaIntegration
{
    public const int PointsPerCandidate = 400;
    public const double SpreadInSd = 14;
    public const double MinProbability = 1e-9;
    public const int FallbackDraws = 200_000;

    public static double[] FirstPlaceProbabilities(ReadOnlySpan<ArbitrationCandidate> candidates)
    {
        var n = candidates.Length;
        if (n == 0)
            return [];
        foreach (var c in candidates)
        {
            if (!(c.Alpha >= 1 && c.Beta >= 1 && double.IsFinite(c.Alpha) && double.IsFinite(c.Beta) && c.Weight > 0 && double.IsFinite(c.Weight)))
                return Fallback(candidates);
        }
        if (n == 1)
            return [1.0];

        var points = n * (PointsPerCandidate + 2) + 1;
        var grid = ArrayPool<double>.Shared.Rent(points);
        var densities = ArrayPool<double>.Shared.Rent(n * points);
        var cumulative = ArrayPool<double>.Shared.Rent(n * points);
        try
        {
            FillGrid(candidates, grid.AsSpan(0, points));
            for (var j = 0; j < n; j++)
                Tabulate(candidates[j], grid.AsSpan(0, points), densities.AsSpan(j * points, points), cumulative.AsSpan(j * points, points));
            return Integrate(n, points, grid, densities, cumulative);
        }
        finally
        {
            ArrayPool<double>.Shared.Return(grid);
            ArrayPool<double>.Shared.Return(densities);
            ArrayPool<double>.Shared.Return(cumulative);
        }
    }

    private static void FillGrid(ReadOnlySpan<ArbitrationCandidate> candidates, Span<double> grid)
    {
        var k = 0;
        grid[k++] = 0;
        foreach (var c in candidates)
        {
            var sum = c.Alpha + c.Beta;
            var mean = c.Alpha / sum;
            var sd = Math.Sqrt(c.Alpha * c.Beta / (sum * sum * (sum + 1)));
            var low = Math.Max(0, mean - SpreadInSd * sd);
            var high = Math.Min(1, mean + SpreadInSd * sd);
            for (var p = 0; p < PointsPerCandidate; p++)
                grid[k++] = c.Weight * (low + (high - low) * (p + 0.5) / PointsPerCandidate);
            // The end of the support, where the density may drop to 0: exactly there and just after.
            grid[k++] = c.Weight;
            grid[k++] = c.Weight * (1 + 1e-12);
        }
        grid.Sort();
    }

    /// <summary>Density (relative to its mode) and normalised distribution function of w·X on the grid.</summary>
    private static void Tabulate(ArbitrationCandidate c, ReadOnlySpan<double> grid, Span<double> density, Span<double> cumulative)
    {
        var a1 = c.Alpha - 1;
        var b1 = c.Beta - 1;
        var mode = a1 + b1 > 0 ? a1 / (a1 + b1) : 0.5;
        var atMode = LogKernel(mode, a1, b1);
        for (var p = 0; p < grid.Length; p++)
        {
            var x = grid[p] / c.Weight;
            density[p] = x > 1 ? 0 : Math.Exp(LogKernel(x, a1, b1) - atMode);
        }
        // The support ends at w (a grid point), where the density may jump to 0: nothing is counted beyond it.
        cumulative[0] = 0;
        for (var p = 1; p < grid.Length; p++)
        {
            var left = grid[p - 1];
            var right = grid[p];
            var area = right <= c.Weight ? 0.5 * (density[p - 1] + density[p]) * (right - left) : 0;
            cumulative[p] = cumulative[p - 1] + area;
        }
        var total = cumulative[^1];
        for (var p = 0; p < grid.Length; p++)
        {
            cumulative[p] /= total;
            density[p] /= total;
        }
    }

    /// <summary>(α−1)·ln x + (β−1)·ln(1−x), with 0·ln 0 = 0 (α or β = 1 keeps the density finite at the ends).</summary>
    private static double LogKernel(double x, double a1, double b1)
    {
        var left = a1 == 0 ? 0 : x <= 0 ? double.NegativeInfinity : a1 * Math.Log(x);
        var right = b1 == 0 ? 0 : x >= 1 ? double.NegativeInfinity : b1 * Math.Log(1 - x);
        return left + right;
    }

    private static double[] Integrate(int n, int points, double[] grid, double[] densities, double[] cumulative)
    {
        var result = new double[n];
        var total = 0.0;
        for (var i = 0; i < n; i++)
        {
            var previous = 0.0;
            var sum = 0.0;
            for (var p = 0; p < points; p++)
            {
                var value = densities[i * points + p];
                if (value != 0)
                {
                    for (var j = 0; j < n && value != 0; j++)
                    {
                        if (j != i)
                            value *= cumulative[j * points + p];
                    }
                }
                if (p > 0)
                    sum += 0.5 * (previous + value) * (grid[p] - grid[p - 1]);
                previous = value;
            }
            result[i] = sum;
            total += sum;
        }
        var floored = 0.0;
        for (var i = 0; i < n; i++)
            floored += result[i] = Math.Max(result[i] / total, MinProbability);
        for (var i = 0; i < n; i++)
            result[i] /= floored;
        return result;
    }

    private static double[] Fallback(ReadOnlySpan<ArbitrationCandidate> candidates)
    {
        var estimate = SelectionProbabilities.Estimate(candidates.ToArray(), new Random(20261207), FallbackDraws);
        var sum = 0.0;
        for (var i = 0; i < estimate.Length; i++)
            sum += estimate[i] = Math.Max(estimate[i], MinProbability);
        for (var i = 0; i < estimate.Length; i++)
            estimate[i] /= sum;
        return estimate;
    }
}
