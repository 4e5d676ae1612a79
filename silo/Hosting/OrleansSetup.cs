using Kasse.Grains;
using Kasse.Supervision;
using Kasse.Web.Security;
using Orleans.Configuration;
using Orleans.Dashboard;

namespace Kasse.Silo.Hosting;

/// <summary>
/// The Orleans silo. Without a connection string: one silo, localhost clustering, state and reminders in memory.
/// With <c>ConnectionStrings:Kasse</c>: ADO.NET clustering, grain storage and reminders on PostgreSQL, so several
/// silo processes form one cluster through the membership table.
/// </summary>
public static class OrleansSetup
{
    public static WebApplicationBuilder AddKasseOrleans(this WebApplicationBuilder builder)
    {
        var options = SiloOptions.From(builder.Configuration);
        var (siloPort, gatewayPort, clusterId, serviceId) = (options.SiloPort, options.GatewayPort, options.ClusterId, options.ServiceId);
        var postgres = builder.Configuration.PostgresConnectionString();
        var streams = StreamPollingOptions.From(builder.Configuration);

        builder.Services.AddKasseGrainServices(postgres);
        if (postgres is not null)
        {
            // Several silos: a crashed one is declared dead as soon as its port refuses (docs/operations.md, "Failover").
            builder.Services.AddOptions<RefusedSiloDetectionOptions>().BindConfiguration(RefusedSiloDetectionOptions.Section);
            builder.Services.AddHostedService<RefusedSiloDetector>();
        }
        builder.UseOrleans(silo =>
        {
            if (postgres is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
                silo.AddMemoryGrainStorage(SupervisionStream.PubSubStore);
            }
            else
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                silo.ConfigureEndpoints(options.AdvertisedAddress, siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.AddAdoNetGrainStorage(SupervisionStream.PubSubStore, o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
            }
            // Queue and presence changes for the supervisor view (not durable; see docs/routing.md, "Supervisor feed").
            silo.AddMemoryStreams(SupervisionStream.Provider, streams.ApplyTo);
            // Journey notifications (issue 13): the table journey_events is the truth, the stream only says "look".
            silo.AddMemoryStreams(Kasse.Campaigns.Journey.JourneyStream.Provider, streams.ApplyTo);
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{SiloOptions.Section}:Membership"));
            if (TelemetrySetup.TracesCollected(builder.Configuration))
                silo.AddActivityPropagation();
            if (DashboardSetting.Enabled(builder.Configuration))
            {
                silo.AddDashboard();
                DashboardProfiling.RemoveUnlessEnabled(silo.Services, builder.Configuration);
            }
        });
        return builder;
    }

    /// <summary>ADO.NET invariant name under which Orleans loads Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The Orleans dashboard, for admins only; silo addresses in its URLs are checked before it sees them.</summary>
    public static WebApplication MapKasseDashboard(this WebApplication app)
    {
        if (!DashboardSetting.Enabled(app.Configuration))
            return app;
        app.MapOrleansDashboard(BrowserSignInApi.DashboardPath)
            .RequireAuthorization(KassePolicies.Admin)
            .AddEndpointFilter<DashboardSiloAddressFilter>();
        return app;
    }
}
