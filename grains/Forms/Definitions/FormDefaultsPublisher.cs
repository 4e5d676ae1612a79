using Kasse.Forms;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Forms.Definitions;

/// <summary>
/// Publishes the shipped form definitions as version 1 on first start (each definition grain does nothing when a
/// version is already active), retrying every second until every one is in place.
/// </summary>
public sealed partial class FormDefaultsPublisher(
    IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<FormDefaultsPublisher> logger) : BackgroundService
{
    private static readonly TimeSpan RetryInterval = TimeSpan.FromSeconds(1);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        var pending = ShippedFormDefinitions.Names.ToList();
        using var timer = new PeriodicTimer(RetryInterval);
        while (true)
        {
            foreach (var name in pending.ToArray())
            {
                try
                {
                    await grains.GetGrain<IFormDefinitionGrain>(name).EnsureDefault(ShippedFormDefinitions.Document(name));
                    pending.Remove(name);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    LogFailed(logger, name, e);
                }
            }
            if (pending.Count == 0 || !await timer.WaitForNextTickAsync(stoppingToken))
                return;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Publishing the shipped form definition {Name} failed; retrying")]
    private static partial void LogFailed(ILogger logger, string name, Exception exception);
}
