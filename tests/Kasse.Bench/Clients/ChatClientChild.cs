using System.Diagnostics;
using System.Globalization;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Scenarios;
using Kasse.Conversations;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Bench.Clients;

/// <summary>
/// The clients of <c>chat --client-process 1</c> in their own process (this tool in its hidden <c>chat-client</c>
/// mode): the 2·C connections of a <see cref="ChatPlan"/>, the same load, drain and history check as in-process. Line
/// protocol on the child's stdout: <c>window &lt;start&gt; &lt;end&gt;</c> (the measured window as
/// <see cref="Stopwatch"/> timestamps, which on Linux are the machine's monotonic clock, the same in both processes)
/// once the load starts, then <c>result &lt;json&gt;</c>, the chat's result line with the clients' window figures.
/// </summary>
public static class ChatClientChild
{
    public const string Name = "chat-client";
    private static readonly TimeSpan BeyondLoad = TimeSpan.FromMinutes(10);

    /// <summary>
    /// Runs the chat load of <paramref name="planPath"/> from a child process; <paramref name="cover"/> measures the
    /// server's side of the window the child announces. Returns the child's result (JSON).
    /// </summary>
    internal static async Task<string> RunAsync(string planPath, int rate, int seconds, int warmUpSeconds, Func<long, long, Task> cover)
    {
        using var process = BenchChildProcess.Start(
            [Name, "--plan", planPath, "--rate", Invariant(rate), "--seconds", Invariant(seconds), "--warmup", Invariant(warmUpSeconds)]);
        try
        {
            // Connecting 2·C connections, the load, the drain and the history check.
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(warmUpSeconds + seconds) + BeyondLoad);
            Task? covering = null;
            while (true)
            {
                var line = await process.StandardOutput.ReadLineAsync(timeout.Token)
                    ?? throw new InvalidOperationException("the chat client ended without a result (its log is above)");
                if (line.Split(' ') is ["window", var start, var end])
                {
                    covering = cover(long.Parse(start, CultureInfo.InvariantCulture), long.Parse(end, CultureInfo.InvariantCulture));
                }
                else if (line.StartsWith("result ", StringComparison.Ordinal))
                {
                    if (covering is not null)
                        await covering;
                    await process.WaitForExitAsync(timeout.Token);
                    return line["result ".Length..];
                }
                else
                {
                    Console.Error.WriteLine($"{Name}: {line}");
                }
            }
        }
        finally
        {
            if (!process.HasExited)
                process.Kill(entireProcessTree: true);
        }
    }

    /// <summary>The child's side: connect, join, load, drain, check, report.</summary>
    public static async Task<int> RunAsync(BenchOptions options)
    {
        var plan = ChatPlan.Read(options.String("plan"));
        var rate = options.Int("rate", 0, 0, 10_000_000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var warmUpSeconds = options.Int("warmup", 30, 0, 3600);
        options.EnsureAllRead();

        var conversations = plan.Conversations.Count;
        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * conversations + 4096));
        using var clients = new HubClients();
        using var promotions = new GcPromotions();
        var run = new ChatScenario.ChatRun(
            conversations, rate, seconds, TimeSpan.FromSeconds(warmUpSeconds),
            new ChatWindow(postmaster: null, promotions, (start, end) => Say(string.Create(CultureInfo.InvariantCulture, $"window {start} {end}"))));
        var customerHub = new Uri(plan.Server, CustomerHub.Path.TrimStart('/'));
        var agentHub = new Uri(plan.Server, AgentHub.Path.TrimStart('/'));
        var pairs = plan.Conversations
            .Select((c, i) => ChatScenario.CreatePair(c.Id, i, clients.Create(customerHub, c.InsuredToken), clients.Create(agentHub, c.AgentToken), run))
            .ToArray();
        try
        {
            var connectStarted = Stopwatch.GetTimestamp();
            await ConnectAsync(pairs);
            var connectSeconds = Stopwatch.GetElapsedTime(connectStarted).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {pairs.Length} conversations connected and opened in {connectSeconds:0.0} s");
            await run.SendAsync(pairs);
            await run.DrainAsync(pairs);
            var (acked, missingInHistory, historyRows) = await ChatScenario.CheckHistoryAsync(plan.HistoryConnectionString, pairs);
            Say("result " + run.Result(null, acked, missingInHistory, historyRows, connectSeconds).ToJsonLine());
            return 0;
        }
        finally
        {
            await Parallel.ForEachAsync(
                pairs.SelectMany(p => new[] { p.Insured, p.Agent }),
                new ParallelOptions { MaxDegreeOfParallelism = ChatScenario.SetupParallelism },
                async (hub, _) => await hub.DisposeAsync());
        }
    }

    /// <summary>Both connections of every conversation; the agent opens its chat (taken in the server's process).</summary>
    private static async Task ConnectAsync(ChatScenario.ChatPair[] pairs)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(5));
        await Parallel.ForEachAsync(
            pairs,
            new ParallelOptions { MaxDegreeOfParallelism = ChatScenario.SetupParallelism, CancellationToken = timeout.Token },
            async (pair, ct) =>
            {
                await pair.Insured.StartAsync(ct);
                await pair.Agent.StartAsync(ct);
                await pair.Agent.InvokeAsync<ConversationView>("JoinConversation", pair.Id, ct);
            });
    }

    private static void Say(string line)
    {
        Console.Out.WriteLine(line);
        Console.Out.Flush();
    }

    private static string Invariant(int value) => value.ToString(CultureInfo.InvariantCulture);
}
