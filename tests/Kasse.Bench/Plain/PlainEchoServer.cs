using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Bench.Plain;

/// <summary>
/// The honest reference of <c>signalr-echo</c> (issue 15): a bare ASP.NET Core SignalR hub in this process, on its own
/// Kestrel on loopback — no authentication, no hub filters, no telemetry, the default JSON protocol options. What
/// the product's echo costs beyond it is the product's gateway pipeline.
/// </summary>
public sealed class PlainEchoServer : IAsyncDisposable
{
    public const string HubPath = "/plain-echo";

    private readonly WebApplication _app;

    private PlainEchoServer(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
    }

    /// <summary>The HTTP address Kestrel bound, e.g. <c>http://127.0.0.1:41235/</c>.</summary>
    public Uri BaseAddress { get; }

    public Uri HubUri => new(BaseAddress, HubPath.TrimStart('/'));

    public static async Task<PlainEchoServer> StartAsync()
    {
        var builder = WebApplication.CreateEmptyBuilder(new WebApplicationOptions());
        builder.WebHost.UseKestrelCore().UseUrls("http://127.0.0.1:0");
        builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace).SetMinimumLevel(LogLevel.Warning);
        builder.Services.AddRouting();
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.UseRouting();
        app.MapHub<PlainEchoHub>(HubPath);
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.GetRequiredFeature<IServerAddressesFeature>()
            .Addresses.First();
        var uri = new Uri(address.EndsWith('/') ? address : address + "/");
        if (!IPAddress.TryParse(uri.Host, out var ip) || !IPAddress.IsLoopback(ip))
            throw new InvalidOperationException($"plain echo server bound {address}, expected a loopback address");
        return new PlainEchoServer(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }
}

/// <summary>The bare hub: <c>Echo</c> returns its argument, as the product's <c>EchoHub</c> does.</summary>
public sealed class PlainEchoHub : Hub
{
    public string Echo(string message) => message;
}
