using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using Npgsql;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for one test run: initdb into a temp dir, own loopback port,
/// run as the <c>postgres</c> user when the tests run as root (initdb refuses root). One server per process;
/// every test that needs isolation asks for a fresh database.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;
    private readonly string _dataDir;
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private int _databaseCounter;

    private PostgresServer(string dataDir, string binDir, int port, bool asPostgresUser)
    {
        _dataDir = dataDir;
        _binDir = binDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    public string AdminConnectionString =>
        $"Host=127.0.0.1;Port={Port};Username=postgres;Database=postgres;Pooling=true;Include Error Detail=true";

    /// <summary>The server shared by all tests of this process, started on first use and stopped at exit.</summary>
    public static async Task<PostgresServer> SharedAsync()
    {
        await StartLock.WaitAsync();
        try
        {
            if (_shared is null)
            {
                _shared = await StartAsync();
                var server = _shared;
                AppDomain.CurrentDomain.ProcessExit += (_, _) => server.StopAsync().AsTask().GetAwaiter().GetResult();
            }
            return _shared;
        }
        finally
        {
            StartLock.Release();
        }
    }

    /// <summary>Creates an empty database and returns a connection string to it.</summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "kasse")
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await command.ExecuteNonQueryAsync();
        }
        return $"Host=127.0.0.1;Port={Port};Username=postgres;Database={name};Include Error Detail=true";
    }

    public static async Task<PostgresServer> StartAsync()
    {
        var binDir = FindBinDir();
        var asPostgresUser = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"kasse-pg-{Environment.ProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser)
            await RunAsync("chown", ["-R", "postgres:postgres", dataDir]);
        var server = new PostgresServer(dataDir, binDir, FreeTcpPort(), asPostgresUser);
        var pgData = Path.Combine(dataDir, "data");
        await server.RunPgAsync("initdb", ["-D", pgData, "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        var options = $"-p {server.Port} -k {dataDir} -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=300";
        await server.RunPgAsync("pg_ctl", ["-D", pgData, "-l", Path.Combine(dataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return server;
    }

    public async ValueTask StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        try
        {
            await RunPgAsync("pg_ctl", ["-D", Path.Combine(_dataDir, "data"), "-m", "immediate", "-w", "stop"]);
        }
        finally
        {
            Directory.Delete(_dataDir, recursive: true);
        }
    }

    public ValueTask DisposeAsync() => StopAsync();

    private Task RunPgAsync(string tool, IReadOnlyList<string> arguments)
    {
        var executable = Path.Combine(_binDir, tool);
        return _asPostgresUser
            ? RunAsync("runuser", ["-u", "postgres", "--", executable, .. arguments])
            : RunAsync(executable, arguments);
    }

    private static async Task RunAsync(string fileName, IReadOnlyList<string> arguments)
    {
        var info = new ProcessStartInfo(fileName)
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
        };
        foreach (var argument in arguments)
            info.ArgumentList.Add(argument);
        using var process = Process.Start(info) ?? throw new InvalidOperationException($"could not start {fileName}");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0)
            throw new InvalidOperationException($"{fileName} {string.Join(' ', arguments)} failed ({process.ExitCode}): {await output}{await error}");
    }

    private static string FindBinDir()
    {
        var candidates = Directory.Exists("/usr/lib/postgresql")
            ? Directory.GetDirectories("/usr/lib/postgresql").OrderByDescending(d => d, StringComparer.Ordinal).Select(d => Path.Combine(d, "bin"))
            : [];
        foreach (var dir in candidates.Append("/usr/local/bin").Append("/usr/bin"))
        {
            if (File.Exists(Path.Combine(dir, "initdb")) && File.Exists(Path.Combine(dir, "pg_ctl")))
                return dir;
        }
        throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl) not found; ./test.sh installs them.");
    }

    public static int FreeTcpPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
