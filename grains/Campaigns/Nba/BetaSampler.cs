namespace Kasse.Grains.Campaigns.Nba;

/// <summary>Draws from Beta(α, β) as X/(X+Y) with X ~ Gamma(α), Y ~ Gamma(β) (Marsaglia and Tsang's method).</summary>
public static class BetaSampler
{
    public static double Sample(Random random, double alpha, double beta)
    {
        var source = new SystemRandomSource(random);
        return Sample(ref source, alpha, beta);
    }

    public static double Sample<TRandom>(ref TRandom random, double alpha, double beta)
        where TRandom : struct, IUniformSource
    {
        var x = Gamma(ref random, alpha);
        var y = Gamma(ref random, beta);
        return x / (x + y);
    }

    private static double Gamma<TRandom>(ref TRandom random, double shape)
        where TRandom : struct, IUniformSource
    {
        if (shape < 1)
        {
            // Gamma(a) = Gamma(a + 1) · U^(1/a) for a < 1.
            var u = random.NextDouble();
            return Gamma(ref random, shape + 1) * Math.Pow(u, 1 / shape);
        }
        var d = shape - 1.0 / 3;
        var c = 1 / Math.Sqrt(9 * d);
        while (true)
        {
            double x, v;
            do
            {
                x = Normal(ref random);
                v = 1 + c * x;
            }
            while (v <= 0);
            v = v * v * v;
            var u = random.NextDouble();
            if (u < 1 - 0.0331 * x * x * x * x || Math.Log(u) < 0.5 * x * x + d * (1 - v + Math.Log(v)))
                return d * v;
        }
    }

    private static double Normal<TRandom>(ref TRandom random)
        where TRandom : struct, IUniformSource
    {
        // Box–Muller; 1 - NextDouble() keeps the logarithm away from 0.
        var u1 = 1 - random.NextDouble();
        var u2 = random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u1)) * Math.Cos(2 * Math.PI * u2);
    }
}
