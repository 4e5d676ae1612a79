using Kasse.Diagnostics;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>grain-ping</c>: N closed loops calling <see cref="IPingGrain.Ping"/> on 1,000 grains through the silo's own
/// <see cref="IGrainFactory"/>. The bare cost of a grain call, the floor under every grain-backed scenario.
/// </summary>
public static class GrainPingScenario
{
    public const string Name = "grain-ping";
    private const int Grains = 1000;
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(2);

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var callers = options.Int("callers", 64, 1, 100_000);
        var seconds = options.Int("seconds", 10, 1, 3600);
        options.EnsureAllRead();

        await using var server = await InProcessServer.StartAsync();
        var grains = server.Services.GetRequiredService<IGrainFactory>();

        var result = await ClosedLoopRunner.RunAsync(
            Name, callers, WarmUp, TimeSpan.FromSeconds(seconds),
            async (worker, iteration, _) =>
            {
                // Each caller walks all grains from its own offset; the value is unique per call.
                var i = worker + iteration * callers;
                var value = ((long)worker << 40) | iteration;
                return await grains.GetGrain<IPingGrain>(i % Grains).Ping(value) == value;
            });

        return result.ToResult(Name, r => r
            .With("callers", callers)
            .With("grains", Grains)
            .With("seconds", seconds));
    }
}
