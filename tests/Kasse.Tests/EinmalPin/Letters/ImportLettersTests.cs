using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kasse.EinmalPin;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>The import's letter batch on PostgreSQL: the uploaded sample's cases get one letter each, a re-import none.</summary>
public sealed class ImportLettersTests
{
    [Fact]
    public async Task An_imported_sample_gets_one_letter_per_case_and_its_re_import_issues_no_second_pin()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("importletters");
        await using var host = await LetterHostFixture.StartAsync(connectionString, cases: null, []);
        using var integrator = host.CreateClient(await host.SignInAsync("integrator-kernsystem"));
        var file = await File.ReadAllBytesAsync(RepositoryPaths.TestData("einmalpin/einmalpin-vorgaenge-300.csv"));

        var first = await ImportAsync(integrator, file);
        var letters = await LetterBatchClient.CompletedAsync(integrator, first.LetterBatchId, timeoutSeconds: 180);
        Assert.True(letters.Letters == 300, $"{first.Imported} imported, {letters.Letters} letters, {await CountsAsync(connectionString, first.ImportId)}");
        Assert.Equal((PinLetterBatchStatus.Completed, 300L), (letters.Status, letters.Letters));
        var rows = LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, first.LetterBatchId, "csv"));
        Assert.Equal(301, rows.Count);
        Assert.Equal(300, rows.Skip(1).Select(r => r[0]).Distinct().Count());

        var second = await ImportAsync(integrator, file);
        var none = await LetterBatchClient.CompletedAsync(integrator, second.LetterBatchId, timeoutSeconds: 180);
        Assert.Equal((PinLetterBatchStatus.Completed, 0L), (none.Status, none.Letters));
    }

    /// <summary>What the database holds of the import (for the failure message).</summary>
    private static async Task<string> CountsAsync(string connectionString, Guid importId)
    {
        await using var connection = new Npgsql.NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var query = new Npgsql.NpgsqlCommand(
            "SELECT (SELECT count(*) FROM pin_cases WHERE import_id = $1), (SELECT count(*) FROM pin_secrets)", connection)
        { Parameters = { new() { Value = importId } } };
        await using var reader = await query.ExecuteReaderAsync();
        await reader.ReadAsync();
        return $"{reader.GetInt64(0)} cases of the import and {reader.GetInt64(1)} secrets in the database";
    }

    private static async Task<PinImportView> ImportAsync(HttpClient client, byte[] file)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        using var response = await client.PostAsync("/api/einmalpin/imports?fileName=vorgaenge.csv", content);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        return await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinImportView>(response.Headers.Location, Json.Options))!,
            view => view.Status is PinImportStatus.Completed or PinImportStatus.Failed, TimeSpan.FromSeconds(60), "the import to end");
    }
}
