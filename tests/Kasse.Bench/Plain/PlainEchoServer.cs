using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.DependencyInjection;

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
        var builder = LoopbackApp.CreateBuilder();
        builder.Services.AddSignalR();
        var app = builder.Build();
        app.UseWebSockets();
        app.UseRouting();
        app.MapHub<PlainEchoHub>(HubPath);
        var uri = await LoopbackApp.StartAsync(app, "plain echo server");
        return new PlainEchoServer(app, uri);
    }

    public async ValueTask DisposeAsync() => await LoopbackApp.StopAsync(_app);
}

/// <summary>The bare hub: <c>Echo</c> returns its argument, as the product's <c>EchoHub</c> does.</summary>
public sealed class PlainEchoHub : Hub
{
    public string Echo(string message) => message;
}
