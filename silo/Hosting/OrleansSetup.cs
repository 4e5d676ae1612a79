using System.Net;
using Kasse.Grains;
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
        var config = builder.Configuration.GetSection("Orleans");
        var siloPort = config.GetValue("SiloPort", EndpointOptions.DEFAULT_SILO_PORT);
        var gatewayPort = config.GetValue("GatewayPort", EndpointOptions.DEFAULT_GATEWAY_PORT);
        var clusterId = config.GetValue("ClusterId", "kasse")!;
        var serviceId = config.GetValue("ServiceId", "kasse")!;
        var postgres = builder.Configuration.PostgresConnectionString();

        builder.Services.AddKasseGrainServices(postgres);
        builder.UseOrleans(silo =>
        {
            if (postgres is null)
            {
                silo.UseLocalhostClustering(siloPort, gatewayPort, serviceId: serviceId, clusterId: clusterId);
                silo.AddMemoryGrainStorageAsDefault();
                silo.AddMemoryGrainStorage(StorageNames.Default);
                silo.UseInMemoryReminderService();
            }
            else
            {
                silo.Configure<ClusterOptions>(o => (o.ClusterId, o.ServiceId) = (clusterId, serviceId));
                silo.ConfigureEndpoints(
                    IPAddress.Parse(config.GetValue("AdvertisedIPAddress", "127.0.0.1")!), siloPort, gatewayPort, listenOnAnyHostAddress: false);
                silo.UseAdoNetClustering(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.AddAdoNetGrainStorageAsDefault(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.AddAdoNetGrainStorage(StorageNames.Default, o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
                silo.UseAdoNetReminderService(o => (o.Invariant, o.ConnectionString) = (PostgresInvariant, postgres));
            }
            silo.Configure<ClusterMembershipOptions>(config.GetSection("Membership"));
            silo.AddActivityPropagation();
            silo.AddDashboard();
        });
        return builder;
    }

    /// <summary>ADO.NET invariant name under which Orleans loads Npgsql.</summary>
    public const string PostgresInvariant = "Npgsql";

    /// <summary>The Orleans dashboard, for admins only; silo addresses in its URLs are checked before it sees them.</summary>
    public static WebApplication MapKasseDashboard(this WebApplication app)
    {
        app.MapOrleansDashboard(BrowserSignInApi.DashboardPath)
            .RequireAuthorization(KassePolicies.Admin)
            .AddEndpointFilter<DashboardSiloAddressFilter>();
        return app;
    }
}
