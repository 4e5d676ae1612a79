using Kasse.Rules;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Rules;

/// <summary>
/// Keeps this silo's <see cref="ActiveRuleSets"/> current: publishes the shipped defaults on first start, then asks
/// the registry every second. Polling cannot lose an activation, and a silo that starts
/// later loads the active versions on its first round.
/// </summary>
public sealed partial class RuleSetActivationWatcher(
    IGrainFactory grains, ActiveRuleSets active, IHostApplicationLifetime lifetime, RuleSetWatcherOptions options,
    ILogger<RuleSetActivationWatcher> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        var defaultsPending = RuleSetCatalog.All.ToList();
        using var timer = new PeriodicTimer(options.RefreshInterval);
        do
        {
            await EnsureDefaultsAsync(defaultsPending);
            await RefreshAsync();
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    private async Task EnsureDefaultsAsync(List<RuleSetKind> pending)
    {
        foreach (var kind in pending.ToArray())
        {
            try
            {
                await grains.GetGrain<IRuleSetGrain>(kind.Name).EnsureDefault(kind.DefaultDocumentJson());
                pending.Remove(kind);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRoundFailed(logger, e);
            }
        }
    }

    private async Task RefreshAsync()
    {
        try
        {
            await active.RefreshAsync();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            LogRoundFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refreshing the active rule sets failed; retrying on the next round")]
    private static partial void LogRoundFailed(ILogger logger, Exception exception);
}
