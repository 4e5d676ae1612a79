using System.Net;
using System.Net.Http.Json;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.Cluster;

/// <summary>
/// The admin's drain over HTTP against two silo processes: the drained silo shuts down gracefully (exit code 0), the
/// other stays active, the drain is audited once, a retry with the same key is answered alike, and the last active
/// silo is not drained.
/// </summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloDrainTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task A_drained_silo_exits_gracefully_and_the_other_stays_active_and_the_last_one_is_not_drained()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("drain");
        var clusterId = $"drain-{Guid.NewGuid():N}";
        await using var siloA = SiloProcess.Start(connectionString, clusterId, "A");
        await using var siloB = SiloProcess.Start(connectionString, clusterId, "B");
        await Task.WhenAll(siloA.WaitReadyAsync(StartTimeout), siloB.WaitReadyAsync(StartTimeout));
        using var admin = await siloB.SignedInClientAsync("admin");

        // A customer on silo A's gateway shows in A's row, with A's runtime figures.
        await using var customer = HubConnections.Create(siloA.BaseAddress, "/hubs/customer", await siloA.SignInAsync("A123456780"));
        await customer.StartAsync();
        var silos = (await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            rows => rows!.Count(r => r.Status == "Active") == 2 && Row(rows!, siloA).Connections >= 1,
            StartTimeout,
            "two active silos, a connection on A"))!;
        var rowA = Row(silos, siloA);
        Assert.Equal(1, rowA.ConnectionsByHub!["CustomerHub"]);
        Assert.All(silos, r => Assert.True(r.Activations > 0 && r.MemoryBytes > 0 && r.CpuPercent >= 0 && r.UptimeSeconds >= 0, $"runtime figures of {r}"));

        using (var noKey = await admin.PostAsJsonAsync("/api/admin/silos/drain", new { silo = rowA.Address }))
            Assert.Equal(HttpStatusCode.BadRequest, noKey.StatusCode);
        using (var unknown = await admin.PostAsJsonAsync("/api/admin/silos/drain", new { silo = "127.0.0.1:1@1", drainId = Guid.NewGuid() }))
        {
            Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
            Assert.Equal("application/problem+json", unknown.Content.Headers.ContentType?.MediaType);
        }
        using (var asAgent = await siloB.SignedInClientAsync("agent-mueller"))
        using (var refused = await asAgent.PostAsJsonAsync("/api/admin/silos/drain", new { silo = rowA.Address, drainId = Guid.NewGuid() }))
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);

        var drainId = Guid.NewGuid();
        var reconnectNeeded = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        customer.Closed += e => Task.FromResult(reconnectNeeded.TrySetResult(e));
        using (var drained = await admin.PostAsJsonAsync("/api/admin/silos/drain", new { silo = rowA.Address, drainId }))
            Assert.Equal(HttpStatusCode.Accepted, drained.StatusCode);
        Assert.True(await siloA.WaitForExitAsync(TestTimeouts.Scaled(TimeSpan.FromSeconds(60))), $"silo A still runs after the drain:\n{siloA.Output}");
        Assert.Equal(0, siloA.ExitCode);
        // Its hub client was told to go (the connection closed), not left to time out.
        await reconnectNeeded.Task.WaitAsync(TestTimeouts.ForEvent(TimeSpan.FromSeconds(10)));

        // A retry of the same drain is answered alike; the drain was audited once.
        using (var retry = await admin.PostAsJsonAsync("/api/admin/silos/drain", new { silo = rowA.Address, drainId }))
            Assert.Equal(HttpStatusCode.Accepted, retry.StatusCode);
        var after = (await Eventually.ReturnsAsync(
            () => admin.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            rows => Row(rows!, siloA).Status == "Dead",
            TimeSpan.FromSeconds(60),
            "silo A dead in the membership"))!;
        Assert.Equal("Active", Row(after, siloB).Status);
        await using (var connection = new NpgsqlConnection(connectionString))
        {
            await connection.OpenAsync();
            await using var command = new NpgsqlCommand(
                "SELECT count(*) FROM audit_log WHERE action = 'silo-drain' AND subject_type = 'silo' AND subject_id = $1 AND actor_id = 'admin'", connection)
            {
                Parameters = { new NpgsqlParameter { Value = rowA.Address } },
            };
            Assert.Equal(1L, (long)(await command.ExecuteScalarAsync())!);
        }

        // B is the last active silo: draining it would stop the service.
        using var last = await admin.PostAsJsonAsync("/api/admin/silos/drain", new { silo = Row(after, siloB).Address, drainId = Guid.NewGuid() });
        Assert.Equal(HttpStatusCode.Conflict, last.StatusCode);
        Assert.Contains("SILO_LAST_ACTIVE", await last.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        Assert.True(siloB.IsRunning);
    }

    private static SiloRow Row(SiloRow[] rows, SiloProcess silo) =>
        rows.Where(r => r.Address.StartsWith($"127.0.0.1:{silo.SiloPort}@", StringComparison.Ordinal)).OrderBy(r => r.Status == "Active" ? 0 : 1).First();

    private sealed record SiloRow(
        string Name, string Address, string Status, long? UptimeSeconds, int? Activations, double? CpuPercent, long? MemoryBytes,
        Dictionary<string, int>? ConnectionsByHub, int? Connections);
}
