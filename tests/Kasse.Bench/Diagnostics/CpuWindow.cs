using System.Diagnostics;
using System.Globalization;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// CPU used inside one window of a run, by this process (server and clients) and by the PostgreSQL server's processes
/// (the postmaster and its backends), and how busy the whole machine was. On a shared machine a run's latency says
/// little, but the CPU one operation costs says how many operations two cores could carry (Linux only; zeros elsewhere).
/// </summary>
public sealed class CpuWindow
{
    private const double TicksPerSecond = 100; // USER_HZ, 100 on every Linux the bench runs on
    private readonly int? _postmaster;
    private readonly long _started = Stopwatch.GetTimestamp();
    private readonly TimeSpan _ownStart = Process.GetCurrentProcess().TotalProcessorTime;
    private readonly long _postgresStart;
    private readonly (long Busy, long Total) _machineStart;
    private (double Seconds, double OwnCores, double PostgresCores, double MachineBusy)? _stopped;

    private CpuWindow(int? postmaster)
    {
        _postmaster = postmaster;
        _postgresStart = PostgresTicks(postmaster);
        _machineStart = MachineTicks();
    }

    public static CpuWindow Start(int? postmasterProcessId) => new(postmasterProcessId);

    public void Stop()
    {
        var seconds = Math.Max(0.001, Stopwatch.GetElapsedTime(_started).TotalSeconds);
        var own = (Process.GetCurrentProcess().TotalProcessorTime - _ownStart).TotalSeconds;
        var postgres = (PostgresTicks(_postmaster) - _postgresStart) / TicksPerSecond;
        var (busy, total) = MachineTicks();
        var machineBusy = total > _machineStart.Total ? 100.0 * (busy - _machineStart.Busy) / (total - _machineStart.Total) : 0;
        _stopped = (seconds, own / seconds, postgres / seconds, machineBusy);
    }

    /// <summary>CPU seconds this process and the PostgreSQL server used in the window (stops it if still open).</summary>
    public (double Own, double Postgres) CpuSeconds
    {
        get
        {
            if (_stopped is null)
                Stop();
            var (seconds, own, postgres, _) = _stopped!.Value;
            return (own * seconds, postgres * seconds);
        }
    }

    /// <summary>
    /// Adds <c>bench_cpu_cores</c>, <c>pg_cpu_cores</c> (average cores busy), <c>cpu_ms_per_op</c>, <c>pg_cpu_ms_per_op</c>
    /// (CPU milliseconds per operation at <paramref name="opsPerSecond"/>) and <c>machine_busy_percent</c> (all processes).
    /// </summary>
    public ScenarioResult AddTo(ScenarioResult result, double opsPerSecond)
    {
        if (_stopped is null)
            Stop();
        var (_, own, postgres, machine) = _stopped!.Value;
        return result.With("bench_cpu_cores", own)
            .With("pg_cpu_cores", postgres)
            .With("cpu_ms_per_op", opsPerSecond > 0 ? 1000 * own / opsPerSecond : 0)
            .With("pg_cpu_ms_per_op", opsPerSecond > 0 ? 1000 * postgres / opsPerSecond : 0)
            .With("machine_busy_percent", machine);
    }

    /// <summary>
    /// With the clients in another process: <c>server_cpu_cores</c>, <c>server_cpu_ms_per_edit</c>, <c>pg_cpu_cores</c>,
    /// <c>pg_cpu_ms_per_op</c> and <c>machine_busy_percent</c>, this process being the server.
    /// </summary>
    public ScenarioResult AddServerTo(ScenarioResult result, double serverCpuMsPerEdit, double postgresCpuMsPerEdit)
    {
        if (_stopped is null)
            Stop();
        var (_, own, postgres, machine) = _stopped!.Value;
        return result.With("server_cpu_cores", own)
            .With("server_cpu_ms_per_edit", serverCpuMsPerEdit)
            .With("pg_cpu_cores", postgres)
            .With("pg_cpu_ms_per_op", postgresCpuMsPerEdit)
            .With("machine_busy_percent", machine);
    }

    /// <summary>
    /// utime + stime of the postmaster and its direct children (the backends), in clock ticks, plus the postmaster's
    /// cutime + cstime: a backend that exits inside the window leaves its ticks there when the postmaster reaps it
    /// (without them a window lost every ended backend's CPU and could come out negative).
    /// </summary>
    private static long PostgresTicks(int? postmaster)
    {
        if (postmaster is not { } root || !OperatingSystem.IsLinux())
            return 0;
        long ticks = 0;
        foreach (var dir in Directory.EnumerateDirectories("/proc"))
        {
            if (!int.TryParse(Path.GetFileName(dir), NumberStyles.None, CultureInfo.InvariantCulture, out var pid))
                continue;
            if (ReadStat(pid) is not { } stat)
                continue;
            if (pid == root)
                ticks += stat.Ticks + stat.ReapedChildTicks;
            else if (stat.ParentId == root)
                ticks += stat.Ticks;
        }
        return ticks;
    }

    private static (int ParentId, long Ticks, long ReapedChildTicks)? ReadStat(int pid)
    {
        try
        {
            var text = File.ReadAllText($"/proc/{pid}/stat");
            // The command name is in parentheses and may contain spaces: the fields start after the last ')'.
            var fields = text[(text.LastIndexOf(')') + 2)..].Split(' ');
            // After the name: state(0) ppid(1) … utime(11) stime(12) cutime(13) cstime(14).
            return (int.Parse(fields[1], CultureInfo.InvariantCulture),
                long.Parse(fields[11], CultureInfo.InvariantCulture) + long.Parse(fields[12], CultureInfo.InvariantCulture),
                long.Parse(fields[13], CultureInfo.InvariantCulture) + long.Parse(fields[14], CultureInfo.InvariantCulture));
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            return null; // gone meanwhile
        }
    }

    /// <summary>Busy and total ticks of all CPUs from <c>/proc/stat</c> (idle and iowait count as not busy).</summary>
    private static (long Busy, long Total) MachineTicks()
    {
        try
        {
            var first = File.ReadLines("/proc/stat").First().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            var values = first.Skip(1).Select(v => long.Parse(v, CultureInfo.InvariantCulture)).ToArray();
            var total = values.Take(8).Sum();
            var idle = values[3] + values[4];
            return (total - idle, total);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or FormatException or IndexOutOfRangeException)
        {
            return (0, 0);
        }
    }
}
