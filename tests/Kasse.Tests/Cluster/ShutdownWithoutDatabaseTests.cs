using Kasse.Silo.Hosting;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Cluster;

/// <summary>
/// A silo told to stop ends within its grace period also when PostgreSQL went away first (seen before: silos still
/// running a minute after SIGTERM, retrying the membership table at every stop stage).
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class ShutdownWithoutDatabaseTests
{
    private static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    [Fact]
    public async Task A_silo_whose_database_is_gone_ends_within_its_stop_timeout_after_sigterm()
    {
        // A server of its own: this test stops it.
        var postgres = await PostgresServer.StartAsync();
        SiloProcess? silo = null;
        try
        {
            var connectionString = await postgres.CreateDatabaseAsync("shutdown");
            silo = SiloProcess.Start(connectionString, $"shutdown-{Guid.NewGuid():N}", "A", new Dictionary<string, string>
            {
                ["shutdownTimeoutSeconds"] = StopTimeout.TotalSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture),
            });
            await silo.WaitReadyAsync(TimeSpan.FromSeconds(90));

            await postgres.StopAsync();
            silo.Terminate();

            // Without the deadline the stop stages wait about two minutes for the membership table; the grace period an
            // orchestrator gives is the stop timeout plus a margin (deploy/README.md). The bound here leaves room for a
            // loaded machine and still fails the old behaviour.
            var bound = StopTimeout + ShutdownDeadline.Margin + TestTimeouts.Scaled(TimeSpan.FromSeconds(20));
            Assert.True(await silo.WaitForExitAsync(bound), $"the silo still runs {bound} after SIGTERM:\n{silo.Output}");
        }
        finally
        {
            if (silo is not null)
                await silo.DisposeAsync();
            await postgres.DisposeAsync();
        }
    }
}
