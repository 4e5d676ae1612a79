using System.Collections.Concurrent;
using System.Net;
using Kasse.Grains.Campaigns;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;
using Npgsql;
using Orleans.Configuration;

namespace Kasse.Tests.Storage;

/// <summary>
/// One real in-process silo on loopback with all three Orleans ADO.NET providers on a migrated throwaway database:
/// clustering, grain storage (<see cref="StorageName"/>, <see cref="DeleteOnClearStorageName"/>) and reminders.
/// Records every log entry that carries a PostgreSQL/Npgsql exception, so tests can prove no provider query failed
/// silently (membership heartbeats and reminder range reads swallow and retry their errors).
/// </summary>
public sealed class StorageTestSilo : IAsyncDisposable
{
    public const string Invariant = "Npgsql";
    public const string StorageName = "Default";
    public const string DeleteOnClearStorageName = "DeleteOnClear";

    private readonly IHost _host;

    private StorageTestSilo(IHost host, string connectionString, string clusterId, string serviceId, int siloPort, DatabaseErrorLog errors)
    {
        _host = host;
        ConnectionString = connectionString;
        ClusterId = clusterId;
        ServiceId = serviceId;
        SiloPort = siloPort;
        DatabaseErrors = errors;
    }

    public string ConnectionString { get; }
    public string ClusterId { get; }
    public string ServiceId { get; }
    public int SiloPort { get; }
    public IServiceProvider Services => _host.Services;
    public IGrainFactory GrainFactory => _host.Services.GetRequiredService<IGrainFactory>();
    public DatabaseErrorLog DatabaseErrors { get; }

    /// <summary>Creates and migrates a fresh database.</summary>
    public static async Task<string> CreateMigratedDatabaseAsync()
    {
        var pg = await PostgresServer.SharedAsync();
        var connectionString = await pg.CreateDatabaseAsync("storage");
        await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        return connectionString;
    }

    public static async Task<StorageTestSilo> StartAsync(string connectionString, string clusterId, string serviceId)
    {
        var siloPort = FreePorts.Next();
        var gatewayPort = FreePorts.Next();
        var errors = new DatabaseErrorLog();
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Logging.AddProvider(errors);
        builder.Logging.SetMinimumLevel(LogLevel.Warning);
        // The customer grain's services (master data, contact ledger, policy, journey), in memory: this silo tests storage.
        builder.Services.AddSingleton(TimeProvider.System);
        builder.Services.AddKasseCampaigns(postgres: false);
        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
            silo.ConfigureEndpoints(IPAddress.Loopback, siloPort, gatewayPort);
            // Heartbeats (UpdateIAmAlivetimeKey) every second instead of every 30 s, so tests see them.
            silo.Configure<ClusterMembershipOptions>(o => o.IAmAliveTablePublishTimeout = TimeSpan.FromSeconds(1));
            silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(StorageName, o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
            silo.AddAdoNetGrainStorage(DeleteOnClearStorageName, o =>
            {
                (o.Invariant, o.ConnectionString) = (Invariant, connectionString);
                o.DeleteStateOnClear = true;
            });
            silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (Invariant, connectionString));
        });
        var host = builder.Build();
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
        await host.StartAsync(timeout.Token);
        return new StorageTestSilo(host, connectionString, clusterId, serviceId, siloPort, errors);
    }

    public async Task StopAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(60)));
        await _host.StopAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await StopAsync();
        }
        finally
        {
            _host.Dispose();
        }
    }

    /// <summary>Runs one scalar query against the test database.</summary>
    public static async Task<T?> ScalarAsync<T>(string connectionString, string sql, params (string Name, object Value)[] parameters)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(sql, connection);
        foreach (var (name, value) in parameters)
            command.Parameters.AddWithValue(name, value);
        var result = await command.ExecuteScalarAsync();
        return result is null or DBNull ? default : (T)result;
    }

    /// <summary>Log entries whose exception is, or wraps, an Npgsql/PostgreSQL exception.</summary>
    public sealed class DatabaseErrorLog : ILoggerProvider
    {
        private readonly ConcurrentQueue<string> _entries = new();

        public IReadOnlyCollection<string> Entries => _entries.ToArray();

        public ILogger CreateLogger(string categoryName) => new Recorder(categoryName, _entries);

        public void Dispose()
        {
        }

        private sealed class Recorder(string category, ConcurrentQueue<string> entries) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => logLevel >= LogLevel.Warning;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter)
            {
                for (var e = exception; e is not null; e = e.InnerException)
                {
                    if (e is NpgsqlException)
                    {
                        entries.Enqueue($"{logLevel} {category}: {formatter(state, exception)} -> {e.Message}");
                        return;
                    }
                }
            }
        }
    }
}
