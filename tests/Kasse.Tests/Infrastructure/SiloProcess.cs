using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A silo as a separate operating-system process (<c>dotnet Kasse.Silo.dll</c>), configured only through environment
/// variables as an operator would, so that it can be killed with SIGKILL like a crashed machine. It runs under a
/// <see cref="ParentPipeWatchdog"/>, so it is killed as well when the test process dies.
/// </summary>
public sealed class SiloProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();

    private SiloProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
        Http = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = baseAddress, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
    }

    public Uri BaseAddress { get; }

    public int SiloPort { get; private init; }

    public bool IsRunning => !_process.HasExited;

    /// <summary>The exit code of the ended silo: 0 after a graceful stop.</summary>
    public int ExitCode => _process.ExitCode;

    public HttpClient Http { get; }

    /// <summary>The EinmalPIN server secret of every test host and silo process of this test run (one per cluster, as in production).</summary>
    public static string ClusterPinServerSecret { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>A shared development signing key so that every silo of a test cluster accepts the same tokens.</summary>
    public static string ClusterSigningKey { get; } = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    public static SiloProcess Start(
        string connectionString, string clusterId, string name, IReadOnlyDictionary<string, string>? settings = null)
    {
        var httpPort = FreePorts.Next();
        var siloPort = FreePorts.Next();
        // Under the watchdog, so that a silo never outlives a killed test host: SIGKILL when the test process is gone.
        var info = ParentPipeWatchdog.StartInfo(["dotnet", RepositoryPaths.SiloAssembly], "KILL");
        info.RedirectStandardOutput = true;
        info.RedirectStandardError = true;
        info.WorkingDirectory = Path.GetDirectoryName(RepositoryPaths.SiloAssembly)!;
        var environment = new Dictionary<string, string>
        {
            ["ASPNETCORE_ENVIRONMENT"] = "Development",
            ["ASPNETCORE_URLS"] = $"http://127.0.0.1:{httpPort}",
            ["ConnectionStrings__Kasse"] = connectionString,
            ["Orleans__ClusterId"] = clusterId,
            ["Orleans__SiloPort"] = siloPort.ToString(CultureInfo.InvariantCulture),
            ["Orleans__GatewayPort"] = FreePorts.Next().ToString(CultureInfo.InvariantCulture),
            // Failure detection as shipped (silo/appsettings.json, docs/operations.md "Failover"): the tests that kill a
            // silo rely on the production settings, not on faster ones of their own.
            ["Auth__DevelopmentSigningKey"] = ClusterSigningKey,
            ["EinmalPin__ServerSecret"] = ClusterPinServerSecret,
            ["Demo__Enabled"] = "false",
            ["Logging__Json"] = "false",
            ["Logging__LogLevel__Default"] = "Warning",
            ["SILO_NAME"] = name,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        foreach (var (key, value) in environment)
            info.Environment[key] = value;
        var process = Process.Start(info) ?? throw new InvalidOperationException("could not start silo process");
        var silo = new SiloProcess(process, new Uri($"http://127.0.0.1:{httpPort}")) { SiloPort = siloPort };
        process.OutputDataReceived += (_, e) => silo.Record(e.Data);
        process.ErrorDataReceived += (_, e) => silo.Record(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return silo;
    }

    /// <summary>Waits until <c>/health/ready</c> answers 200 (silo active, PostgreSQL reachable).</summary>
    public async Task WaitReadyAsync(TimeSpan timeout)
    {
        await Eventually.ReturnsAsync(
            async () =>
            {
                if (_process.HasExited)
                    throw new InvalidOperationException($"silo exited with {_process.ExitCode}:\n{Output}");
                using var response = await Http.GetAsync("/health/ready");
                return response.StatusCode;
            },
            status => status == System.Net.HttpStatusCode.OK,
            timeout,
            $"silo at {BaseAddress} ready\n{Output}");
    }

    /// <summary>A development token for a demo user, signed with the cluster key (valid on every silo).</summary>
    public async Task<string> SignInAsync(string userId)
    {
        using var response = await Http.PostAsJsonAsync("/dev/token", new { userId });
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TokenBody>())!.AccessToken;
    }

    public async Task<HttpClient> SignedInClientAsync(string userId)
    {
        var token = await SignInAsync(userId);
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
        client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>SIGTERM to the silo (the watchdog's child), as an orchestrator stops it; returns at once.</summary>
    public void Terminate()
    {
        using var signal = Process.Start(new ProcessStartInfo("pkill", ["-TERM", "-P", _process.Id.ToString(CultureInfo.InvariantCulture)]))!;
        signal.WaitForExit();
    }

    /// <summary>Waits until the silo process has ended; false when it still runs after <paramref name="timeout"/>.</summary>
    public async Task<bool> WaitForExitAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout);
        try
        {
            await _process.WaitForExitAsync(cancel.Token);
            return true;
        }
        catch (OperationCanceledException)
        {
            return false;
        }
    }

    /// <summary>SIGKILL: no shutdown, no goodbye to the cluster, as when a machine dies.</summary>
    public void Kill()
    {
        if (!_process.HasExited)
            _process.Kill(entireProcessTree: true);
        _process.WaitForExit();
    }

    public string Output => string.Join('\n', _output.TakeLast(200));

    private void Record(string? line)
    {
        if (line is null)
            return;
        _output.Enqueue(line);
        while (_output.Count > 1000 && _output.TryDequeue(out _))
        {
        }
    }

    public ValueTask DisposeAsync()
    {
        Kill();
        Http.Dispose();
        _process.Dispose();
        return ValueTask.CompletedTask;
    }

    private sealed record TokenBody(string AccessToken);
}
