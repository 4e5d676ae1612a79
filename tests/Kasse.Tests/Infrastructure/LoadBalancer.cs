using System.Globalization;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Configuration;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A load balancer on loopback in front of silo processes (YARP), for HTTP and WebSockets, so that clients use one
/// address as in production. Round robin over the silos whose <c>/health/ready</c> answers, probed twice a second: a
/// silo that shuts down or has gone falls out after one failed probe, as behind a real balancer.
/// </summary>
public sealed class LoadBalancer : IAsyncDisposable
{
    private const string ClusterId = "silos";
    private readonly WebApplication _app;
    private readonly InMemoryConfigProvider _config;
    private readonly Dictionary<string, Uri> _destinations = [];

    private LoadBalancer(WebApplication app, Uri address)
    {
        _app = app;
        _config = app.Services.GetRequiredService<InMemoryConfigProvider>();
        Address = address;
    }

    /// <summary>The one address clients use.</summary>
    public Uri Address { get; }

    public static async Task<LoadBalancer> StartAsync(IReadOnlyDictionary<string, Uri> silos)
    {
        var port = FreePorts.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}");
        builder.Logging.ClearProviders();
        // Proxied WebSockets stay open until their clients go; a balancer that is taken down cuts them at once instead
        // of waiting the host's default 30 s for them to drain.
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.Zero);
        builder.Services.AddReverseProxy().LoadFromMemory([Route], [Cluster(silos)]);
        var app = builder.Build();
        app.MapReverseProxy();
        await app.StartAsync();
        var balancer = new LoadBalancer(app, new Uri($"http://127.0.0.1:{port.ToString(CultureInfo.InvariantCulture)}"));
        foreach (var (name, address) in silos)
            balancer._destinations[name] = address;
        return balancer;
    }

    /// <summary>Replaces the destination <paramref name="name"/> (a restarted silo listens on a new port).</summary>
    public void SetDestination(string name, Uri address)
    {
        lock (_destinations)
        {
            _destinations[name] = address;
            _config.Update([Route], [Cluster(_destinations)]);
        }
    }

    private static RouteConfig Route { get; } = new()
    {
        RouteId = "all",
        ClusterId = ClusterId,
        Match = new RouteMatch { Path = "{**rest}" },
    };

    private static ClusterConfig Cluster(IReadOnlyDictionary<string, Uri> silos) => new()
    {
        ClusterId = ClusterId,
        LoadBalancingPolicy = "RoundRobin",
        Destinations = silos.ToDictionary(s => s.Key, s => new DestinationConfig { Address = s.Value.ToString() }),
        HealthCheck = new HealthCheckConfig
        {
            Active = new ActiveHealthCheckConfig
            {
                Enabled = true,
                Interval = TimeSpan.FromMilliseconds(500),
                Timeout = TimeSpan.FromSeconds(2),
                Policy = "ConsecutiveFailures",
                Path = "/health/ready",
            },
        },
        Metadata = new Dictionary<string, string> { ["ConsecutiveFailuresHealthPolicy.Threshold"] = "1" },
    };

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}
