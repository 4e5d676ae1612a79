using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Bench.Plain;

/// <summary>Starting and stopping the bench's servers on loopback (the plain references, each a bare <see cref="WebApplication"/>, and the address of the product's).</summary>
internal static class LoopbackApp
{
    /// <summary>An empty builder: Kestrel alone on a free loopback port, routing, warnings to stderr.</summary>
    public static WebApplicationBuilder CreateBuilder()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRouting();
        return builder;
    }

    /// <summary>Starts <paramref name="app"/> and returns the address Kestrel bound, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public static async Task<Uri> StartAsync(WebApplication app, string what)
    {
        await app.StartAsync();
        return BoundAddress(app, what);
    }

    /// <summary>The address a started <paramref name="app"/>'s Kestrel bound; throws unless it is a loopback address.</summary>
    public static Uri BoundAddress(WebApplication app, string what)
    {
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        if (!IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new InvalidOperationException($"{what} bound {address}, expected a loopback address");
        return uri;
    }

    public static async Task StopAsync(WebApplication app)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await app.StopAsync(timeout.Token);
        await app.DisposeAsync();
    }
}
