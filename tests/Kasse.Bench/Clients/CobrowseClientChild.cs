using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Scenarios;
using Kasse.Bench.Scenarios.Cobrowse;

namespace Kasse.Bench.Clients;

/// <summary>
/// The clients of <c>cobrowse</c> in their own process (this tool in its hidden <c>cobrowse-client</c> mode), as
/// <see cref="EchoClientChild"/> for <c>signalr-echo</c>: the parent sets the sessions up and closes its connections; the
/// child reconnects both participants of every session (<c>OpenForm</c>, as a client resumes), runs the load and
/// prints its figures. Line protocol on the child's stdout: <c>window-start</c> and <c>window-end</c> around the
/// measured window (the parent measures the server's CPU, PostgreSQL's and its own runtime over the same span), then
/// <c>result &lt;json&gt;</c>.
/// </summary>
public static class CobrowseClientChild
{
    public const string Name = "cobrowse-client";
    private const string WindowStart = "window-start";
    private const string WindowEnd = "window-end";
    private const string ResultPrefix = "result ";

    /// <summary>The child's figures that are the clients' alone and are renamed <c>client_…</c> in the merged result.</summary>
    private static readonly string[] ClientOnly = ["bench_cpu_cores", "cpu_ms_per_op", "alloc_kb_per_op"];

    /// <summary>PostgreSQL's and the machine's figures, which the parent measures (the child knows no postmaster).</summary>
    private static readonly string[] ParentMeasures = ["pg_cpu_cores", "pg_cpu_ms_per_op", "machine_busy_percent"];

    /// <summary>
    /// Runs the load from a child process against the sessions in <paramref name="planFile"/> and returns the child's
    /// figures with the server's over the measured window: <c>server_cpu_ms_per_edit</c>,
    /// <c>server_alloc_kb_per_edit</c>, the server's <c>window_*</c> runtime figures, and <c>cpu_ms_per_op</c> for server
    /// and clients together (as in the in-process mode).
    /// </summary>
    internal static async Task<ScenarioResult> MeasureAsync(
        Uri baseAddress, string planFile, IReadOnlyList<string> fields, string formName, int rate, int seconds, int warmUpSeconds,
        int conflictPercent, int? postmaster, LoopResult? echo, IReadOnlyList<(string Name, object Value)> database)
    {
        using var process = Start(baseAddress, planFile, fields, formName, rate, seconds, warmUpSeconds, conflictPercent);
        try
        {
            CpuWindow? cpu = null;
            RuntimeWindow? runtime = null;
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync()
                    ?? throw new InvalidOperationException("the cobrowse client ended without a result (its log is above)");
                if (line == WindowStart)
                {
                    cpu = CpuWindow.Start(postmaster);
                    runtime = RuntimeWindow.Start();
                }
                else if (line == WindowEnd)
                {
                    cpu?.Stop();
                    runtime?.Stop();
                }
                else if (line.StartsWith(ResultPrefix, StringComparison.Ordinal))
                {
                    await process.WaitForExitAsync();
                    return Merge(line[ResultPrefix.Length..], cpu, runtime, seconds, echo, database);
                }
                else
                {
                    throw new InvalidOperationException($"the cobrowse client said '{line}'");
                }
            }
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The child's side: reconnect, load, drain, report.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var baseAddress = new Uri(options.String("base"));
        var planFile = options.String("plan");
        var fields = options.String("fields").Split(',');
        var rate = options.Int("rate", 5, 1, 1000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var warmUpSeconds = options.Int("warmup", 10, 0, 3600);
        var conflictPercent = options.Int("conflict-percent", 5, 0, 100);
        var formName = options.String("form");
        options.EnsureAllRead();

        var plans = await CobrowsePlan.ReadAsync(planFile);
        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * plans.Length + 4096));
        using var clients = new HubClients();
        var watched = new WatchedPaths();
        watched.Set(fields[0], fields[1], fields[2]);
        var sessions = CobrowseScenario.CreateSessions(plans, baseAddress, clients, new FormStateProbeConverter(watched));
        var run = new CobrowseRun(sessions, watched, rate, conflictPercent, seconds, TimeSpan.FromSeconds(warmUpSeconds), postmaster: null)
        {
            WindowChanged = async opened =>
            {
                await Console.Out.WriteLineAsync(opened ? WindowStart : WindowEnd);
                await Console.Out.FlushAsync();
            },
        };
        try
        {
            var started = Stopwatch.GetTimestamp();
            await CobrowseScenario.ReopenAsync(sessions, run);
            var reopenSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {sessions.Length} form sessions reopened in {reopenSeconds:0.0} s");
            await run.LoadAsync();
            await run.DrainAsync();
            var result = run.Result(null, reopenSeconds, watched.Paths, formName, []);
            await Console.Out.WriteLineAsync(ResultPrefix + result.ToJsonLine());
            await Console.Out.FlushAsync();
            return 0;
        }
        finally
        {
            await CobrowseScenario.DisconnectAsync(sessions);
        }
    }

    /// <summary>The child's JSON, its client-only figures renamed, with the server's figures over the window.</summary>
    private static ScenarioResult Merge(
        string json, CpuWindow? cpu, RuntimeWindow? runtime, int seconds, LoopResult? echo, IReadOnlyList<(string Name, object Value)> database)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var result = new ScenarioResult(root.GetProperty("scenario").GetString()!)
        {
            OpsPerSecond = root.GetProperty("ops_per_s").GetDouble(),
            P50Milliseconds = root.GetProperty("p50_ms").GetDouble(),
            P99Milliseconds = root.GetProperty("p99_ms").GetDouble(),
            Errors = root.GetProperty("errors").GetInt64(),
            Lost = root.GetProperty("lost").GetInt64(),
        };
        string[] common = ["scenario", "ops_per_s", "p50_ms", "p99_ms", "errors", "lost"];
        double clientCpuMsPerEdit = 0;
        foreach (var property in root.EnumerateObject())
        {
            var name = property.Name;
            if (common.Contains(name) || ParentMeasures.Contains(name))
                continue;
            object value = property.Value.ValueKind == JsonValueKind.String
                ? property.Value.GetString()!
                : property.Value.TryGetInt64(out var integer) && !property.Value.GetRawText().Contains('.', StringComparison.Ordinal)
                    ? integer
                    : property.Value.GetDouble();
            if (name == "cpu_ms_per_op")
                clientCpuMsPerEdit = property.Value.GetDouble();
            if (name == "bench_cpu_cores")
                name = "client_cpu_cores";
            else if (name == "setup_s")
                name = "reopen_s";
            else if (name == "cpu_ms_per_op")
                name = "client_cpu_ms_per_edit";
            else if (ClientOnly.Contains(name) || name.StartsWith("window_", StringComparison.Ordinal))
                name = "client_" + name;
            result.With(name, value);
        }
        result.With("client_process", 1);
        var seenPerSecond = root.GetProperty("seen_per_s").GetDouble();
        CobrowseRun.WithEcho(result, echo, seenPerSecond);
        foreach (var (name, value) in database)
            result.With(name, value);
        if (cpu is null || runtime is null)
            return result;
        var seenInWindow = seenPerSecond * seconds;
        var (serverSeconds, postgresSeconds) = cpu.CpuSeconds;
        var serverCpuMsPerEdit = seenInWindow > 0 ? 1000 * serverSeconds / seenInWindow : 0;
        cpu.AddServerTo(result, serverCpuMsPerEdit, seenInWindow > 0 ? 1000 * postgresSeconds / seenInWindow : 0);
        result.With("cpu_ms_per_op", serverCpuMsPerEdit + clientCpuMsPerEdit);
        runtime.AddTo(result, "window");
        if (seenInWindow > 0)
            result.With("server_alloc_kb_per_edit", runtime.AllocatedBytes / 1024.0 / seenInWindow);
        return result;
    }

    private static Process Start(
        Uri baseAddress, string planFile, IReadOnlyList<string> fields, string formName, int rate, int seconds, int warmUpSeconds, int conflictPercent)
    {
        return BenchChildProcess.Start(
        [
            Name, "--base", baseAddress.ToString(), "--plan", planFile, "--fields", string.Join(',', fields), "--form", formName,
            "--rate", Invariant(rate), "--seconds", Invariant(seconds), "--warmup", Invariant(warmUpSeconds),
            "--conflict-percent", Invariant(conflictPercent),
        ]);
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
