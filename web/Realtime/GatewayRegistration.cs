using Kasse.Gateway;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Web.Realtime;

/// <summary>
/// Registers this host's <see cref="GatewayObserver"/> with the cluster's gateway registry and refreshes the
/// registration on a timer, so a registry that moved to another silo knows this host again within seconds.
/// </summary>
public sealed partial class GatewayRegistration(
    IGrainFactory grains, GatewayObserver observer, ILocalSiloDetails silo, IHostApplicationLifetime lifetime,
    ILogger<GatewayRegistration> logger) : BackgroundService
{
    public static readonly TimeSpan Refresh = TimeSpan.FromSeconds(5);
    private readonly string _hostId = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid():N}";

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Grain calls need a running silo: wait for the application to have started.
        var started = new TaskCompletionSource();
        using (lifetime.ApplicationStarted.Register(() => started.TrySetResult()))
            await started.Task.WaitAsync(stoppingToken);
        var reference = grains.CreateObjectReference<IGatewayObserver>(observer);
        using var timer = new PeriodicTimer(Refresh);
        do
        {
            try
            {
                await grains.GetGrain<IGatewayRegistryGrain>(0).Register(_hostId, silo.SiloAddress, reference);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                LogRegistrationFailed(logger, e);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken).AsTask().ContinueWith(t => t.IsCompletedSuccessfully && t.Result, TaskScheduler.Default));
    }

    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        try
        {
            await grains.GetGrain<IGatewayRegistryGrain>(0).Unregister(_hostId).WaitAsync(TimeSpan.FromSeconds(2), cancellationToken);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException or OperationCanceledException)
        {
            LogRegistrationFailed(logger, e);
        }
        await base.StopAsync(cancellationToken);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway registration failed; retrying on the next refresh")]
    private static partial void LogRegistrationFailed(ILogger logger, Exception exception);
}
