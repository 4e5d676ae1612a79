using Kasse.Campaigns.Dwh;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Grains.Campaigns.Dwh;

/// <summary>Once the silo runs and a source table is configured, makes sure the nightly reminder exists (idempotent).</summary>
public sealed partial class DwhNightlySchedule(
    IGrainFactory grains, IOptions<DwhOptions> options, IHostApplicationLifetime lifetime, ILogger<DwhNightlySchedule> logger) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (options.Value.HasSource)
            lifetime.ApplicationStarted.Register(() => _ = EnsureAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task EnsureAsync()
    {
        try
        {
            await grains.GetGrain<IDwhImportsGrain>(0).EnsureNightly();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(e);
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Scheduling the nightly DWH import failed")]
    private partial void LogFailed(Exception exception);
}
