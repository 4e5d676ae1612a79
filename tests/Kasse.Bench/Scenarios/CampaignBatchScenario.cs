using System.Diagnostics;
using Kasse.Bench.Diagnostics;
using Kasse.Campaigns;
using Kasse.Customers;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Policy;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>campaign-batch</c>: the member magazine (Information, every campaign channel, control group 5 %) over N generated
/// master rows, through the product path on a throwaway PostgreSQL: the campaign grain's batch run with keyset pages,
/// every contact reserved and confirmed in the customer grain under the default contact policy, rows into
/// <c>campaign_contacts</c>. Afterwards the policy is checked from the tables: a customer with two contacts of the run,
/// or a contact row without a confirmation in <c>customer_events</c>, is a violation. Baseline: the raw keyset scan of
/// the same master data in pages of the run's size.
/// </summary>
public static class CampaignBatchScenario
{
    public const string Name = "campaign-batch";

    private const string CampaignId = "mitgliedermagazin-bench";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var customers = options.Int("customers", 5_700_000, 1, 50_000_000);
        var timeoutSeconds = options.Int("timeout-seconds", 3600, 1, 24 * 3600);
        var allocationTypes = options.Int("alloc-types", 0, 0, 100);
        options.EnsureAllRead();

        await using var postgres = await PostgresServer.StartAsync();
        var connectionString = await postgres.CreateDatabaseAsync("campaignbatch");
        await using var server = await InProcessServer.StartAsync([$"ConnectionStrings:Kasse={connectionString}"]);
        var master = server.Services.GetRequiredService<ICustomerMasterStore>();
        var grains = server.Services.GetRequiredService<IGrainFactory>();

        var loading = Stopwatch.GetTimestamp();
        var importId = Guid.NewGuid();
        for (var start = 0; start < customers; start += 10_000)
        {
            var rows = Enumerable.Range(start, Math.Min(10_000, customers - start)).Select(Customer).ToList();
            await master.UpsertAsync(rows, importId);
        }
        Console.Error.WriteLine($"{Name}: {customers:N0} master rows loaded in {Stopwatch.GetElapsedTime(loading).TotalSeconds:0.0} s");

        var scanning = Stopwatch.GetTimestamp();
        long scanned = 0;
        string? after = null;
        while (true)
        {
            var page = await master.ReadPageAsync(after, Kasse.Grains.Campaigns.Batch.CampaignGrain.PageSize);
            if (page.Count == 0)
                break;
            scanned += page.Count;
            after = page[^1].CustomerKey;
        }
        var baseline = Stopwatch.GetElapsedTime(scanning);
        Console.Error.WriteLine($"{Name}: baseline keyset scan of {scanned:N0} rows in {baseline.TotalSeconds:0.00} s");

        var campaign = grains.GetGrain<ICampaignGrain>(CampaignId);
        await campaign.Save(Magazine(), "bench");
        // CPU and allocation per customer of the run survive a busy machine, where the run's wall time does not.
        using var sampler = allocationTypes > 0 ? new AllocationSampler() : null;
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: false);
        var gcPauseBefore = GC.GetTotalPauseDuration();
        var started = Stopwatch.GetTimestamp();
        var deadline = DateTime.UtcNow.AddSeconds(timeoutSeconds);
        // Follows the run by waiting on the grain (it answers when the run ends, or with its progress every 5 s).
        var run = (await campaign.Activate("bench")).CurrentRun;
        while (run?.Status == CampaignRunStatus.Running && DateTime.UtcNow < deadline)
        {
            run = await campaign.WaitForRun(run.RunId, TimeSpan.FromSeconds(5));
            if (run.Status == CampaignRunStatus.Running)
                Console.Error.WriteLine($"{Name}: {run.Scanned,12:N0} scanned, {run.Contacted.Values.Sum(),12:N0} contacted, {Stopwatch.GetElapsedTime(started).TotalSeconds,6:0.0} s");
        }
        var elapsed = Stopwatch.GetElapsedTime(started);
        var scannedInRun = Math.Max(1, run?.Scanned ?? 0);
        var cpuPerCustomer = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalMilliseconds / scannedInRun;
        var allocatedPerCustomer = (GC.GetTotalAllocatedBytes(precise: false) - allocatedBefore) / 1024.0 / scannedInRun;
        var gcShare = (GC.GetTotalPauseDuration() - gcPauseBefore) / elapsed;
        if (sampler is not null)
            Console.Error.WriteLine($"{Name}: allocations by type (sampled)\n{sampler.Report(allocationTypes)}");
        var contacts = run?.Contacted.Values.Sum() ?? 0;
        var violations = await ViolationsAsync(connectionString, run?.RunId ?? Guid.Empty);
        Console.Error.WriteLine($"{Name}: run {run?.Status} in {elapsed.TotalSeconds:0.0} s, {contacts:N0} contacts, {violations} policy violations");
        return new ScenarioResult(Name)
        {
            OpsPerSecond = (run?.Scanned ?? 0) / elapsed.TotalSeconds,
            Errors = run?.Status == CampaignRunStatus.Completed ? 0 : 1,
            Lost = customers - (run?.Scanned ?? 0),
        }
            .With("customers", (long)customers)
            .With("seconds", elapsed.TotalSeconds)
            .With("contacts", contacts)
            .With("control", run?.ControlGroup ?? 0)
            .With("refused", run?.Refused.Values.Sum() ?? 0)
            .With("policy_violations", violations)
            .With("run_status", run?.Status.ToString() ?? "none")
            .With("baseline_scan_seconds", baseline.TotalSeconds)
            .With("ratio_to_scan", baseline.TotalSeconds / elapsed.TotalSeconds)
            .With("cpu_ms_per_customer", Math.Round(cpuPerCustomer, 3))
            .With("alloc_kb_per_customer", Math.Round(allocatedPerCustomer, 2))
            .With("gc_pause_percent", Math.Round(100 * gcShare, 1));
    }

    /// <summary>Two rows for one customer in the run, or a contacted row the customer grain never confirmed.</summary>
    private static async Task<long> ViolationsAsync(string connectionString, Guid runId)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand(
            """
            SELECT (SELECT count(*) FROM (SELECT customer_key FROM campaign_contacts WHERE run_id = @run GROUP BY customer_key HAVING count(*) > 1) twice)
                 + (SELECT count(*) FROM campaign_contacts c WHERE c.run_id = @run AND NOT c.control AND NOT EXISTS (
                        SELECT 1 FROM customer_events e WHERE e.customer_key = c.customer_key AND e.ref_id = c.contact_id AND e.kind = @confirmed))
            """, connection);
        command.Parameters.AddWithValue("run", runId);
        command.Parameters.AddWithValue("confirmed", (short)CustomerEventKind.ContactConfirmed);
        return (long)(await command.ExecuteScalarAsync())!;
    }

    private static CustomerMasterRecord Customer(int i) => new(
        $"k{i:D9}", "A123456780", "Erika", "Mustermann", new DateOnly(1940 + (i % 60), 1 + (i % 12), 1 + (i % 28)),
        "Hauptstr. 1", (10000 + (i % 89999)).ToString("D5", System.Globalization.CultureInfo.InvariantCulture), "Berlin",
        i % 4 == 0 ? null : "+49301234567", i % 3 == 0 ? null : $"m{i}@example.org",
        (PreferredChannel)(i % 5), i % 2 == 0, i % 7 == 0, null);

    private static CampaignDefinition Magazine() => new(
        "Mitgliedermagazin", "Benchmark", ContactPurpose.Information,
        [
            // A magazine goes out in print, by e-mail or in the app; calling or texting it makes no sense (and would
            // meet the phone quiet period when the bench runs in the evening).
            new TargetGroup("alle", "input.Age >= 18",
                [ContactChannel.Letter, ContactChannel.Email, ContactChannel.AppPush], true,
                [new ContentVariant("magazin", null, 1, "Ihr Mitgliedermagazin", "…")]),
        ],
        5, new Dictionary<ContactChannel, int>(), new CampaignSchedule(CampaignScheduleKind.OneOff));
}
