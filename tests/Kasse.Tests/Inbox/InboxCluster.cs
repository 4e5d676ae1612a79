using Kasse.Customers;
using Kasse.Grains;
using Kasse.Grains.Inbox;
using Kasse.Silo.Storage;
using Kasse.Supervision;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.Configuration;
using Orleans.TestingHost;

namespace Kasse.Tests.Inbox;

/// <summary>
/// An in-process Orleans cluster (Microsoft.Orleans.TestingHost) running the real inbox grains. With PostgreSQL, grain
/// state goes through the ADO.NET provider on a migrated throwaway database and the history into
/// <c>work_item_events</c>, so both survive a killed silo; without, everything is in memory (one silo only).
/// </summary>
public sealed class InboxCluster : IAsyncDisposable
{
    private const string ConnectionStringKey = "InboxTest:ConnectionString";
    private const string OfferTimeoutKey = "InboxTest:OfferTimeoutMs";

    private InboxCluster(TestCluster cluster, string? connectionString)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
    }

    /// <summary>How long a transfer to a named colleague stays reserved for them in the tests' clusters.</summary>
    public static readonly TimeSpan TransferWait = TimeSpan.FromSeconds(4);

    public TestCluster Cluster { get; }

    public string? ConnectionString { get; }

    public IGrainFactory Grains => Cluster.Client;

    public static async Task<InboxCluster> StartAsync(short silos, bool postgres, TimeSpan offerTimeout)
    {
        string? connectionString = null;
        if (postgres)
        {
            var server = await PostgresServer.SharedAsync();
            connectionString = await server.CreateDatabaseAsync("inbox");
            await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        }
        var builder = new TestClusterBuilder(silos);
        builder.Options.InitialSilosCount = silos;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [ConnectionStringKey] = connectionString ?? "",
            [OfferTimeoutKey] = ((int)offerTimeout.TotalMilliseconds).ToString(System.Globalization.CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        builder.AddClientBuilderConfigurator<ClientConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new InboxCluster(cluster, connectionString);
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
        }
    }

    /// <summary>The history as the silos wrote it, read with a service of the first silo.</summary>
    public IWorkItemHistory History => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IWorkItemHistory>();

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var connectionString = silo.Configuration[ConnectionStringKey] is { Length: > 0 } cs ? cs : null;
            var offerTimeout = TimeSpan.FromMilliseconds(int.Parse(silo.Configuration[OfferTimeoutKey]!, System.Globalization.CultureInfo.InvariantCulture));
            silo.Services.AddSingleton(new RoutingOptions
            {
                OfferTimeout = offerTimeout,
                AnnounceInterval = TimeSpan.FromSeconds(2),
                RequeueInterval = TimeSpan.FromSeconds(2),
                WatchdogInterval = TimeSpan.FromSeconds(1),
                TransferWait = TransferWait,
            });
            silo.Services.AddKasseGrainServices(connectionString);
            silo.Services.AddSingleton(CustomerPseudonyms.ForDevelopment());
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.AddMemoryGrainStorage(SupervisionStream.PubSubStore);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                silo.AddAdoNetGrainStorage(SupervisionStream.PubSubStore, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            }
            silo.AddMemoryStreams(SupervisionStream.Provider);
            // A killed silo is declared dead within a few seconds, so calls to it fail over quickly.
            silo.Configure<ClusterMembershipOptions>(o =>
            {
                o.ProbeTimeout = TimeSpan.FromSeconds(1);
                o.NumMissedProbesLimit = 2;
                o.NumVotesForDeathDeclaration = 1;
            });
            silo.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
        }
    }

    private sealed class ClientConfigurator : IClientBuilderConfigurator
    {
        public void Configure(IConfiguration configuration, IClientBuilder clientBuilder) =>
            clientBuilder.Configure<ClientMessagingOptions>(o => o.ResponseTimeout = TimeSpan.FromSeconds(15));
    }
}
