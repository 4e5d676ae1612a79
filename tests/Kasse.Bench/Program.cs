using Kasse.Bench;
using Kasse.Bench.Clients;
using Kasse.Bench.Plain;
using Kasse.Bench.Scenarios;

// Usage: dotnet run -c Release --project tests/Kasse.Bench -- <scenario> [--name value ...]
// One JSON line per scenario run on stdout; progress and logs on stderr.

const string Usage = """
    usage: Kasse.Bench <scenario> [options]
      signalr-echo  [--connections 100] [--seconds 10] [--payload 32] [--rounds 1] [--client-process 1] [--idle-seconds 5] [--server-warmup-seconds 5]
      grain-ping    [--callers 64] [--seconds 10]
      idle          [--warmup 60] [--seconds 20] [--server-settings Key=Value;...]
      pg-copy       [--rows 1000000] [--batch 10000] [--timeout-seconds 600]
      chat          [--conversations 100] [--rate 0] [--seconds 20] [--warmup 30] [--echo-seconds <seconds>] [--echo-warmup 5] [--client-process 1] [--durable 1] [--gc-causes 0] [--alloc-types 0] [--pg-log 0] [--wal-ahead 1]
      chat-survivors [--conversations 100] [--fill 300] [--rounds 50]
      connections   [--count 20000] [--hold-seconds 35] [--parallel 64] [--heap-limit-mb 0] [--gen0-max-budget-mb 0] [--plain 1]
      rules         [--seconds 10]
      cobrowse      [--sessions 500] [--rate 5] [--seconds 20] [--warmup 10] [--echo-seconds 5] [--conflict-percent 5] [--durable 1] [--form unfallfragebogen] [--client-process 1]
      pin-import    [--rows 1000000] [--batch 10000] [--durable 1] [--timeout-seconds 3600]
      pin-letters   [--cases 20000] [--durable 1] [--timeout-seconds 3600]
      pin-counts    [--cases 1000000] [--changes 1000] [--rounds 5]
      dwh-import    [--rows 5700000] [--batch 10000] [--durable 1] [--gc-causes 0] [--random-keys 1] [--first-load-copy 1] [--timeout-seconds 3600]
      slow-reader   [--users 100] [--rate 200] [--seconds 15] [--slow 20] [--slow-rate 100] [--slow-read-bytes 20000] [--max-pending 256]
      failover      [--conversations 45] [--pace-ms 200] [--warmup 10] [--after-seconds 12] [--durable 1] [--refused-check-ms -1]
      scale-out     [--silos 1,2,3] [--conversations 100] [--pace-ms 0] [--warmup 10] [--seconds 10] [--durable 1]
      routing       [--agents 2500] [--rate 500] [--seconds 20] [--warmup-seconds 10] [--handle-ms 200] [--drain-seconds 60] [--baseline-seconds 5]
    Prints one JSON line per run on stdout; progress on stderr.
    """;

var options = BenchOptions.Parse(args, out var parseError);
if (options is null)
{
    await Console.Error.WriteLineAsync($"{parseError}\n{Usage}");
    return 2;
}

// The server half of `connections`, started by it as a child process; speaks a line protocol, prints no JSON.
if (options.Scenario == ServerChild.Name)
{
    try
    {
        return await ServerChild.RunAsync(options);
    }
    catch (BenchUsageException e)
    {
        await Console.Error.WriteLineAsync(e.Message);
        return 2;
    }
}

// The client half of `signalr-echo`, started by it as a child process; prints a line protocol, no JSON.
// The bare SignalR + JWT reference of `connections`, started by it like the server child.
if (options.Scenario == ServerChild.PlainName)
    return await ServerChild.RunPlainAsync(options);
if (options.Scenario == EchoClientChild.Name)
    return await EchoClientChild.RunAsync(options);

// The clients of `cobrowse`, started by it as a child process; prints a line protocol and its figures.
if (options.Scenario == CobrowseClientChild.Name)
    return await CobrowseClientChild.RunAsync(options);
if (options.Scenario == PlainEchoServerChild.Name)
    return await PlainEchoServerChild.RunAsync(options);
// The clients of `chat --client-process 1`.
if (options.Scenario == ChatClientChild.Name)
    return await ChatClientChild.RunAsync(options);

Func<BenchOptions, Task<ScenarioResult>>? scenario = options.Scenario switch
{
    SignalREchoScenario.Name => SignalREchoScenario.RunAsync,
    GrainPingScenario.Name => GrainPingScenario.RunAsync,
    IdleScenario.Name => IdleScenario.RunAsync,
    PgCopyScenario.Name => PgCopyScenario.RunAsync,
    ChatScenario.Name => ChatScenario.RunAsync,
    ChatSurvivorsScenario.Name => ChatSurvivorsScenario.RunAsync,
    ConnectionsScenario.Name => ConnectionsScenario.RunAsync,
    RulesScenario.Name => RulesScenario.RunAsync,
    RoutingScenario.Name => RoutingScenario.RunAsync,
    CobrowseScenario.Name => CobrowseScenario.RunAsync,
    PinImportScenario.Name => PinImportScenario.RunAsync,
    PinLettersScenario.Name => PinLettersScenario.RunAsync,
    PinCountsScenario.Name => PinCountsScenario.RunAsync,
    SlowReaderScenario.Name => SlowReaderScenario.RunAsync,
    FailoverScenario.Name => FailoverScenario.RunAsync,
    ScaleOutScenario.Name => ScaleOutScenario.RunAsync,

    // Issue 13: each part adds its scenario below its own marker.
    // ---- h13-dwh ----
    DwhImportScenario.Name => DwhImportScenario.RunAsync,

    // ---- h13-policy ----

    // ---- h13-campaign ----
    CampaignBatchScenario.Name => CampaignBatchScenario.RunAsync,

    // ---- h13-nba ----
    NbaScenario.Name => NbaScenario.RunAsync, // nba [--seconds 20] [--callers 64] [--customers 20000]

    // ---- h13-journey ----

    _ => null,
};
if (scenario is null)
{
    await Console.Error.WriteLineAsync($"unknown scenario '{options.Scenario}'\n{Usage}");
    return 2;
}

try
{
    var environment = RunEnvironment.Capture();
    var result = await scenario(options);
    environment.AddTo(result);
    await Console.Out.WriteLineAsync(result.ToJsonLine());
    await Console.Out.FlushAsync();
    return result.Errors == 0 && result.Lost == 0 ? 0 : 1;
}
catch (BenchUsageException e)
{
    await Console.Error.WriteLineAsync($"{e.Message}\n{Usage}");
    return 2;
}
