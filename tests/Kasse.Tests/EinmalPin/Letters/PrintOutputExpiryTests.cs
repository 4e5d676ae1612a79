using System.Net;
using Kasse.EinmalPin;
using Kasse.Tests.Infrastructure;
using Npgsql;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>At the end of the fetch period the print output is purged, and no PIN in clear is left in the database.</summary>
public sealed class PrintOutputExpiryTests
{
    [Fact]
    public async Task After_the_fetch_period_the_output_is_gone_and_no_pin_in_clear_is_left_in_any_table()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("pinexpiry");
        var cases = new ListPinCaseStore();
        var numbers = Enumerable.Range(1, 3).Select(i => $"VEXP{Guid.NewGuid():N}"[..20]).ToList();
        await cases.AddAsync(numbers.Select(n => ListPinCaseStore.Case(n)).ToList(), importId: null);
        await using var host = await LetterHostFixture.StartAsync(connectionString, cases, new Dictionary<string, string>
        {
            ["EinmalPin:PrintOutputValidity"] = "00:00:15",
        });
        using var integrator = host.CreateClient(await host.SignInAsync("integrator-kernsystem"));
        var batch = await LetterBatchClient.StartAsync(integrator, numbers);
        await LetterBatchClient.CompletedAsync(integrator, batch.BatchId);
        var pins = LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, batch.BatchId, "csv")).Skip(1).Select(r => r[7]).ToList();
        Assert.Equal(3, pins.Count);

        await Eventually.ReturnsAsync(
            async () => (await integrator.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}/print.pdf")).StatusCode,
            status => status == HttpStatusCode.Gone, TimeSpan.FromSeconds(60), "the print output purged at the end of its fetch period");
        var view = await LetterBatchClient.CompletedAsync(integrator, batch.BatchId);
        Assert.Equal(PinLetterBatchStatus.Purged, view.Status);

        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using (var count = new NpgsqlCommand("SELECT count(*) FROM pin_print_outputs", connection))
            Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
        Assert.Empty(await ColumnsHoldingAsync(connection, pins.Concat(pins.Select(p => PinFormat.Normalize(p)!)).ToList()));
    }

    /// <summary>Every text, JSON and binary column of every table of the database that holds one of the values.</summary>
    private static async Task<List<string>> ColumnsHoldingAsync(NpgsqlConnection connection, IReadOnlyList<string> values)
    {
        var columns = new List<(string Table, string Column, string Type)>();
        await using (var list = new NpgsqlCommand(
            """
            SELECT table_name, column_name, data_type FROM information_schema.columns
            WHERE table_schema = 'public' AND data_type IN ('text', 'character varying', 'jsonb', 'json', 'bytea')
            """, connection))
        await using (var reader = await list.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
                columns.Add((reader.GetString(0), reader.GetString(1), reader.GetString(2)));
        }
        Assert.Contains(columns, c => c.Table == "pin_secrets");
        var holding = new List<string>();
        foreach (var (table, column, type) in columns)
        {
            var test = type == "bytea" ? $"position(convert_to(v, 'UTF8') in \"{column}\") > 0" : $"position(v in \"{column}\"::text) > 0";
            await using var query = new NpgsqlCommand(
                $"SELECT count(*) FROM \"{table}\", unnest($1::text[]) AS v WHERE {test}", connection)
            { Parameters = { new() { Value = values.ToArray() } } };
            if ((long)(await query.ExecuteScalarAsync())! > 0)
                holding.Add($"{table}.{column}");
        }
        return holding;
    }
}
