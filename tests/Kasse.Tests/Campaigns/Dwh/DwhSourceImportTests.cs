using System.Net;
using System.Net.Http.Json;
using Kasse.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Kasse.Tests.Storage;
using Npgsql;
using static Kasse.Tests.Campaigns.Dwh.DwhSamples;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>A host with a configured source table: the nightly reminder is registered, and an import of the table runs as a job.</summary>
public sealed class DwhSourceImportTests
{
    [Fact]
    public async Task A_configured_source_table_is_imported_on_request_and_scheduled_nightly()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("dwhsource");
        var source = PostgresServer.WithUser(connectionString, PostgresServer.OwnerRole);
        await using (var connection = new NpgsqlConnection(source))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand(
                """
                CREATE SCHEMA dwh;
                CREATE TABLE dwh.versicherte (kvnr text, vorname text, nachname text, geburtsdatum date, strasse text, plz text, ort text,
                    telefon text, email text, bevorzugterkanal text, werbeeinwilligung boolean, bonusprogramm boolean, wahltarif text);
                INSERT INTO dwh.versicherte
                SELECT k, 'Jörg', 'Weiß', DATE '1970-02-01', 'Hauptstr. 1', '10117', 'Berlin', NULL, NULL, 'POST', true, false, NULL
                FROM unnest(@kvnrs::text[]) AS k;
                INSERT INTO dwh.versicherte VALUES ('A000000000', 'Eva', 'Roth', DATE '1990-02-01', 'Weg 1', '10117', 'Berlin', NULL, NULL, 'POST', NULL, false, NULL);
                """, connection);
            create.Parameters.AddWithValue("kvnrs", Enumerable.Range(0, 12_000).Select(KvnrOf).ToArray());
            await create.ExecuteNonQueryAsync();
        }
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = connectionString,
            ["Orleans:ClusterId"] = $"dwhsource-{Guid.NewGuid():N}",
            ["Dwh:SourceConnectionString"] = source,
            ["Dwh:SourceTable"] = "dwh.versicherte",
        });
        using var admin = host.CreateClient(await host.SignInAsync("admin"));

        using var started = await admin.PostAsync("/api/dwh/imports/source", null);

        Assert.Equal(HttpStatusCode.Accepted, started.StatusCode);
        var done = await Eventually.ReturnsAsync(
            async () => (await admin.GetFromJsonAsync<DwhImportView>(started.Headers.Location!, Json.Options))!,
            v => v.Status != DwhImportStatus.Running, TimeSpan.FromSeconds(60), "the source import to end");
        Assert.Equal((DwhImportStatus.Completed, DwhImportSource.SourceTable, "dwh.versicherte", 12_001L, 12_001L, 12_000L, 1L, 100),
            (done.Status, done.Source, done.FileName, done.TotalRows, done.Rows, done.Inserted, done.Rejected, done.Percent));
        Assert.Equal(12_000L, await StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM customer_master"));
        await Eventually.ReturnsAsync(
            () => StorageTestSilo.ScalarAsync<long>(connectionString, "SELECT count(*) FROM orleans_reminder WHERE reminder_name = 'dwh-nightly'"),
            n => n == 1, TimeSpan.FromSeconds(30), "the nightly reminder");
    }

    [Theory]
    [InlineData("2026-12-07T00:00:00Z", "02:30", 1.5)] // 01:00 in Berlin (winter, UTC+1) → 02:30 the same night
    [InlineData("2026-12-07T02:00:00Z", "02:30", 23.5)] // 03:00 in Berlin → the next night
    [InlineData("2026-07-01T00:00:00Z", "02:30", 0.5)] // 02:00 in Berlin (summer, UTC+2)
    public void The_nightly_import_is_due_at_the_configured_time_in_berlin(string now, string at, double hours)
    {
        var due = DwhImportsGrain.DueIn(DateTimeOffset.Parse(now, System.Globalization.CultureInfo.InvariantCulture), at);

        Assert.Equal(TimeSpan.FromHours(hours), due);
    }
}
