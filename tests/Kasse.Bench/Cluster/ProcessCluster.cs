using System.Globalization;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kasse.Bench.Diagnostics;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Security;
using Microsoft.Extensions.Options;
using Npgsql;

namespace Kasse.Bench.Cluster;

/// <summary>
/// A cluster as an operator runs it, on this machine: a throwaway PostgreSQL (durable unless asked otherwise), N silo
/// processes (<c>dotnet Kasse.Silo.dll</c>, configured by environment variables, the tests' <see cref="SiloProcess"/>)
/// and the tests' YARP <see cref="LoadBalancer"/> in front of them, so that clients use one address. Tokens are signed
/// with the cluster's development key, so the bench can make up its users.
/// </summary>
public sealed class ProcessCluster : IAsyncDisposable
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(120);
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    /// <summary>What every silo of a bench cluster gets on top of the shipped settings: the per-connection send budget
    /// lifted (the bench measures the chat path, not the limiter), as for <c>chat</c>.</summary>
    private static readonly Dictionary<string, string> BenchSettings = new()
    {
        ["Realtime__SendRateLimit__TokensPerSecond"] = "1000000",
        ["Realtime__SendRateLimit__Burst"] = "1000000",
    };

    private readonly PostgresServer _postgres;
    private readonly LoadBalancer _balancer;
    private readonly string _clusterId;

    private ProcessCluster(PostgresServer postgres, string connectionString, string clusterId, SiloProcess[] silos, LoadBalancer balancer,
        IReadOnlyList<(string Name, object Value)> databaseSettings)
    {
        _clusterId = clusterId;
        _postgres = postgres;
        _balancer = balancer;
        ConnectionString = connectionString;
        Silos = silos;
        DatabaseSettings = databaseSettings;
        Tokens = new DevelopmentTokens(Options.Create(new AuthOptions { DevelopmentSigningKey = SiloProcess.ClusterSigningKey }));
        Admin = new HttpClient { BaseAddress = balancer.Address, Timeout = TimeSpan.FromSeconds(30) };
        Admin.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue(
            "Bearer", Tokens.Issue(new DemoUser("bench-admin", "Bench Admin", [KasseRoles.Admin], [], null), TokenLifetime));
    }

    /// <summary>The load balancer's address: the one address clients use.</summary>
    public Uri Address => _balancer.Address;

    /// <summary>The application role's connection string (the silos' own).</summary>
    public string ConnectionString { get; }

    public IReadOnlyList<SiloProcess> Silos { get; }

    /// <summary>What PostgreSQL reported for fsync, synchronous_commit, full_page_writes and its version.</summary>
    public IReadOnlyList<(string Name, object Value)> DatabaseSettings { get; }

    public DevelopmentTokens Tokens { get; }

    /// <summary>An HTTP client through the balancer, signed in as an admin.</summary>
    public HttpClient Admin { get; }

    /// <summary>
    /// Starts PostgreSQL, <paramref name="silos"/> silo processes of <paramref name="scenario"/> (PostgreSQL durable
    /// unless <paramref name="durable"/> is false) and the balancer; returns once all silos are active. <paramref name="settings"/>:
    /// environment variables for every silo on top of the shipped settings (e.g. to compare levers).
    /// </summary>
    public static async Task<ProcessCluster> StartAsync(string scenario, int silos, bool durable, IReadOnlyDictionary<string, string>? settings = null)
    {
        var postgres = await PostgresDurability.StartAsync(scenario, durable);
        var connectionString = await postgres.CreateDatabaseAsync(scenario.Replace('-', '_'));
        var databaseSettings = await PostgresDurability.SettingsAsync(connectionString);
        var clusterId = $"{scenario}-{Guid.NewGuid():N}";
        var names = Enumerable.Range(0, silos).Select(i => ((char)('A' + i)).ToString()).ToArray();
        Console.Error.WriteLine($"{scenario}: starting {silos} silo process(es)");
        var environment = new Dictionary<string, string>(BenchSettings);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            environment[key] = value;
        var processes = names.Select(name => SiloProcess.Start(connectionString, clusterId, name, environment)).ToArray();
        await Task.WhenAll(processes.Select(p => p.WaitReadyAsync(StartTimeout)));
        var balancer = await LoadBalancer.StartAsync(names.Select((name, i) => (name, processes[i].BaseAddress)).ToDictionary(d => d.name, d => d.BaseAddress));
        var cluster = new ProcessCluster(postgres, connectionString, clusterId, processes, balancer, databaseSettings);
        await Eventually.ReturnsAsync(
            () => cluster.Admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            rows => rows!.Count(r => r.Status == "Active") == silos,
            StartTimeout,
            $"{silos} active silos");
        Console.Error.WriteLine($"{scenario}: {silos} silo(s) active behind {balancer.Address}");
        return cluster;
    }

    /// <summary>A token for a made-up user of the cluster.</summary>
    public string Token(DemoUser user) => Tokens.Issue(user, TokenLifetime);

    /// <summary>The silo port of the silo a conversation grain is active on, or null when it is not active.</summary>
    public async Task<int?> SiloPortOfConversationAsync(Guid conversationId)
    {
        using var response = await Admin.GetAsync($"/api/admin/conversations/{conversationId.ToString("D", CultureInfo.InvariantCulture)}/silo");
        if (!response.IsSuccessStatusCode)
            return null;
        return (await response.Content.ReadFromJsonAsync<GrainLocation>())!.SiloPort;
    }

    /// <summary>Waits until the membership table marks the silo with <paramref name="siloPort"/> Dead (read straight
    /// from PostgreSQL: the admin API would wait for the dead silo's statistics).</summary>
    public async Task WaitUntilDeclaredDeadAsync(int siloPort, CancellationToken ct)
    {
        const int dead = (int)Orleans.Runtime.SiloStatus.Dead;
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync(ct);
        await using var command = new NpgsqlCommand(
            "SELECT count(*) FROM orleans_membership WHERE deployment_id = $1 AND port = $2 AND status = $3", connection)
        {
            Parameters = { new() { Value = _clusterId }, new() { Value = siloPort }, new() { Value = dead } },
        };
        while ((long)(await command.ExecuteScalarAsync(ct))! == 0)
            await Task.Delay(TimeSpan.FromMilliseconds(20), ct);
    }

    public async ValueTask DisposeAsync()
    {
        Admin.Dispose();
        await _balancer.DisposeAsync();
        foreach (var silo in Silos)
            await silo.DisposeAsync();
        await _postgres.DisposeAsync();
    }

    private sealed record SiloRow(string Name, string Address, string Status);

    private sealed record GrainLocation(string Silo, int SiloPort);
}
