using Kasse.Bench.Plain;
using Kasse.Silo;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Logging;

namespace Kasse.Bench;

/// <summary>
/// The real Kasse server (silo + gateway) in this process: embedded mode (no database) unless a setting says otherwise,
/// Development (so the development token issuer exists), loopback only, free ports, no demo data, logs to stderr at
/// Warning.
/// </summary>
public sealed class InProcessServer : IAsyncDisposable
{
    private InProcessServer(WebApplication app, Uri baseAddress)
    {
        App = app;
        BaseAddress = baseAddress;
    }

    public WebApplication App { get; }

    /// <summary>The HTTP address Kestrel actually bound, e.g. <c>http://127.0.0.1:41234/</c>.</summary>
    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    /// <param name="settings">Extra configuration as <c>Key=Value</c> (e.g. <c>ConnectionStrings:Kasse=Host=…</c>); they
    /// override the defaults.</param>
    /// <param name="configure">Extra services of this run (e.g. diagnostics), added after the server's own.</param>
    public static async Task<InProcessServer> StartAsync(IReadOnlyList<string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        List<string> args =
        [
            "--urls", "http://127.0.0.1:0",
            "--environment", "Development",
            $"--Orleans:SiloPort={FreePorts.Next()}",
            $"--Orleans:GatewayPort={FreePorts.Next()}",
            "--ConnectionStrings:Kasse=",
            "--Demo:Enabled=false",
            "--Telemetry:Exporter=none",
            "--Logging:LogLevel:Default=Warning",
            "--Logging:LogLevel:Microsoft.AspNetCore=Warning",
            "--Logging:LogLevel:Orleans=Warning",
            // A run's own EinmalPIN server secret: no file in the user's profile from a benchmark.
            $"--EinmalPin:ServerSecret={Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32))}",
        ];
        // The command-line provider keeps the last value of a key, so these win over the defaults above.
        args.AddRange((settings ?? []).Select(s => "--" + s));
        var app = KasseServer.Create([.. args], builder =>
        {
            // stdout carries the JSON results only; all logs go to stderr.
            builder.Logging.ClearProviders();
            builder.Logging.AddConsole(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
            configure?.Invoke(builder);
        });
        await app.StartWithMigrationsAsync();
        var uri = LoopbackApp.BoundAddress(app, "server");
        Console.Error.WriteLine($"server: listening on {uri}");
        return new InProcessServer(app, uri);
    }

    public async ValueTask DisposeAsync()
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await App.StopAsync(timeout.Token);
        await App.DisposeAsync();
    }
}

