namespace Kasse.Grains.Campaigns.Nba;

/// <summary>
/// The working arrays of one decision, pooled: a decision on the hot path allocates only what it answers and logs.
/// A scratch is used by one decision at a time (rented at its start, returned at its end).
/// </summary>
internal sealed class DecisionScratch
{
    private static readonly DecisionScratch?[] Pool = new DecisionScratch?[64];

    private DecisionScratch(int capacity)
    {
        Offers = new CompiledOffer?[capacity];
        Candidates = new ArbitrationCandidate[capacity];
        Remaining = new ArbitrationCandidate[capacity];
        Scores = new double[capacity];
        Order = new int[capacity];
        Out = new bool[capacity];
    }

    public CompiledOffer?[] Offers { get; }

    public ArbitrationCandidate[] Candidates { get; }

    public ArbitrationCandidate[] Remaining { get; }

    public double[] Scores { get; }

    public int[] Order { get; }

    public bool[] Out { get; }

    public static DecisionScratch Rent(int capacity)
    {
        for (var i = 0; i < Pool.Length; i++)
        {
            var scratch = Volatile.Read(ref Pool[i]);
            if (scratch is not null && scratch.Offers.Length >= capacity && Interlocked.CompareExchange(ref Pool[i], null, scratch) == scratch)
                return scratch;
        }
        return new DecisionScratch(Math.Max(capacity, 8));
    }

    public static void Return(DecisionScratch scratch)
    {
        // Nothing of the decision stays reachable from the pool.
        Array.Clear(scratch.Offers);
        Array.Clear(scratch.Candidates);
        Array.Clear(scratch.Remaining);
        Array.Clear(scratch.Out);
        for (var i = 0; i < Pool.Length; i++)
        {
            if (Volatile.Read(ref Pool[i]) is null && Interlocked.CompareExchange(ref Pool[i], scratch, null) is null)
                return;
        }
    }
}
