using System.Diagnostics;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// What the product's server and the plain hub's server spend with no calls at all, over the same span: the background
/// that <c>signalr-echo</c>'s net figures per call leave out.
/// </summary>
internal sealed record IdleUsage(SignalREchoScenario.ProcessShare Product, SignalREchoScenario.ProcessShare Plain)
{
    public static async Task<IdleUsage> MeasureAsync(
        Func<Task<SignalREchoScenario.ProcessShare>> productUsage, Func<Task<SignalREchoScenario.ProcessShare>> plainUsage, TimeSpan span)
    {
        Console.Error.WriteLine($"signalr-echo: measuring both servers idle for {span.TotalSeconds:0} s");
        var product = await productUsage();
        var plain = await plainUsage();
        var clock = Stopwatch.StartNew();
        await Task.Delay(span);
        var plainAfter = await plainUsage();
        var productAfter = await productUsage();
        var seconds = clock.Elapsed.TotalSeconds;
        return new IdleUsage(Difference(product, productAfter, seconds), Difference(plain, plainAfter, seconds));
    }

    private static SignalREchoScenario.ProcessShare Difference(SignalREchoScenario.ProcessShare before, SignalREchoScenario.ProcessShare after, double seconds) =>
        new(after.CpuMicroseconds - before.CpuMicroseconds, after.AllocatedBytes - before.AllocatedBytes, seconds);
}
