using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kasse.Silo;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// The real server (silo + gateway) in this process on a random loopback port, with its own silo and gateway ports,
/// reached by real HTTP and SignalR clients over loopback.
/// </summary>
public sealed class KasseTestHost : IAsyncDisposable
{
    private readonly WebApplication _app;

    private KasseTestHost(WebApplication app, Uri baseAddress)
    {
        _app = app;
        BaseAddress = baseAddress;
        Http = CreateClient(token: null);
    }

    public Uri BaseAddress { get; }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    /// <summary>Starts a host. <paramref name="settings"/> are configuration keys (e.g. <c>ConnectionStrings:Kasse</c>).</summary>
    public static async Task<KasseTestHost> StartAsync(
        string environment = "Development", IReadOnlyDictionary<string, string>? settings = null, Action<WebApplicationBuilder>? configure = null)
    {
        var args = new List<string>
        {
            "--urls", "http://127.0.0.1:0",
            "--environment", environment,
            "--Orleans:SiloPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:GatewayPort", FreePorts.Next().ToString(System.Globalization.CultureInfo.InvariantCulture),
            "--Orleans:ClusterId", $"test-{Guid.NewGuid():N}",
            "--Logging:LogLevel:Default", "Warning",
            "--Logging:Json", "false",
            // A test host never writes the user's profile; a test that wants the key file names one in its settings.
            "--Auth:DevelopmentSigningKeyFile", "none",
            // Nor the EinmalPIN secret file: all hosts of a test run share one server secret, as the silos of a cluster do.
            "--EinmalPin:ServerSecret", SiloProcess.ClusterPinServerSecret,
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
            args.AddRange([$"--{key}", value]);
        var app = KasseServer.Create([.. args], configure);
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(90)));
        await app.StartWithMigrationsAsync(timeout.Token);
        var address = app.Urls.First();
        return new KasseTestHost(app, new Uri(address));
    }

    /// <summary>A development token for a demo user (only in Development hosts).</summary>
    public async Task<string> SignInAsync(string userId)
    {
        using var response = await Http.PostAsJsonAsync("/dev/token", new { userId });
        response.EnsureSuccessStatusCode();
        var body = await response.Content.ReadFromJsonAsync<TokenBody>();
        return body!.AccessToken;
    }

    public HttpClient CreateClient(string? token)
    {
        // No cookie jar: the sign-in sets a token cookie, and an anonymous client must stay anonymous.
        var client = new HttpClient(new SocketsHttpHandler { UseCookies = false }) { BaseAddress = BaseAddress, Timeout = TestTimeouts.Scaled(TimeSpan.FromSeconds(30)) };
        if (token is not null)
            client.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        return client;
    }

    /// <summary>A SignalR connection over plain WebSockets (no negotiation), as a load balancer without stickiness needs.</summary>
    public HubConnection CreateHubConnection(string path, string? token) => HubConnections.Create(BaseAddress, path, token);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        using var timeout = new CancellationTokenSource(TestTimeouts.Scaled(TimeSpan.FromSeconds(30)));
        await _app.StopAsync(timeout.Token);
        await _app.DisposeAsync();
    }

    private sealed record TokenBody(string AccessToken);
}
