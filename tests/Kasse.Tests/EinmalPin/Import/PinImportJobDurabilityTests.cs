using System.Text;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>Import jobs on PostgreSQL: the file and the progress are stored, so a job whose host stops goes on in the next one.</summary>
public sealed class PinImportJobDurabilityTests
{
    private const int Rows = 60_000;

    private static readonly string[] Kvnrs = ["L155188225", "E381556241", "X875432167", "M914092474", "V222785945"];

    /// <summary>A print data stream of <paramref name="rows"/> valid cases (UTF-8 without BOM) and one bad row at line 3.</summary>
    private static byte[] File(string prefix, int rows)
    {
        var text = new StringBuilder(PinImportSamples.Header).Append('\n');
        text.Append(prefix).Append("-bad;STEUER_ID;L155188226;Eva;Roth;01.02.1990;\"Weg 1\";10117;Berlin;31.12.2026;;\n");
        for (var i = 0; i < rows; i++)
        {
            text.Append(prefix).Append('-').Append(i.ToString("D6", System.Globalization.CultureInfo.InvariantCulture))
                .Append(";SEPA_MANDAT;").Append(Kvnrs[i % Kvnrs.Length])
                .Append(";Jörg;Weiß;01.02.1970;\"Hauptstr. 1; Hinterhaus\";10117;Berlin;31.12.2026;;\n");
        }
        return Encoding.UTF8.GetBytes(text.ToString());
    }

    [Fact]
    public async Task A_job_whose_host_stops_midway_completes_on_the_next_host_with_exact_counts()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("pinimport"),
            ["Orleans:ClusterId"] = $"pinimport-{Guid.NewGuid():N}",
        };
        var connectionString = settings["ConnectionStrings:Kasse"];
        var importId = Guid.NewGuid();
        var file = File("R", Rows);
        long committedAtStop;
        await using (var first = await KasseTestHost.StartAsync(settings: settings))
        {
            var job = first.Services.GetRequiredService<IGrainFactory>().GetGrain<IPinImportJobGrain>(importId);
            var chunks = file.Chunk(1024 * 1024).ToList();
            for (var i = 0; i < chunks.Count; i++)
                await job.AppendChunk(i, chunks[i]);
            await job.Start(new PinImportRequest("gross.csv", chunks.Count, file.Length, "integrator-kernsystem"));
            await Eventually.ReturnsAsync(job.GetView, v => v.Rows > 0, TimeSpan.FromSeconds(30), "a first committed batch");
        }
        committedAtStop = await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pin_cases WHERE import_id = @id", ("id", importId));

        await using var second = await KasseTestHost.StartAsync(settings: settings);
        var again = second.Services.GetRequiredService<IGrainFactory>().GetGrain<IPinImportJobGrain>(importId);
        var done = await Eventually.ReturnsAsync(again.GetView, v => v.Status != PinImportStatus.Running, TimeSpan.FromSeconds(120), "the resumed import to end");

        Assert.InRange(committedAtStop, 1, Rows - 1);
        Assert.Equal((PinImportStatus.Completed, Rows + 1L, (long)Rows, 0L, 1L), (done.Status, done.Rows, done.Imported, done.Existing, done.Rejected));
        Assert.Equal((long)Rows, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pin_cases WHERE import_id = @id", ("id", importId)));
        Assert.Equal([new PinImportRowError(2, "KVNR", Kvnr.InvalidMessage)], await again.GetErrors(0, 10));
        Assert.Equal(0L, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pin_import_chunks WHERE import_id = @id", ("id", importId)));
        var stored = await second.Services.GetRequiredService<IPinCaseStore>().FindAsync("R-000007");
        Assert.Equal(("Weiß", "Hauptstr. 1; Hinterhaus", importId), (stored!.Data.LastName, stored.Data.Street, stored.ImportId));
        // Reading the resumed job's stored state left the zero counters of later imports in this process alone.
        Assert.Equal(new PinImportCounts(0, 0, 0, 0, 0), PinImportCounts.Zero);
    }

    [Fact]
    public async Task Re_importing_into_postgresql_creates_nothing_twice()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pinreimport");
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = connectionString,
            ["Orleans:ClusterId"] = $"pinreimport-{Guid.NewGuid():N}",
        });
        var cases = host.Services.GetRequiredService<IPinCaseStore>();
        var errors = host.Services.GetRequiredService<IPinImportErrorStore>();
        var firstId = Guid.NewGuid();

        var first = await PinImportSamples.ImportAsync(() => System.IO.File.OpenRead(PinImportSamples.PathOf(PinImportSamples.Utf8)), cases, errors, firstId);
        var second = await PinImportSamples.ImportAsync(() => System.IO.File.OpenRead(PinImportSamples.PathOf(PinImportSamples.Utf8)), cases, errors, Guid.NewGuid());

        Assert.Equal((300L, 0L), (first.Counts.Imported, first.Counts.Existing));
        Assert.Equal((0L, 300L), (second.Counts.Imported, second.Counts.Existing));
        Assert.Equal(300L, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM pin_cases"));
        Assert.Equal(300, (await cases.ReadImportAsync(firstId, null, 1000)).Count);
        Assert.Equal(100, (await cases.ReadImportAsync(firstId, "V2026000199", 1000)).Count);
        var one = (await cases.FindAsync("V2026000001"))!;
        Assert.Equal(("Schäfer", "DE58284058289561153339", new DateOnly(1985, 8, 18)), (one.Data.LastName, one.Data.PrefillIban, one.Data.BirthDate));
    }
}
