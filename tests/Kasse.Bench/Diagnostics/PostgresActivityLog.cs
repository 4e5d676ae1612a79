using System.Diagnostics;
using System.Globalization;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Bench.Diagnostics;

/// <summary>
/// What the throwaway PostgreSQL did in a measured window that could stall its writers: checkpoints, autovacuum and
/// autoanalyze runs, and statements slower than <see cref="SlowStatementMilliseconds"/>, from the server's own log
/// (switched on for the run with <c>ALTER SYSTEM</c>), each with its time in seconds into the window, so they can be set
/// beside the slow slices of a <see cref="LatencyTimeline"/>. Also when a new WAL segment appeared (the directory is
/// looked at every 50 ms): a fresh server zero-fills and syncs each new 16 MB segment while commits wait.
/// </summary>
public sealed class PostgresActivityLog : IAsyncDisposable
{
    private static readonly TimeSpan WalPollInterval = TimeSpan.FromMilliseconds(50);
    private readonly string _walDir;
    private readonly CancellationTokenSource _stop = new();
    private readonly List<(DateTime At, int Segments)> _walChanges = [];
    private readonly Task _walLoop;

    private PostgresActivityLog(string dataDir)
    {
        _walDir = Path.Combine(dataDir, "data", "pg_wal");
        _walLoop = Task.Run(WatchWalAsync);
    }

    /// <summary>Turns on the server's log lines and starts watching its WAL directory.</summary>
    public static async Task<PostgresActivityLog> StartAsync(string connectionString, string dataDir)
    {
        await EnableAsync(connectionString);
        return new PostgresActivityLog(dataDir);
    }

    private async Task WatchWalAsync()
    {
        var last = -1;
        using var timer = new PeriodicTimer(WalPollInterval);
        try
        {
            do
            {
                var segments = Directory.EnumerateFiles(_walDir).Count(f => Path.GetFileName(f).Length == 24);
                if (segments != last)
                {
                    lock (_walChanges)
                        _walChanges.Add((DateTime.UtcNow, segments));
                    last = segments;
                }
            }
            while (await timer.WaitForNextTickAsync(_stop.Token));
        }
        catch (OperationCanceledException)
        {
        }
        catch (IOException)
        {
        }
    }

    /// <summary>When the WAL directory gained segments in the window, in seconds into it.</summary>
    public IReadOnlyList<double> WalSegmentOffsets(DateTime windowStartUtc, int seconds)
    {
        lock (_walChanges)
        {
            return _walChanges.Skip(1).Select(c => (c.At - windowStartUtc).TotalSeconds).Where(s => s >= 0 && s <= seconds).ToList();
        }
    }

    /// <summary>When the WAL directory gained segments in the window: "+s.ss (n)" each.</summary>
    public string WalSegmentsAdded(DateTime windowStartUtc, int seconds)
    {
        lock (_walChanges)
        {
            return string.Join(" ", _walChanges
                .Select(c => (Offset: (c.At - windowStartUtc).TotalSeconds, c.Segments))
                .Where(c => c.Offset >= -0.5 && c.Offset <= seconds)
                .Select(c => string.Create(CultureInfo.InvariantCulture, $"+{c.Offset:0.00}s({c.Segments})")));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _walLoop;
        _stop.Dispose();
    }

    public const int SlowStatementMilliseconds = 20;
    private const string TimeFormat = "yyyy-MM-dd HH:mm:ss.fff";

    /// <summary>Turns on the log lines this report reads (as the superuser of the throwaway server).</summary>
    private static async Task EnableAsync(string connectionString)
    {
        await using var connection = new NpgsqlConnection(PostgresServer.WithUser(connectionString, "postgres"));
        await connection.OpenAsync();
        foreach (var setting in new[]
        {
            "log_checkpoints = on", "log_autovacuum_min_duration = 0", "log_line_prefix = '%m [%p] '",
            $"log_min_duration_statement = {SlowStatementMilliseconds}", "log_timezone = 'UTC'",
        })
        {
            await using var alter = new NpgsqlCommand("ALTER SYSTEM SET " + setting, connection);
            await alter.ExecuteNonQueryAsync();
        }
        await using var reload = new NpgsqlCommand("SELECT pg_reload_conf()", connection);
        await reload.ExecuteScalarAsync();
    }

    /// <summary>
    /// Writes to stderr the log lines from half a second before <paramref name="windowStartUtc"/> to the end of the
    /// window, each as "+s.ss: text" (seconds into the window), slow statements shortened to their first words.
    /// </summary>
    public void Report(string scenario, string dataDir, DateTime windowStartUtc, int seconds)
    {
        Console.Error.WriteLine($"{scenario}: postgres: WAL segments in the window: {WalSegmentsAdded(windowStartUtc, seconds)}");
        var path = Path.Combine(dataDir, "server.log");
        if (!File.Exists(path))
            return;
        var (lines, stamped) = (0, 0);
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
        using var reader = new StreamReader(stream);
        while (reader.ReadLine() is { } line)
        {
            if (line.Length < TimeFormat.Length
                || !DateTime.TryParseExact(line.AsSpan(0, TimeFormat.Length), TimeFormat, CultureInfo.InvariantCulture,
                    DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal, out var at))
                continue;
            stamped++;
            var offset = (at - windowStartUtc).TotalSeconds;
            if (offset < -0.5 || offset > seconds)
                continue;
            var text = line[(TimeFormat.Length + 4)..];
            if (!(text.Contains("checkpoint", StringComparison.Ordinal) || text.Contains("automatic", StringComparison.Ordinal)
                || text.Contains("duration:", StringComparison.Ordinal)))
                continue;
            Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{scenario}: postgres +{offset:0.00}s {Shorten(text)}"));
            lines++;
        }
        Console.Error.WriteLine($"{scenario}: postgres: {lines} checkpoint, autovacuum or slow-statement lines in the window ({stamped} time-stamped lines in the log)");
    }

    private static string Shorten(string text) => text.Length <= 160 ? text : text[..160] + "…";

    /// <summary>The UTC time of a Stopwatch timestamp (for matching log times).</summary>
    public static DateTime UtcOf(long timestamp) =>
        DateTime.UtcNow + TimeSpan.FromSeconds((timestamp - Stopwatch.GetTimestamp()) / (double)Stopwatch.Frequency);
}
