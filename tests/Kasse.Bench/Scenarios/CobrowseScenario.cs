using System.Diagnostics;
using System.Text.Json.Serialization;
using Kasse.Bench.Clients;
using Kasse.Bench.Diagnostics;
using Kasse.Bench.Scenarios.Cobrowse;
using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Kasse.Web.Security;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>cobrowse</c>: S form sessions against a silo on a throwaway PostgreSQL (durable settings by default). Each
/// session has an insured connection (<c>/hubs/customer</c>) and an agent connection (<c>/hubs/agent</c>) and is set up
/// the way the product does it: the insured starts a chat, the agent takes it through the inbox and proposes the form
/// in it (<c>ProposeForm</c>), the insured accepts (<c>GrantFormAccess</c>), both open it. Then both type: each
/// participant sends <c>EditForm</c> at <c>--rate</c> edits/s on a fixed schedule (open loop) into its own text field,
/// and <c>--conflict-percent</c> of the edits into a field both write. Latency is from the scheduled time of an edit to
/// the first <c>formState</c> or <c>formChange</c> at the peer that shows its value. The <c>signalr-echo</c> load runs first against the same
/// server with as many connections (<c>echo_per_s</c>). By default (<c>--client-process 1</c>) the load's clients run
/// in a child process (<see cref="CobrowseClientChild"/>), as the echo reference's do, so that the server's CPU per edit
/// (<c>server_cpu_ms_per_edit</c>) is measured alone and the clients take none of its cores; <c>--client-process 0</c>
/// keeps them in this process.
/// </summary>
public static class CobrowseScenario
{
    public const string Name = "cobrowse";

    private const string Topic = "Unfall melden";
    private const int SetupParallelism = 32;
    private const int EchoPayloadLength = 64;
    private static readonly TimeSpan SetupTimeout = TimeSpan.FromMinutes(10); // 5 was too short on a machine at load 60
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(4);

    /// <summary>The per-connection send budget is lifted as in <c>chat</c>: the bench measures the form path, not the limiter.</summary>
    private static readonly string[] UnlimitedSends =
    [
        "Realtime:SendRateLimit:TokensPerSecond=1000000",
        "Realtime:SendRateLimit:Burst=1000000",
    ];

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var sessionCount = options.Int("sessions", 500, 1, 10_000);
        var rate = options.Int("rate", 5, 1, 1000);
        var seconds = options.Int("seconds", 20, 1, 3600);
        var warmUpSeconds = options.Int("warmup", 10, 0, 3600);
        var echoSeconds = options.Int("echo-seconds", 5, 0, 3600);
        var conflictPercent = options.Int("conflict-percent", 5, 0, 100);
        var durable = options.Int("durable", 1, 0, 1) == 1;
        var clientProcess = options.Int("client-process", 1, 0, 1) == 1;
        var formName = options.Has("form") ? options.String("form") : FormNames.Accident;
        options.EnsureAllRead();
        var connections = 2 * sessionCount;

        FileDescriptorLimit.EnsureAtLeast((ulong)(2 * connections + 4096));
        await using var postgres = await PostgresDurability.StartAsync(Name, durable);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        var database = await PostgresDurability.SettingsAsync(connectionString);
        await using var server = await InProcessServer.StartAsync([$"ConnectionStrings:Kasse={connectionString}", .. UnlimitedSends]);
        var tokens = server.Services.GetRequiredService<DevelopmentTokens>();
        var postmaster = PostgresServer.PostmasterProcessId(postgres.DataDir);
        using var clients = new HubClients();

        LoopResult? echo = null;
        if (echoSeconds > 0)
        {
            var echoToken = tokens.Issue(new DemoUser("bench-echo", "Bench Echo", [KasseRoles.Versicherter], [], null), TokenLifetime);
            echo = clientProcess
                ? (await EchoClientChild.MeasureAsync(
                    new Uri(server.BaseAddress, EchoHub.Path.TrimStart('/')), echoToken, connections, echoSeconds, EchoPayloadLength, "echo",
                    EchoClientChild.OwnUsage)).Loop
                : await SignalREchoScenario.RunLoadAsync(server.BaseAddress, clients, echoToken, connections, echoSeconds, EchoPayloadLength);
            Console.Error.WriteLine($"{Name}: echo reference {echo.OpsPerSecond:0} ops/s with {connections} connections");
        }

        var watched = new WatchedPaths();
        var probe = new FormStateProbeConverter(watched);
        var plans = Plans(sessionCount, tokens);
        var sessions = CreateSessions(plans, server.BaseAddress, clients, probe);
        var run = new CobrowseRun(sessions, watched, rate, conflictPercent, seconds, TimeSpan.FromSeconds(warmUpSeconds), postmaster);
        Listen(sessions, run);
        double setupSeconds;
        try
        {
            var setupStarted = Stopwatch.GetTimestamp();
            await SetUpAsync(sessions, formName, watched, server.Services.GetRequiredService<IGrainFactory>());
            setupSeconds = Stopwatch.GetElapsedTime(setupStarted).TotalSeconds;
            Console.Error.WriteLine($"{Name}: {sessionCount} form sessions started, accepted and opened in {setupSeconds:0.0} s; fields {string.Join(", ", watched.Paths)}");
            if (!clientProcess)
            {
                await run.LoadAsync();
                await run.DrainAsync();
                return run.Result(echo, setupSeconds, watched.Paths, formName, database).With("client_process", 0);
            }
        }
        finally
        {
            await DisconnectAsync(sessions);
        }

        // The child reconnects every participant and runs the same load; the server measures itself over its window.
        var planFile = Path.Combine(Path.GetTempPath(), $"kasse-cobrowse-{Environment.ProcessId}.plan");
        try
        {
            await CobrowsePlan.WriteAsync(planFile, plans);
            var result = await CobrowseClientChild.MeasureAsync(
                server.BaseAddress, planFile, watched.Paths, formName, rate, seconds, warmUpSeconds, conflictPercent, postmaster, echo, database);
            return result.With("setup_s", setupSeconds);
        }
        finally
        {
            File.Delete(planFile);
        }
    }

    /// <summary>Hands every pushed state and change of both sides to the run.</summary>
    public static void Listen(CobrowseSession[] sessions, CobrowseRun run)
    {
        foreach (var session in sessions)
        {
            foreach (var side in session.Sides)
            {
                side.Connection.On<FormStateProbe>("formState", state => run.OnState(session, side.Index, state));
                // An edit's push: the changed fields only, read by the same probe (sessionId, seq, fields).
                side.Connection.On<FormStateProbe>("formChange", change => run.OnState(session, side.Index, change));
            }
        }
    }

    /// <summary>Closes every participant's connection (the sessions, the consent and the drafts stay).</summary>
    public static async Task DisconnectAsync(CobrowseSession[] sessions) =>
        await Parallel.ForEachAsync(
            sessions.SelectMany(s => s.Sides),
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism },
            async (side, _) => await side.Connection.DisposeAsync());

    /// <summary>
    /// The client child's start: connects both participants of every session set up before, opens the form again (as a
    /// client resumes after a reconnect) and takes the fields' versions from the state, 32 sessions at a time.
    /// </summary>
    public static async Task ReopenAsync(CobrowseSession[] sessions, CobrowseRun run)
    {
        Listen(sessions, run);
        using var timeout = new CancellationTokenSource(SetupTimeout);
        await Parallel.ForEachAsync(
            sessions,
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = timeout.Token },
            async (session, ct) =>
            {
                foreach (var side in session.Sides)
                {
                    await side.Connection.StartAsync(ct);
                    await side.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", session.SessionId, ct);
                    var state = await side.Connection.InvokeAsync<FormStateProbe>("GetFormState", session.SessionId, ct);
                    for (var field = 0; field < state.Fields.Length; field++)
                        side.Observe(field, state.Fields[field].Version);
                }
            });
    }

    private static CobrowsePlan[] Plans(int count, DevelopmentTokens tokens) =>
        Enumerable.Range(0, count).Select(i =>
        {
            // One insured person (a valid KVNR: the forms take the token subject as one) and one agent per session.
            var insuredId = BenchKvnr.For(i);
            var agentId = $"bench-agent-{i:D5}";
            return new CobrowsePlan(
                i,
                Guid.NewGuid(),
                Guid.NewGuid(),
                insuredId,
                tokens.Issue(new DemoUser(insuredId, $"Versicherte {i}", [KasseRoles.Versicherter], [], null), TokenLifetime),
                agentId,
                tokens.Issue(new DemoUser(agentId, $"Berater {i}", [KasseRoles.Agent], ["chat"], "bench"), TokenLifetime));
        }).ToArray();

    /// <summary>The sessions' participants with their (not yet started) hub connections.</summary>
    public static CobrowseSession[] CreateSessions(CobrowsePlan[] plans, Uri baseAddress, HubClients clients, FormStateProbeConverter probe)
    {
        var customerHub = new Uri(baseAddress, CustomerHub.Path.TrimStart('/'));
        var agentHub = new Uri(baseAddress, AgentHub.Path.TrimStart('/'));
        // The same converter instances for every connection: their options share System.Text.Json's caches.
        JsonConverter[] converters = [probe, new EditAnswerProbeConverter(probe), new FormEditWriter()];
        return plans.Select(p => new CobrowseSession(
                p.Index,
                p.ConversationId,
                p.SessionId,
                new CobrowseSide(CobrowseSide.Insured, p.InsuredId, clients.Create(customerHub, p.InsuredToken, converters)),
                new CobrowseSide(CobrowseSide.Agent, p.AgentId, clients.Create(agentHub, p.AgentToken, converters))))
            .ToArray();
    }

    /// <summary>Chat, hand-over, proposal, consent, open — the product's path, 32 sessions at a time.</summary>
    private static async Task SetUpAsync(CobrowseSession[] sessions, string formName, WatchedPaths watched, IGrainFactory grains)
    {
        using var timeout = new CancellationTokenSource(SetupTimeout);
        using var handOver = new ChatHandOver(grains);
        using var firstOpened = new SemaphoreSlim(1);
        (IReadOnlyList<string> Questions, IReadOnlyList<string> Fields)? plan = null;
        var done = 0;
        await Parallel.ForEachAsync(
            sessions,
            new ParallelOptions { MaxDegreeOfParallelism = SetupParallelism, CancellationToken = timeout.Token },
            async (session, ct) =>
            {
                var insured = session.Insured.Connection;
                var agent = session.Agent.Connection;
                await insured.StartAsync(ct);
                await agent.StartAsync(ct);
                await handOver.StartAndTakeAsync(insured, session.Agent.UserId, session.ConversationId, Topic, ct);
                await agent.InvokeAsync<ConversationView>("JoinConversation", session.ConversationId, ct);
                await agent.InvokeAsync<FormSessionSnapshot>("ProposeForm", session.ConversationId, session.SessionId, formName, ct);
                await insured.InvokeAsync<FormViewState>("GrantFormAccess", session.SessionId, ct);
                var opened = await insured.InvokeAsync<FormSessionSnapshot>("OpenForm", session.SessionId, ct);
                await agent.InvokeAsync<FormSessionSnapshot>("OpenForm", session.SessionId, ct);
                // The fields are the same in every session: the first session to get here finds them (and which
                // questions to answer "yes" so that there are three), the others answer the same.
                await firstOpened.WaitAsync(ct);
                try
                {
                    plan ??= await PlanAsync(session, opened, ct);
                }
                finally
                {
                    firstOpened.Release();
                }
                foreach (var question in plan.Value.Questions)
                    await AnswerYesAsync(session, question, ct);
                watched.Set(plan.Value.Fields[0], plan.Value.Fields[1], plan.Value.Fields[2]);
                var state = await insured.InvokeAsync<FormStateProbe>("GetFormState", session.SessionId, ct);
                for (var field = 0; field < state.Fields.Length; field++)
                {
                    session.Insured.Observe(field, state.Fields[field].Version);
                    session.Agent.Observe(field, state.Fields[field].Version);
                }
                var n = Interlocked.Increment(ref done);
                if (n % 100 == 0)
                    Console.Error.WriteLine($"{Name}: set up {n} / {sessions.Length} form sessions");
            });
    }

    /// <summary>
    /// The insured answers yes/no questions "yes" (in definition order) until the form shows three text fields, or
    /// two when no question reveals more (then the insured's field is also the shared one). Returns the questions
    /// answered and the fields: the insured's, the agent's, the shared one.
    /// </summary>
    private static async Task<(IReadOnlyList<string> Questions, IReadOnlyList<string> Fields)> PlanAsync(
        CobrowseSession session, FormSessionSnapshot opened, CancellationToken ct)
    {
        var state = opened.State;
        var questions = new List<string>();
        var texts = FieldPicker.TextFields(opened.Definition, state);
        foreach (var question in FieldPicker.YesNoQuestions(opened.Definition, state))
        {
            if (texts.Count >= 3)
                break;
            await AnswerYesAsync(session, question, ct);
            questions.Add(question);
            state = await session.Insured.Connection.InvokeAsync<FormViewState>("GetFormState", session.SessionId, ct);
            texts = FieldPicker.TextFields(opened.Definition, state);
        }
        return texts.Count switch
        {
            >= 3 => (questions, [texts[0], texts[1], texts[2]]),
            2 => (questions, [texts[0], texts[1], texts[0]]),
            _ => throw new InvalidOperationException($"the form shows {texts.Count} editable text field(s); the load needs two"),
        };
    }

    private static async Task AnswerYesAsync(CobrowseSession session, string question, CancellationToken ct)
    {
        var result = await session.Insured.Connection.InvokeAsync<FormEditResult>(
            "EditForm", session.SessionId, new FormEdit("setup-" + question, question, "true", 0), ct);
        if (result.Status == FormEditStatus.Conflict)
            throw new InvalidOperationException($"answering {question} in session {session.SessionId} conflicted");
    }
}
