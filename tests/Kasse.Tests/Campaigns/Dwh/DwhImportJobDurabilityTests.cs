using Kasse.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Campaigns.Dwh.DwhSamples;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>Import jobs on PostgreSQL: the file and the progress are stored, so a job whose host stops goes on in the next one.</summary>
public sealed class DwhImportJobDurabilityTests
{
    private const int Rows = 60_000;

    [Fact]
    public async Task A_job_whose_host_stops_midway_completes_on_the_next_host_with_exact_counts()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("dwhimport"),
            ["Orleans:ClusterId"] = $"dwhimport-{Guid.NewGuid():N}",
        };
        var connectionString = settings["ConnectionStrings:Kasse"];
        var importId = Guid.NewGuid();
        var file = GeneratedFile(Rows);
        await using (var first = await KasseTestHost.StartAsync(settings: settings))
        {
            var job = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IDwhImportJobGrain>(importId);
            var chunks = file.Chunk(1024 * 1024).ToList();
            for (var i = 0; i < chunks.Count; i++)
                await job.AppendChunk(i, chunks[i]);
            await job.StartUpload(new DwhUploadRequest("gross.csv", chunks.Count, file.Length, "integrator-kernsystem"));
            await Eventually.ReturnsAsync(job.GetView, v => v.Rows > 0, TimeSpan.FromSeconds(30), "a first committed batch");
        }
        var committedAtStop = await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM customer_master");

        await using var second = await KasseTestHost.StartAsync(settings: settings);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IDwhImportJobGrain>(importId);
        var done = await Eventually.ReturnsAsync(again.GetView, v => v.Status != DwhImportStatus.Running, TimeSpan.FromSeconds(120), "the resumed import to end");

        Assert.InRange(committedAtStop, 1, Rows - 1);
        Assert.Equal((DwhImportStatus.Completed, Rows + 1L, (long)Rows, 0L, 0L, 1L),
            (done.Status, done.Rows, done.Inserted, done.Updated, done.Unchanged, done.Rejected));
        Assert.Equal((long)Rows, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM customer_master"));
        Assert.Equal([new DwhRejectedRow(2, "KVNR", Kasse.Kvnr.InvalidMessage)], await again.GetRejections(0, 10));
        Assert.Equal(0L, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM dwh_import_chunks"));
        Assert.Contains(importId, await second.Services.GetRequiredService<IGrainFactory>().GetGrain<IDwhImportsGrain>(0).ListRecent());
        // Reading the resumed job's stored state left the zero counters of later imports in this process alone.
        Assert.Equal(new Kasse.Grains.Campaigns.Dwh.DwhImportCounts(0, 0, 0, 0, 0, 0), Kasse.Grains.Campaigns.Dwh.DwhImportCounts.Zero);
    }
}
