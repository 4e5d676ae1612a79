namespace Kasse.Bench.Clients;

/// <summary>
/// A <see cref="LatencyRecorder"/> many threads record into: a few locked stripes (callers pick one, e.g. by connection
/// index), merged at the end. Keeps memory fixed (36 KB per stripe) however many connections record.
/// </summary>
public sealed class StripedLatency
{
    private readonly LatencyRecorder[] _stripes;

    public StripedLatency(int stripes = 64)
    {
        _stripes = new LatencyRecorder[stripes];
        for (var i = 0; i < stripes; i++)
            _stripes[i] = new LatencyRecorder();
    }

    public void RecordTicks(int stripe, long stopwatchTicks)
    {
        var recorder = _stripes[(uint)stripe % (uint)_stripes.Length];
        lock (recorder)
            recorder.RecordTicks(stopwatchTicks);
    }

    public LatencyRecorder Merge()
    {
        var merged = new LatencyRecorder();
        foreach (var recorder in _stripes)
        {
            lock (recorder)
                merged.Merge(recorder);
        }
        return merged;
    }
}
