using System.Collections.Concurrent;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Supervision;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Kasse.Tests.Campaigns.Policy;

/// <summary>
/// An in-process cluster (TestingHost) with the real customer and contact-policy grains. With PostgreSQL the ledger goes
/// to <c>customer_events</c> and grain state through the ADO.NET provider on a throwaway database, so both survive a
/// killed silo. Every silo shares one <see cref="MovableClock"/> as the contact clock. With <c>fixedPolicy</c> the silos
/// decide under that document (as version 1) instead of the policy grain's active version. With <c>clockForAll</c> the
/// clock is every grain's <see cref="TimeProvider"/> too (campaign schedules, daily volumes).
/// </summary>
public sealed class PolicyCluster : IAsyncDisposable
{
    private const string IdKey = "PolicyTest:Id";
    private const string ConnectionStringKey = "PolicyTest:ConnectionString";
    private static readonly ConcurrentDictionary<string, (MovableClock Clock, IActiveContactPolicy? Policy, bool ClockForAll)> Setups = new();
    private readonly string _id;

    private PolicyCluster(string id, TestCluster cluster, string? connectionString, MovableClock clock)
    {
        _id = id;
        Cluster = cluster;
        ConnectionString = connectionString;
        Clock = clock;
    }

    public TestCluster Cluster { get; }

    public string? ConnectionString { get; }

    public MovableClock Clock { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static Task<PolicyCluster> StartAsync(
        short silos, bool postgres, ContactPolicyDocument? fixedPolicy = null, DateTimeOffset? now = null, bool clockForAll = false) =>
        StartWithPolicyAsync(
            silos, postgres, fixedPolicy is null ? null : new FixedContactPolicy(new ContactPolicyVersion(1, fixedPolicy, DateTimeOffset.UnixEpoch, "test")),
            now, clockForAll);

    /// <summary>As <see cref="StartAsync"/>, the silos deciding under <paramref name="policy"/> (e.g. one the test switches).</summary>
    public static async Task<PolicyCluster> StartWithPolicyAsync(
        short silos, bool postgres, IActiveContactPolicy? policy, DateTimeOffset? now = null, bool clockForAll = false)
    {
        string? connectionString = null;
        if (postgres)
        {
            var server = await PostgresServer.SharedAsync();
            connectionString = await server.CreateDatabaseAsync("policy");
        }
        var id = Guid.NewGuid().ToString("N");
        var clock = new MovableClock(now ?? DateTimeOffset.UtcNow);
        Setups[id] = (clock, policy, clockForAll);
        var builder = new TestClusterBuilder(silos);
        builder.Options.InitialSilosCount = silos;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [IdKey] = id,
            [ConnectionStringKey] = connectionString ?? "",
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new PolicyCluster(id, cluster, connectionString, clock);
    }

    /// <summary>The grain factory of one silo: calls made there start on that silo (and activate customer grains there).</summary>
    public IGrainFactory GrainsOf(int silo) => Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<IGrainFactory>();

    public T ServiceOf<T>(int silo) where T : notnull =>
        Cluster.GetSiloServiceProvider(Cluster.Silos[silo].SiloAddress).GetRequiredService<T>();

    /// <summary>A person the core system knows (profile with e-mail), who gave advertising consent.</summary>
    public static async Task<ICustomerGrain> KnownCustomerAsync(IGrainFactory grains, string key, bool advertisingConsent = true)
    {
        var customer = grains.GetGrain<ICustomerGrain>(key);
        await customer.UpsertProfile(new CustomerProfile("A123456780", "Erika", "Muster", new DateOnly(1980, 5, 1), "erika@example.org", PreferredChannel.Email));
        if (advertisingConsent)
            await customer.ChangeConsents(new ConsentChange("consent-" + key, ConsentChangeKind.AdvertisingConsentGiven, "test", "portal"));
        return customer;
    }

    /// <summary>The stored ledger rows of one customer, as (kind, ref id).</summary>
    public async Task<List<(CustomerEventKind Kind, string RefId)>> StoredEventsAsync(string customerKey)
    {
        await using var connection = new NpgsqlConnection(ConnectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("SELECT kind, ref_id FROM customer_events WHERE customer_key = $1 ORDER BY seq", connection);
        command.Parameters.AddWithValue(customerKey);
        await using var reader = await command.ExecuteReaderAsync();
        var rows = new List<(CustomerEventKind, string)>();
        while (await reader.ReadAsync())
            rows.Add(((CustomerEventKind)reader.GetInt16(0), reader.GetString(1)));
        return rows;
    }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Cluster.StopAllSilosAsync();
        }
        finally
        {
            await Cluster.DisposeAsync();
            Setups.TryRemove(_id, out _);
        }
    }

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var (clock, policy, clockForAll) = Setups[silo.Configuration[IdKey]!];
            var connectionString = silo.Configuration[ConnectionStringKey] is { Length: > 0 } cs ? cs : null;
            silo.Services.AddKasseGrainServices(connectionString);
            silo.Services.AddSingleton(CustomerPseudonyms.ForDevelopment());
            silo.Services.AddKeyedSingleton<TimeProvider>(ContactClock.Key, clock);
            if (clockForAll)
                silo.Services.AddSingleton<TimeProvider>(clock);
            if (policy is not null)
                silo.Services.AddSingleton<IActiveContactPolicy>(policy);
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
                silo.AddMemoryGrainStorage(SupervisionStream.PubSubStore);
            }
            else
            {
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                silo.AddAdoNetGrainStorage(SupervisionStream.PubSubStore, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            }
            silo.AddMemoryStreams(SupervisionStream.Provider);
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        }
    }
}
