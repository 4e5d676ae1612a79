using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Bench.Clients;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>signalr-echo</c>: N authenticated WebSocket connections to the echo hub, each invoking <c>Echo</c> in a closed
/// loop. The transport-and-auth ceiling that every grain-backed real-time scenario is compared against.
/// </summary>
public static class SignalREchoScenario
{
    public const string Name = "signalr-echo";
    private const string DemoUserId = "A123456780";
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);
    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(120);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var connections = options.Int("connections", 100, 1, 20_000);
        var seconds = options.Int("seconds", 10, 1, 3600);
        var payloadLength = options.Int("payload", 32, 0, 32 * 1024);
        options.EnsureAllRead();

        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * connections + 4096));
        await using var server = await InProcessServer.StartAsync();
        var token = await IssueTokenAsync(server.BaseAddress);
        using var clients = new HubClients();
        var result = await RunLoadAsync(server.BaseAddress, clients, token, connections, seconds, payloadLength);

        return result.ToResult(Name, r => r
            .With("connections", connections)
            .With("seconds", seconds)
            .With("payload_chars", payloadLength));
    }

    /// <summary>
    /// The echo load against a running server: <paramref name="connections"/> connections signed in with
    /// <paramref name="accessToken"/>, each a closed loop of <c>Echo(payload)</c>, 2 s warm-up, then
    /// <paramref name="seconds"/> measured. Opens and closes its own connections. Used alone and as the
    /// <c>echo_per_s</c> reference of <c>chat</c>.
    /// </summary>
    public static async Task<LoopResult> RunLoadAsync(
        Uri baseAddress, HubClients clients, string accessToken, int connections, int seconds, int payloadLength)
    {
        var hubUri = new Uri(baseAddress, EchoHub.Path.TrimStart('/'));
        var payload = new string('x', payloadLength);

        Console.Error.WriteLine($"{Name}: opening {connections} connections to {hubUri}");
        var hubs = new HubConnection[connections];
        for (var i = 0; i < connections; i++)
            hubs[i] = clients.Create(hubUri, accessToken);
        try
        {
            using (var connectTimeout = new CancellationTokenSource(ConnectTimeout))
            {
                await Parallel.ForEachAsync(
                    hubs,
                    new ParallelOptions { MaxDegreeOfParallelism = 32, CancellationToken = connectTimeout.Token },
                    async (hub, ct) => await hub.StartAsync(ct));
            }

            return await ClosedLoopRunner.RunAsync(
                Name, connections, WarmUp, TimeSpan.FromSeconds(seconds),
                async (worker, _, ct) => await hubs[worker].InvokeAsync<string>("Echo", payload, ct) == payload);
        }
        finally
        {
            await Parallel.ForEachAsync(hubs, new ParallelOptions { MaxDegreeOfParallelism = 32 }, async (hub, _) => await hub.DisposeAsync());
        }
    }

    /// <summary>Signs in as a demo user the way the UIs do: <c>POST /dev/token</c>.</summary>
    private static async Task<string> IssueTokenAsync(Uri baseAddress)
    {
        using var http = new HttpClient { BaseAddress = baseAddress, Timeout = TimeSpan.FromSeconds(30) };
        using var response = await http.PostAsJsonAsync("dev/token", new { userId = DemoUserId });
        response.EnsureSuccessStatusCode();
        using var body = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return body.RootElement.GetProperty("accessToken").GetString()
            ?? throw new InvalidOperationException("/dev/token returned no accessToken");
    }
}
