namespace Kasse.Grains.Inbox;

/// <summary>
/// Estimates how long the n-th in line waits, from what one queue observed: the times its items were assigned in the
/// last <see cref="Window"/>. The mean interval between those assignments is the time one place in line takes; when
/// the last assignment is longer ago than that (agents stopped taking items), the time since then is used instead, so
/// a stalled queue does not promise a short wait. With fewer than two assignments in the window it says nothing
/// (null: "unknown") rather than invent a number.
/// </summary>
public sealed class WaitEstimator
{
    public static readonly TimeSpan Window = TimeSpan.FromMinutes(15);
    private const int MaxSamples = 200;

    private readonly Queue<DateTimeOffset> _assignedAt = new();
    private DateTimeOffset _last;

    /// <summary>An item of this queue was assigned at <paramref name="at"/>.</summary>
    public void Assigned(DateTimeOffset at)
    {
        _assignedAt.Enqueue(at);
        _last = at;
        if (_assignedAt.Count > MaxSamples)
            _assignedAt.Dequeue();
    }

    /// <summary>The time one place in line takes, or null when the queue has seen too little to say.</summary>
    public TimeSpan? PerPlace(DateTimeOffset now)
    {
        while (_assignedAt.Count > 0 && now - _assignedAt.Peek() > Window)
            _assignedAt.Dequeue();
        if (_assignedAt.Count < 2)
            return null;
        var first = _assignedAt.Peek();
        var mean = (_last - first) / (_assignedAt.Count - 1);
        var sinceLast = now - _last;
        return sinceLast > mean ? sinceLast : mean;
    }

    /// <summary>The estimated wait at <paramref name="position"/>, in seconds rounded up to whole minutes; null when unknown.</summary>
    public int? SecondsAt(int position, DateTimeOffset now) => SecondsAt(position, PerPlace(now));

    /// <summary>The same with the time per place known (a round works it out once for all its notices).</summary>
    public static int? SecondsAt(int position, TimeSpan? perPlaceOrUnknown)
    {
        if (perPlaceOrUnknown is not { } perPlace)
            return null;
        var seconds = perPlace.TotalSeconds * Math.Max(1, position);
        var minutes = (int)Math.Min(Math.Ceiling(seconds / 60), 24 * 60);
        return Math.Max(1, minutes) * 60;
    }
}
