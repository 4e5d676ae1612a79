using System.Diagnostics;
using System.Text.Json;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Plain;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>chat --client-process 1</c> (the default): the server (silo, gateway, PostgreSQL writer) alone in this process,
/// every client in a child — the chat's in <see cref="ChatClientChild"/>, the echo references' in
/// <see cref="EchoClientChild"/>, the bare SignalR hub in <see cref="PlainEchoServerChild"/> — as the issue's own
/// measurements had it. The clients still share the machine's cores, but no longer the server's thread pool and
/// garbage collector, so <c>ratio_to_plain_echo</c> compares servers, and the window's CPU, collections and
/// allocations (<c>bench_cpu_cores</c>, <c>window_*</c>, <c>server_cpu_ms_per_msg</c>) are the server's; the clients'
/// are <c>client_*</c>. The chats are started and taken here (the inbox's desks are driven through the silo's grain
/// factory); the child connects both sides and opens them.
/// </summary>
internal static class ChatInClientProcess
{
    /// <summary>The options of a <c>chat</c> run.</summary>
    internal sealed record Load(
        int Conversations, int Rate, int Seconds, int EchoSeconds, int EchoWarmUpSeconds, int WarmUpSeconds, bool Durable, bool GcCauses);

    private const string CommonFields = "scenario ops_per_s p50_ms p99_ms errors lost";

    // The child watches no PostgreSQL and shares the machine's figure: of its window only its own figures are kept.
    private static readonly string[] NotTheClients = ["pg_cpu_cores", "pg_cpu_ms_per_op", "machine_busy_percent"];

    public static async Task<ScenarioResult> RunAsync(Load load)
    {
        var connections = 2 * load.Conversations;
        // The server's ends of every WebSocket, plus PostgreSQL connections and the runtime's own.
        FileDescriptorLimit.EnsureAtLeast((ulong)(connections + 4096));
        await using var postgres = await PostgresDurability.StartAsync(ChatScenario.Name, load.Durable);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var database = await PostgresDurability.SettingsAsync(connectionString);
        await using var server = await InProcessServer.StartAsync([$"ConnectionStrings:Kasse={connectionString}", .. ChatScenario.UnlimitedSends]);
        var tokens = server.Services.GetRequiredService<DevelopmentTokens>();

        (SignalREchoScenario.EchoLoad, SignalREchoScenario.EchoLoad)? echo = load.EchoSeconds > 0
            ? await EchoReferencesAsync(server.BaseAddress, tokens, connections, load)
            : null;

        var setupStarted = Stopwatch.GetTimestamp();
        var plan = await StartConversationsAsync(server, tokens, connectionString, load.Conversations);
        var setupSeconds = Stopwatch.GetElapsedTime(setupStarted).TotalSeconds;
        Console.Error.WriteLine($"{ChatScenario.Name}: {load.Conversations} conversations started and taken in {setupSeconds:0.0} s");
        var planPath = Path.Combine(Path.GetTempPath(), $"kasse-chat-plan-{Guid.NewGuid():N}.txt");
        plan.Write(planPath);
        try
        {
            using var causes = load.GcCauses ? new GcCauses() : null;
            using var promotions = new GcPromotions();
            var window = new ChatWindow(PostgresServer.PostmasterProcessId(postgres.DataDir), promotions);
            var clientJson = await ChatClientChild.RunAsync(planPath, load.Rate, load.Seconds, load.WarmUpSeconds, window.CoverAsync);
            causes?.Stop();
            var result = Merge(clientJson, window, load.Seconds, setupSeconds, echo).WithDurability(database);
            return causes?.AddTo(result) ?? result;
        }
        finally
        {
            File.Delete(planPath);
        }
    }

    /// <summary>
    /// The product's echo hub on this server and a bare SignalR hub in a process of its own, each loaded by an
    /// <see cref="EchoClientChild"/> with 2·C connections and the chat's text length; each server first gets an
    /// unmeasured leg of <c>--echo-warmup</c> seconds (a fresh server spends its first seconds on tier-up JIT).
    /// </summary>
    private static async Task<(SignalREchoScenario.EchoLoad Product, SignalREchoScenario.EchoLoad Plain)> EchoReferencesAsync(
        Uri baseAddress, DevelopmentTokens tokens, int connections, Load load)
    {
        var token = tokens.Issue(new DemoUser("bench-echo", "Bench Echo", [KasseRoles.Versicherter], [], null), ChatScenario.TokenLifetime);
        await using var plainServer = await PlainEchoServerChild.StartAsync();
        var product = (Hub: new Uri(baseAddress, EchoHub.Path.TrimStart('/')), Token: token, Usage: (Func<Task<SignalREchoScenario.ProcessShare>>)EchoClientChild.OwnUsage);
        var plain = (Hub: plainServer.HubUri, Token: "no-token", Usage: (Func<Task<SignalREchoScenario.ProcessShare>>)plainServer.UsageAsync);
        if (load.EchoWarmUpSeconds > 0)
        {
            foreach (var leg in new[] { product, plain })
                _ = await EchoClientChild.MeasureAsync(leg.Hub, leg.Token, connections, load.EchoWarmUpSeconds, ChatScenario.TextLength, "server-warmup", leg.Usage);
        }
        var productLoad = await EchoClientChild.MeasureAsync(
            product.Hub, product.Token, connections, load.EchoSeconds, ChatScenario.TextLength, SignalREchoScenario.Name, product.Usage);
        Console.Error.WriteLine($"{ChatScenario.Name}: echo reference {productLoad.Loop.OpsPerSecond:0} ops/s with {connections} connections");
        var plainLoad = await EchoClientChild.MeasureAsync(
            plain.Hub, plain.Token, connections, load.EchoSeconds, ChatScenario.TextLength, "plain-echo", plain.Usage);
        Console.Error.WriteLine($"{ChatScenario.Name}: plain echo {plainLoad.Loop.OpsPerSecond:0} ops/s with {connections} connections");
        return (productLoad, plainLoad);
    }

    /// <summary>Every conversation started by its insured (a connection of this process, closed again) and taken by its agent.</summary>
    private static async Task<ChatPlan> StartConversationsAsync(InProcessServer server, DevelopmentTokens tokens, string connectionString, int conversations)
    {
        var customerHub = new Uri(server.BaseAddress, CustomerHub.Path.TrimStart('/'));
        var planned = new ChatPlan.Conversation[conversations];
        using var clients = new HubClients();
        using var handOver = new ChatHandOver(server.Services.GetRequiredService<IGrainFactory>());
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        var done = 0;
        await Parallel.ForEachAsync(
            Enumerable.Range(0, conversations),
            new ParallelOptions { MaxDegreeOfParallelism = ChatScenario.SetupParallelism, CancellationToken = timeout.Token },
            async (i, ct) =>
            {
                var conversation = new ChatPlan.Conversation(Guid.NewGuid(), ChatScenario.IssueInsured(tokens, i), ChatScenario.IssueAgent(tokens, i));
                await using var insured = clients.Create(customerHub, conversation.InsuredToken);
                await insured.StartAsync(ct);
                await handOver.StartAndTakeAsync(insured, ChatScenario.UsersOf(i).AgentId, conversation.Id, ChatScenario.Topic, ct);
                planned[i] = conversation;
                if (Interlocked.Increment(ref done) % 250 == 0)
                    Console.Error.WriteLine($"{ChatScenario.Name}: set up {done} / {conversations} conversations");
            });
        return new ChatPlan(server.BaseAddress, connectionString, planned);
    }

    /// <summary>
    /// The client's result line with the server's window: the client's window figures renamed <c>client_*</c>, the
    /// server's under the usual names, CPU per delivered message for both, and the echo references with their servers'
    /// CPU per call.
    /// </summary>
    private static ScenarioResult Merge(
        string clientJson, ChatWindow window, int seconds, double serverSetupSeconds,
        (SignalREchoScenario.EchoLoad Product, SignalREchoScenario.EchoLoad Plain)? echo)
    {
        using var client = JsonDocument.Parse(clientJson);
        var c = client.RootElement;
        var result = new ScenarioResult(ChatScenario.Name)
        {
            OpsPerSecond = c.GetProperty("ops_per_s").GetDouble(),
            P50Milliseconds = c.GetProperty("p50_ms").GetDouble(),
            P99Milliseconds = c.GetProperty("p99_ms").GetDouble(),
            Errors = c.GetProperty("errors").GetInt64(),
            Lost = c.GetProperty("lost").GetInt64(),
        };
        var ackedInWindow = (long)Math.Round(result.OpsPerSecond * seconds);
        using var server = JsonDocument.Parse(window.AddTo(new ScenarioResult("server"), ackedInWindow, seconds).ToJsonLine());
        var serverFields = server.RootElement.EnumerateObject().Where(p => !CommonFields.Contains(p.Name, StringComparison.Ordinal)).ToArray();
        var serverNames = serverFields.Select(p => p.Name).ToHashSet(StringComparer.Ordinal);

        foreach (var field in c.EnumerateObject())
        {
            if (CommonFields.Contains(field.Name, StringComparison.Ordinal) || NotTheClients.Contains(field.Name))
                continue;
            if (field.Name == "setup_s")
                result.With("setup_s", serverSetupSeconds + field.Value.GetDouble());
            else
                result.With(serverNames.Contains(field.Name) ? "client_" + field.Name : field.Name, ValueOf(field.Value));
        }
        result.With("client_process", 1);
        foreach (var field in serverFields)
            result.With(field.Name, ValueOf(field.Value));

        var delivered = c.GetProperty("delivered_per_s").GetDouble();
        var serverCores = server.RootElement.TryGetProperty("bench_cpu_cores", out var cores) ? cores.GetDouble() : 0;
        var clientCores = c.TryGetProperty("bench_cpu_cores", out var clientCpu) ? clientCpu.GetDouble() : 0;
        var serverMsPerMessage = delivered > 0 ? 1000 * serverCores / delivered : 0;
        result.With("server_cpu_ms_per_msg", serverMsPerMessage)
            .With("client_cpu_ms_per_msg", delivered > 0 ? 1000 * clientCores / delivered : 0);
        if (echo is not var (product, plain))
            return result;
        var plainServerUs = ServerMicrosecondsPerCall(plain);
        return result.With("echo_per_s", product.Loop.OpsPerSecond)
            .With("ratio_to_echo", product.Loop.OpsPerSecond > 0 ? delivered / product.Loop.OpsPerSecond : 0)
            .With("echo_p99_ms", product.Loop.Latency.PercentileMilliseconds(99))
            .With("echo_errors", product.Loop.Errors)
            .WithPlainEcho(plain.Loop, delivered)
            .With("echo_server_cpu_us_per_call", ServerMicrosecondsPerCall(product))
            .With("plain_echo_server_cpu_us_per_call", plainServerUs)
            // How many bare SignalR calls' worth of server CPU one chat message costs.
            .With("server_cpu_per_msg_to_plain_echo_call", plainServerUs > 0 ? 1000 * serverMsPerMessage / plainServerUs : 0);
    }

    private static double ServerMicrosecondsPerCall(SignalREchoScenario.EchoLoad load) =>
        load.Server is { } server ? server.CpuMicroseconds / Math.Max(1, load.Calls) : 0;

    private static object ValueOf(JsonElement value) => value.ValueKind switch
    {
        JsonValueKind.String => value.GetString()!,
        JsonValueKind.Number when value.TryGetInt64(out var whole) => whole,
        JsonValueKind.Number => value.GetDouble(),
        _ => value.GetRawText(),
    };
}
