using System.Net;
using System.Net.Http.Json;
using Kasse.Customers;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Cluster;

/// <summary>Two silo processes on one PostgreSQL: one cluster, and state that outlives a killed silo.</summary>
[Collection(SiloProcessCollection.Name)]
public sealed class SiloProcessClusterTests
{
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(90);

    [Fact]
    public async Task Two_silo_processes_form_one_cluster_and_state_written_through_a_killed_silo_is_read_through_the_other()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("cluster");
        var clusterId = $"cluster-{Guid.NewGuid():N}";
        await using var siloA = SiloProcess.Start(connectionString, clusterId, "A");
        await using var siloB = SiloProcess.Start(connectionString, clusterId, "B");
        await Task.WhenAll(siloA.WaitReadyAsync(StartTimeout), siloB.WaitReadyAsync(StartTimeout));

        using var adminB = await siloB.SignedInClientAsync("admin");
        await Eventually.ReturnsAsync(
            () => adminB.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            silos => silos!.Count(s => s.Status == "Active") == 2,
            StartTimeout,
            "two active silos in the membership table");

        // Enough customers that Orleans' random placement puts some of them on silo A.
        var customers = Enumerable.Range(0, 24).Select(i => Customer(i)).ToArray();
        using (var integratorA = await siloA.SignedInClientAsync("integrator-kernsystem"))
        {
            foreach (var customer in customers)
            {
                using var put = await integratorA.PutAsJsonAsync($"/api/integration/customers/{customer.Kvnr}", new
                {
                    customer.GivenName,
                    customer.FamilyName,
                    customer.BirthDate,
                    customer.Email,
                    PreferredChannel = "App",
                });
                Assert.Equal(HttpStatusCode.NoContent, put.StatusCode);
            }
        }

        // Customer grains are placed on the silo of the first caller, so these live on silo A: after the kill they
        // must come back from storage, not from memory.
        var onA = 0;
        foreach (var customer in customers)
        {
            var location = await adminB.GetFromJsonAsync<GrainLocation>($"/api/admin/customers/{customer.Kvnr}/silo");
            onA += location!.SiloPort == siloA.SiloPort ? 1 : 0;
        }
        Assert.InRange(onA, 1, customers.Length);

        siloA.Kill();

        using var integratorB = await siloB.SignedInClientAsync("integrator-kernsystem");
        foreach (var customer in customers)
        {
            var read = await Eventually.ReturnsAsync(
                () => integratorB.GetFromJsonAsync<CustomerProfile>($"/api/integration/customers/{customer.Kvnr}", Json.Options),
                profile => profile is not null,
                TimeSpan.FromSeconds(60),
                $"customer {customer.Kvnr} readable through silo B");
            Assert.Equal(customer with { PreferredChannel = PreferredChannel.App }, read);
        }
        // Membership declares the killed silo dead on its own (probes), whatever the reads above needed.
        await Eventually.ReturnsAsync(
            () => adminB.GetFromJsonAsync<SiloRow[]>("/api/admin/silos")!,
            silos => silos!.Any(s => s.Status == "Dead") && silos!.Count(s => s.Status == "Active") == 1,
            TimeSpan.FromSeconds(60),
            "silo A declared dead");
    }

    private static CustomerProfile Customer(int i)
    {
        // KVNR with a valid check digit: letter + 8 digits + computed check digit.
        var body = $"K{i:D8}";
        var kvnr = Enumerable.Range(0, 10).Select(d => body + d).First(Kvnr.IsValid);
        return new CustomerProfile(kvnr, $"Vorname{i}", $"Müller-{i}", new DateOnly(1970 + i, 1 + i % 12, 1 + i % 28), $"p{i}@example.org", PreferredChannel.App);
    }

    private sealed record SiloRow(string Name, string Address, string Status);

    private sealed record GrainLocation(string Silo, int SiloPort);
}
