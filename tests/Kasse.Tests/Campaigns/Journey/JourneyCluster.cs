using System.Collections.Concurrent;
using System.Globalization;
using Kasse.Campaigns;
using Kasse.Campaigns.Journey;
using Kasse.Customers;
using Kasse.Grains;
using Kasse.Grains.Campaigns.Journey;
using Kasse.Silo.Storage;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging.Abstractions;
using Orleans.TestingHost;

namespace Kasse.Tests.Campaigns.Journey;

/// <summary>
/// An in-process Orleans cluster (TestingHost) with the real journey grains, customer grain and the memory streams
/// provider <c>journey</c>, in memory or on a migrated throwaway PostgreSQL. Two seams are wrapped, not replaced: the
/// notifier really publishes on the stream but drops the events a test names (a lost notification), and the campaign
/// triggers record what the trigger consumer asks (the campaign grain is another part's).
/// </summary>
public sealed class JourneyCluster : IAsyncDisposable
{
    private const string HooksKey = "JourneyTest:Hooks";
    private const string ConnectionStringKey = "JourneyTest:ConnectionString";
    private const string CatchUpKey = "JourneyTest:CatchUpMs";
    private static readonly ConcurrentDictionary<string, JourneyTestHooks> AllHooks = new(StringComparer.Ordinal);

    private JourneyCluster(TestCluster cluster, string? connectionString, JourneyTestHooks hooks)
    {
        Cluster = cluster;
        ConnectionString = connectionString;
        Hooks = hooks;
    }

    public TestCluster Cluster { get; }

    public string? ConnectionString { get; }

    public JourneyTestHooks Hooks { get; }

    public IGrainFactory Grains => Cluster.Client;

    /// <summary>The store as the first silo uses it.</summary>
    public IJourneyEventStore Store => Cluster.GetSiloServiceProvider(Cluster.Silos[0].SiloAddress).GetRequiredService<IJourneyEventStore>();

    /// <param name="postgres">State and journey on a migrated throwaway PostgreSQL (else in memory, one silo only).</param>
    /// <param name="catchUpDelay">The journey owner's catch-up delay (long: only the consumers' gap detection recovers).</param>
    /// <param name="silos">How many silos.</param>
    /// <param name="database">An existing migrated database to use again (with <paramref name="postgres"/>), else a new one.</param>
    public static async Task<JourneyCluster> StartAsync(bool postgres, TimeSpan catchUpDelay, short silos = 1, string? database = null)
    {
        var connectionString = database;
        if (postgres && connectionString is null)
        {
            var server = await PostgresServer.SharedAsync();
            connectionString = await server.CreateDatabaseAsync("journey");
            await DatabaseMigrator.ApplyAsync(connectionString, NullLogger.Instance);
        }
        var hooksId = Guid.NewGuid().ToString("N");
        var hooks = AllHooks.GetOrAdd(hooksId, _ => new JourneyTestHooks());
        var builder = new TestClusterBuilder(silos);
        builder.Options.InitialSilosCount = silos;
        builder.ConfigureHostConfiguration(config => config.AddInMemoryCollection(new Dictionary<string, string?>
        {
            [HooksKey] = hooksId,
            [ConnectionStringKey] = connectionString ?? "",
            [CatchUpKey] = ((long)catchUpDelay.TotalMilliseconds).ToString(CultureInfo.InvariantCulture),
        }));
        builder.AddSiloBuilderConfigurator<SiloConfigurator>();
        var cluster = builder.Build();
        await cluster.DeployAsync();
        return new JourneyCluster(cluster, connectionString, hooks);
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

    private sealed class SiloConfigurator : ISiloConfigurator
    {
        public void Configure(ISiloBuilder silo)
        {
            var hooks = AllHooks[silo.Configuration[HooksKey]!];
            var connectionString = silo.Configuration[ConnectionStringKey] is { Length: > 0 } cs ? cs : null;
            var catchUp = TimeSpan.FromMilliseconds(long.Parse(silo.Configuration[CatchUpKey]!, CultureInfo.InvariantCulture));
            silo.Services.AddKasseGrainServices(connectionString);
            silo.Services.AddSingleton(CustomerPseudonyms.ForDevelopment());
            silo.Services.AddSingleton(new JourneyOptions { CatchUpDelay = catchUp });
            silo.Services.AddSingleton<IJourneyNotifier>(sp => new DroppingNotifier(new StreamJourneyNotifier(sp), hooks));
            silo.Services.AddSingleton<ICampaignTriggers>(hooks);
            if (connectionString is null)
            {
                silo.AddMemoryGrainStorage(StorageNames.Default);
            }
            else
            {
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = ("Npgsql", connectionString));
            }
            silo.AddMemoryGrainStorage("PubSubStore");
            silo.AddMemoryStreams(JourneyStream.Provider);
        }
    }

    private sealed class DroppingNotifier(IJourneyNotifier inner, JourneyTestHooks hooks) : IJourneyNotifier
    {
        public Task PublishAsync(JourneyEvent journeyEvent) =>
            hooks.Drops.ContainsKey(journeyEvent.EventId) ? Task.CompletedTask : inner.PublishAsync(journeyEvent);
    }
}

/// <summary>What a test makes the journey cluster do (drop notifications) and what it saw (campaign triggers).</summary>
public sealed class JourneyTestHooks : ICampaignTriggers
{
    /// <summary>Event ids whose stream notification is dropped (the row is still written).</summary>
    public ConcurrentDictionary<string, bool> Drops { get; } = new(StringComparer.Ordinal);

    /// <summary>The campaigns a kind triggers, as the directory would answer.</summary>
    public ConcurrentDictionary<JourneyEventKind, string[]> Triggered { get; } = new();

    /// <summary>Every Trigger call: campaign and event.</summary>
    public ConcurrentQueue<(string CampaignId, JourneyEvent Event)> Triggers { get; } = new();

    public ConcurrentQueue<JourneyEventKind> ListCalls { get; } = new();

    public Task<IReadOnlyList<string>> ListTriggeredAsync(JourneyEventKind kind)
    {
        ListCalls.Enqueue(kind);
        return Task.FromResult<IReadOnlyList<string>>(Triggered.TryGetValue(kind, out var ids) ? ids : []);
    }

    public Task<ContactDecision?> TriggerAsync(string campaignId, JourneyEvent journeyEvent)
    {
        Triggers.Enqueue((campaignId, journeyEvent));
        return Task.FromResult<ContactDecision?>(null);
    }
}
