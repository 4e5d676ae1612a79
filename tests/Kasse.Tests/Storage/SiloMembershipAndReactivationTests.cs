using Kasse.Agents;
using Kasse.Customers;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Storage;

/// <summary>
/// Whole silos on our schema: they join and leave the cluster through the ADO.NET membership table, and a grain's
/// [PersistentState] written on one silo is read back by a new activation on the next silo.
/// </summary>
public sealed class SiloMembershipAndReactivationTests
{
    private const int Active = 3;
    private const int Dead = 6;

    [Fact]
    public async Task Silo_lifecycle_and_grain_state_survive_a_silo_restart()
    {
        var connectionString = await StorageTestSilo.CreateMigratedDatabaseAsync();
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        var serviceId = $"service-{Guid.NewGuid():N}";
        var profile = new CustomerProfile("A123456780", "Erika", "Mustermann", new DateOnly(1964, 8, 12), "erika@example.org", PreferredChannel.Email);
        // Skills as a collection expression: the compiler's own list type, which the serializer would not read back.
        IReadOnlyList<string> skills = ["chat", "sepa"];
        var agent = new AgentProfile("agent-storage", "Lena Berater", "team-nord", skills, IsSupervisor: false);

        var first = await StorageTestSilo.StartAsync(connectionString, clusterId, serviceId);
        try
        {
            Assert.Equal(Active, await StatusAsync(connectionString, clusterId, first.SiloPort));
            await first.GrainFactory.GetGrain<ICustomerGrain>(profile.Kvnr).UpsertProfile(profile);
            await first.GrainFactory.GetGrain<IAgentGrain>(agent.AgentId).UpsertProfile(agent);
            Assert.Equal(2L, await StorageTestSilo.ScalarAsync<long>(connectionString,
                "SELECT count(*) FROM orleans_grain_state WHERE payload IS NOT NULL AND version = 1"));
        }
        finally
        {
            await first.DisposeAsync();
        }
        Assert.Equal(Dead, await StatusAsync(connectionString, clusterId, first.SiloPort));

        var second = await StorageTestSilo.StartAsync(connectionString, clusterId, serviceId);
        try
        {
            Assert.Equal(Active, await StatusAsync(connectionString, clusterId, second.SiloPort));
            var read = await second.GrainFactory.GetGrain<ICustomerGrain>(profile.Kvnr).GetProfile();
            Assert.Equal(profile, read);
            var readAgent = await second.GrainFactory.GetGrain<IAgentGrain>(agent.AgentId).GetProfile();
            Assert.NotNull(readAgent);
            Assert.Equal(skills, readAgent.Skills);
            Assert.Equal(agent with { Skills = readAgent.Skills }, readAgent);
            Assert.Empty(first.DatabaseErrors.Entries);
            Assert.Empty(second.DatabaseErrors.Entries);
        }
        finally
        {
            await second.DisposeAsync();
        }
    }

    [Fact]
    public async Task Running_silo_heartbeats_into_its_membership_row()
    {
        var connectionString = await StorageTestSilo.CreateMigratedDatabaseAsync();
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var silo = await StorageTestSilo.StartAsync(connectionString, clusterId, $"service-{Guid.NewGuid():N}");
        const string Sql = """
            SELECT i_am_alive_time FROM orleans_membership
            WHERE deployment_id = @cluster AND port = @port AND status = 3
            """;
        var joined = await StorageTestSilo.ScalarAsync<DateTime>(connectionString, Sql, ("cluster", clusterId), ("port", silo.SiloPort));

        // Poll the row until the next heartbeat lands (the silo writes one every second).
        var latest = await Eventually.ReturnsAsync(
            () => StorageTestSilo.ScalarAsync<DateTime>(connectionString, Sql, ("cluster", clusterId), ("port", silo.SiloPort)),
            alive => alive > joined,
            TimeSpan.FromSeconds(30),
            $"a heartbeat after {joined:O}");

        Assert.Equal(DateTimeKind.Utc, latest.Kind);
        Assert.InRange(latest, DateTime.UtcNow.AddMinutes(-1), DateTime.UtcNow.AddMinutes(1));
        Assert.Empty(silo.DatabaseErrors.Entries);
    }

    private static Task<int> StatusAsync(string connectionString, string clusterId, int port) =>
        StorageTestSilo.ScalarAsync<int>(connectionString,
            "SELECT status FROM orleans_membership WHERE deployment_id = @cluster AND port = @port",
            ("cluster", clusterId), ("port", port));
}
