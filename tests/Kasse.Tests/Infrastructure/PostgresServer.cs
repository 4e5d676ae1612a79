using System.Diagnostics;
using System.Globalization;
using Kasse.Silo.Storage;
using Npgsql;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A throwaway PostgreSQL server for one test run: initdb into a temp dir, own loopback port,
/// run as the <c>postgres</c> user when the tests run as root (initdb refuses root). One server per process;
/// every test that needs isolation asks for a fresh database. The server runs in the foreground under a
/// <see cref="ParentPipeWatchdog"/>: when the test process ends, even by SIGKILL, the server stops and its data dir
/// goes. Data dirs left by earlier runs anyway (<c>kasse-pg-&lt;pid&gt;-…</c> of a process that is gone) are swept, and
/// their servers stopped, when the next server starts.
/// </summary>
public sealed class PostgresServer : IAsyncDisposable
{
    public const string DataDirPrefix = "kasse-pg-";

    private static readonly SemaphoreSlim StartLock = new(1, 1);
    private static PostgresServer? _shared;
    private static int _swept;
    private readonly string _binDir;
    private readonly bool _asPostgresUser;
    private Process? _watchdog;
    private int _databaseCounter;

    private PostgresServer(string dataDir, string binDir, int port, bool asPostgresUser)
    {
        DataDir = dataDir;
        _binDir = binDir;
        Port = port;
        _asPostgresUser = asPostgresUser;
    }

    public int Port { get; }

    /// <summary>The directory of this server: the cluster in <c>data</c>, the socket, the log.</summary>
    public string DataDir { get; }

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

    /// <summary>The role that owns the schema and runs <c>migrate</c>, as a DBA sets it up (docs/operations.md).</summary>
    public const string OwnerRole = "kasse_owner";

    /// <summary>The role the silos run as: no ownership, INSERT and SELECT only on append-only tables.</summary>
    public const string ApplicationRole = "kasse_app";

    /// <summary>
    /// Creates a database owned by <see cref="OwnerRole"/>, migrates it as the owner granting <see cref="ApplicationRole"/>
    /// its privileges, and returns the application role's connection string: the whole suite runs as production does.
    /// <paramref name="createOptions"/> go to <c>CREATE DATABASE</c> (e.g. another locale).
    /// </summary>
    public async Task<string> CreateDatabaseAsync(string prefix = "kasse", string? createOptions = null)
    {
        var owner = await CreateEmptyDatabaseAsync(prefix, createOptions);
        await DatabaseMigrator.ApplyAsync(owner, Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, applicationRole: ApplicationRole);
        return WithUser(owner, ApplicationRole);
    }

    /// <summary>Creates an empty database owned by <see cref="OwnerRole"/> and returns the owner's connection string.</summary>
    public async Task<string> CreateEmptyDatabaseAsync(string prefix = "kasse", string? createOptions = null)
    {
        var name = $"{prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref _databaseCounter)}".ToLowerInvariant();
        await using (var connection = new NpgsqlConnection(AdminConnectionString))
        {
            await connection.OpenAsync();
            await using (var roles = new NpgsqlCommand(
                $"""
                DO $$ BEGIN
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{OwnerRole}') THEN CREATE ROLE {OwnerRole} LOGIN; END IF;
                    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = '{ApplicationRole}') THEN CREATE ROLE {ApplicationRole} LOGIN; END IF;
                EXCEPTION WHEN unique_violation OR duplicate_object THEN NULL; -- created by a concurrent test
                END $$
                """, connection))
            {
                await roles.ExecuteNonQueryAsync();
            }
            await using var command = new NpgsqlCommand($"CREATE DATABASE \"{name}\" OWNER {OwnerRole} {createOptions}", connection);
            await command.ExecuteNonQueryAsync();
        }
        // Idle pooled connections go soon: each test database has its own pools, and the server's connection slots are
        // shared by every test of the run.
        return $"Host=127.0.0.1;Port={Port};Username={OwnerRole};Database={name};Include Error Detail=true;Connection Idle Lifetime=10;Connection Pruning Interval=2";
    }

    /// <summary>The same database as another role (e.g. the owner's connection for a test that changes the schema).</summary>
    public static string WithUser(string connectionString, string role) =>
        new NpgsqlConnectionStringBuilder(connectionString) { Username = role }.ConnectionString;

    public static Task<PostgresServer> StartAsync() => StartAsync(Environment.ProcessId);

    /// <summary>
    /// A server with PostgreSQL's durable defaults (<c>fsync</c>, <c>synchronous_commit</c> and <c>full_page_writes</c>
    /// on): a commit is on disk when it returns. For benchmarks that claim durability (issue 15); the tests' servers
    /// keep them off for speed.
    /// </summary>
    public static Task<PostgresServer> StartDurableAsync() => StartAsync(Environment.ProcessId, durable: true);

    /// <summary>Starts a server whose data dir names <paramref name="ownerProcessId"/> as its owner (tests of the sweep).</summary>
    public static async Task<PostgresServer> StartAsync(int ownerProcessId, bool durable = false)
    {
        if (Interlocked.Exchange(ref _swept, 1) == 0)
            await SweepStaleDataDirsAsync();
        var server = await InitAsync(ownerProcessId);
        var postgres = Path.Combine(server._binDir, "postgres");
        var onOff = durable ? "on" : "off";
        string[] command =
        [
            postgres, "-D", Path.Combine(server.DataDir, "data"), "-p", server.Port.ToString(CultureInfo.InvariantCulture),
            "-k", server.DataDir, "-c", "listen_addresses=127.0.0.1", "-c", $"fsync={onOff}", "-c", $"synchronous_commit={onOff}",
            "-c", $"full_page_writes={onOff}", "-c", "max_connections=1000",
        ];
        // SIGQUIT: PostgreSQL's immediate shutdown; the data is thrown away anyway.
        var info = ParentPipeWatchdog.StartInfo(
            command, "QUIT", server.DataDir, Path.Combine(server.DataDir, "server.log"), server._asPostgresUser ? "postgres" : null);
        server._watchdog = Process.Start(info) ?? throw new InvalidOperationException("could not start the PostgreSQL watchdog");
        await server.WaitAcceptingAsync();
        return server;
    }

    /// <summary>
    /// Starts a server the old way, detached (<c>pg_ctl start</c>) and without a watchdog, as earlier runs left them
    /// behind: for the test that such a leftover is swept.
    /// </summary>
    public static async Task<PostgresServer> StartDetachedAsync(int ownerProcessId)
    {
        var server = await InitAsync(ownerProcessId);
        var options = $"-p {server.Port} -k {server.DataDir} -c listen_addresses=127.0.0.1 -c fsync=off";
        await server.RunPgAsync("pg_ctl", ["-D", Path.Combine(server.DataDir, "data"), "-l", Path.Combine(server.DataDir, "server.log"), "-o", options, "-w", "-t", "60", "start"]);
        return server;
    }

    /// <summary>Stops a server of <see cref="StartDetachedAsync"/> and removes its data dir.</summary>
    public async Task StopDetachedAsync()
    {
        await RunPgAsync("pg_ctl", ["-D", Path.Combine(DataDir, "data"), "-m", "immediate", "-w", "stop"]);
        Directory.Delete(DataDir, recursive: true);
    }

    /// <summary>The process id of the running server (from <c>postmaster.pid</c>), or null.</summary>
    public static int? PostmasterProcessId(string dataDir)
    {
        try
        {
            var first = File.ReadLines(Path.Combine(dataDir, "data", "postmaster.pid")).FirstOrDefault();
            return int.TryParse(first, NumberStyles.None, CultureInfo.InvariantCulture, out var pid) ? pid : null;
        }
        catch (IOException)
        {
            return null;
        }
        catch (UnauthorizedAccessException)
        {
            return null;
        }
    }

    public static bool IsRunning(int processId)
    {
        try
        {
            using var process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
        catch (InvalidOperationException)
        {
            return false;
        }
    }

    /// <summary>
    /// Removes the data dirs of test processes that are gone, stopping their servers first if they still run: what a
    /// killed test host or a server from before the watchdog left behind. Dirs of running test processes stay.
    /// </summary>
    public static async Task SweepStaleDataDirsAsync()
    {
        foreach (var dir in Directory.EnumerateDirectories(Path.GetTempPath(), DataDirPrefix + "*"))
        {
            var owner = Path.GetFileName(dir)[DataDirPrefix.Length..].Split('-')[0];
            if (!int.TryParse(owner, NumberStyles.None, CultureInfo.InvariantCulture, out var ownerId) || IsRunning(ownerId))
                continue;
            try
            {
                if (PostmasterProcessId(dir) is { } postmaster && IsRunning(postmaster))
                {
                    var stale = new PostgresServer(dir, FindBinDir(), 0, Environment.UserName == "root");
                    await stale.RunPgAsync("pg_ctl", ["-D", Path.Combine(dir, "data"), "-m", "immediate", "-w", "-t", "60", "stop"]);
                }
                Directory.Delete(dir, recursive: true);
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException or InvalidOperationException)
            {
                // Another run sweeping the same dir, or a server that would not stop: the next start tries again.
            }
        }
    }

    public async ValueTask StopAsync()
    {
        NpgsqlConnection.ClearAllPools();
        if (_watchdog is { } watchdog)
        {
            // End of file on the watchdog's stdin: it stops the server and removes the data dir.
            watchdog.StandardInput.Close();
            using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
            try
            {
                await watchdog.WaitForExitAsync(timeout.Token);
            }
            catch (OperationCanceledException)
            {
                watchdog.Kill(entireProcessTree: true);
            }
            watchdog.Dispose();
            _watchdog = null;
        }
        try
        {
            if (Directory.Exists(DataDir))
                Directory.Delete(DataDir, recursive: true);
        }
        catch (DirectoryNotFoundException)
        {
            // The watchdog's janitor was quicker.
        }
    }

    public ValueTask DisposeAsync() => StopAsync();

    /// <summary>Closes the pipe to the watchdog without waiting, as the kernel does when the test process dies.</summary>
    public void CloseWatchdogPipe() => _watchdog?.StandardInput.Close();

    private static async Task<PostgresServer> InitAsync(int ownerProcessId)
    {
        var binDir = FindBinDir();
        var asPostgresUser = Environment.UserName == "root";
        var dataDir = Path.Combine(Path.GetTempPath(), $"{DataDirPrefix}{ownerProcessId}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dataDir);
        if (asPostgresUser)
            await RunAsync("chown", ["-R", "postgres:postgres", dataDir]);
        var server = new PostgresServer(dataDir, binDir, FreePorts.Next(), asPostgresUser);
        await server.RunPgAsync("initdb", ["-D", Path.Combine(dataDir, "data"), "-U", "postgres", "--auth=trust", "--no-sync", "-E", "UTF8", "--locale=C.UTF-8"]);
        return server;
    }

    /// <summary>Waits until the server accepts connections; fails with its log when the watchdog ended first.</summary>
    private async Task WaitAcceptingAsync()
    {
        var deadline = DateTime.UtcNow + TestTimeouts.Scaled(TimeSpan.FromSeconds(60));
        var connectionString = AdminConnectionString.Replace("Pooling=true", "Pooling=false", StringComparison.Ordinal) + ";Timeout=5";
        while (true)
        {
            if (_watchdog!.HasExited)
                throw new InvalidOperationException($"PostgreSQL exited ({_watchdog.ExitCode}): {ReadLog()}");
            try
            {
                await using var connection = new NpgsqlConnection(connectionString);
                await connection.OpenAsync();
                return;
            }
            catch (Exception e) when (e is NpgsqlException or System.Net.Sockets.SocketException or TimeoutException)
            {
                if (DateTime.UtcNow > deadline)
                    throw new InvalidOperationException($"PostgreSQL did not accept connections on port {Port}: {ReadLog()}", e);
            }
            await Task.Delay(100);
        }
    }

    private string ReadLog()
    {
        try
        {
            return File.ReadAllText(Path.Combine(DataDir, "server.log"));
        }
        catch (IOException)
        {
            return "(no log)";
        }
    }

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
        throw new InvalidOperationException("PostgreSQL server binaries (initdb, pg_ctl, postgres) not found; ./test.sh installs them.");
    }

}
