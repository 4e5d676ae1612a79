using Kasse.Agents;
using Kasse.Customers;
using Kasse.Web.Development;

namespace Kasse.Silo.Demo;

/// <summary>
/// Writes the demo agents and insured persons through their grains once the silo runs. Idempotent (an upsert with
/// the same data changes nothing), so every silo of a demo cluster may run it.
/// </summary>
public sealed partial class DemoDataSeeder(
    IGrainFactory grains, CustomerPseudonyms pseudonyms, IHostApplicationLifetime lifetime, ILogger<DemoDataSeeder> logger)
    : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken)
    {
        lifetime.ApplicationStarted.Register(() => _ = SeedAsync());
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    private async Task SeedAsync()
    {
        try
        {
            await Task.WhenAll(
                DemoDirectory.Customers.Select(c => grains.GetCustomer(pseudonyms, c.Kvnr).UpsertProfile(c))
                    .Concat(DemoDirectory.Agents.Select(a => grains.GetGrain<IAgentGrain>(a.AgentId).UpsertProfile(a))));
            LogSeeded(logger, DemoDirectory.Customers.Count, DemoDirectory.Agents.Count);
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            LogSeedFailed(logger, e);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Demo data written: {Customers} insured persons, {Agents} agents")]
    private static partial void LogSeeded(ILogger logger, int customers, int agents);

    [LoggerMessage(Level = LogLevel.Error, Message = "Writing demo data failed")]
    private static partial void LogSeedFailed(ILogger logger, Exception exception);
}
