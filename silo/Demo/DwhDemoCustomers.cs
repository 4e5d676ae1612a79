using Kasse.Campaigns.Dwh;

namespace Kasse.Silo.Demo;

/// <summary>
/// Brings the 1,000 demo customers (<c>Demo/versicherte-1000.csv</c>, the data warehouse's layout) in through the
/// import job once the silo runs, so campaigns and next best action have people to work on. Idempotent: a second run
/// finds every row unchanged. The import shows on the admin page like any other.
/// </summary>
public sealed partial class DwhDemoCustomers(IGrainFactory grains, IHostApplicationLifetime lifetime, ILogger<DwhDemoCustomers> logger) : IHostedService
{
    public const string ResourceName = "Kasse.Silo.Demo.versicherte-1000.csv";

    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = ImportAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task ImportAsync()
    {
        try
        {
            await using var resource = typeof(DwhDemoCustomers).Assembly.GetManifestResourceStream(ResourceName)
                ?? throw new InvalidOperationException($"{ResourceName} is not embedded.");
            using var buffer = new MemoryStream();
            await resource.CopyToAsync(buffer);
            var file = buffer.ToArray();
            var job = grains.GetGrain<IDwhImportJobGrain>(Guid.NewGuid());
            await job.AppendChunk(0, file);
            await job.StartUpload(new DwhUploadRequest("versicherte-1000.csv (Demo)", 1, file.Length, "demo"));
            LogStarted(logger);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo customers: import of the 1,000 DWH demo rows started")]
    private static partial void LogStarted(ILogger logger);

    [LoggerMessage(Level = LogLevel.Error, Message = "Demo customers: starting the DWH import failed")]
    private static partial void LogFailed(ILogger logger, Exception exception);
}
