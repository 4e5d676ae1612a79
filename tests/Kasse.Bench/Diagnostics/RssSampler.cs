using System.Globalization;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// Samples this process's resident set size (<c>VmRSS</c> of <c>/proc/self/status</c>) every few milliseconds while it
/// runs and keeps the peak: the memory an import really held, not what the GC reported.
/// </summary>
public sealed class RssSampler : IAsyncDisposable
{
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;
    private long _peakBytes;

    private RssSampler(TimeSpan interval) => _loop = LoopAsync(interval, _stop.Token);

    public long PeakBytes => Interlocked.Read(ref _peakBytes);

    public static RssSampler Start(TimeSpan interval) => new(interval);

    /// <summary>The current resident set size in bytes (0 where /proc is not there).</summary>
    public static long CurrentBytes()
    {
        try
        {
            foreach (var line in File.ReadLines("/proc/self/status"))
            {
                if (line.StartsWith("VmRSS:", StringComparison.Ordinal))
                    return long.Parse(line.AsSpan(6).Trim().TrimEnd("kB").Trim(), CultureInfo.InvariantCulture) * 1024;
            }
        }
        catch (IOException)
        {
        }
        return 0;
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _loop;
        _stop.Dispose();
    }

    private async Task LoopAsync(TimeSpan interval, CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(interval);
        do
        {
            var rss = CurrentBytes();
            if (rss > Interlocked.Read(ref _peakBytes))
                Interlocked.Exchange(ref _peakBytes, rss);
        }
        while (await WaitAsync(timer, cancellationToken));
    }

    private static async Task<bool> WaitAsync(PeriodicTimer timer, CancellationToken cancellationToken)
    {
        try
        {
            return await timer.WaitForNextTickAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }
}
