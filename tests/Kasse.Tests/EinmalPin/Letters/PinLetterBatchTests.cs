using System.Net;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;
using UglyToad.PdfPig;

namespace Kasse.Tests.EinmalPin.Letters;

/// <summary>Letter batches end to end on PostgreSQL: secrets issued once, print CSV and PDF, reissue, purge, roles.</summary>
public sealed class PinLetterBatchTests(LetterHostFixture fixture) : IClassFixture<LetterHostFixture>
{
    private static int _next;

    private static string NewCaseNumber() => $"V{Environment.ProcessId % 1000:000}{Interlocked.Increment(ref _next):00000}{Random.Shared.Next(1000):000}";

    private async Task<HttpClient> IntegratorAsync() => fixture.Host.CreateClient(await fixture.Host.SignInAsync("integrator-kernsystem"));

    private IPinSecrets Secrets => fixture.Host.Services.GetRequiredService<IPinSecrets>();

    private IPinSecretStore SecretStore => fixture.Host.Services.GetRequiredService<IPinSecretStore>();

    [Fact]
    public async Task A_batch_prints_a_csv_and_a_pdf_whose_pins_verify_and_whose_imported_formula_cells_are_neutralised()
    {
        var hostile = ListPinCaseStore.Case(NewCaseNumber(), firstName: "=HYPERLINK(\"http://evil.example\";\"klick\")", lastName: "+49 170 1234567", street: "@Weg 1; Hinterhaus");
        var plain = ListPinCaseStore.Case(NewCaseNumber());
        await fixture.Cases.AddAsync([hostile, plain], importId: null);
        using var integrator = await IntegratorAsync();

        var started = await LetterBatchClient.StartAsync(integrator, [hostile.CaseNumber, plain.CaseNumber]);
        var done = await LetterBatchClient.CompletedAsync(integrator, started.BatchId);
        Assert.Equal(PinLetterBatchStatus.Completed, done.Status);
        Assert.Equal(2, done.Letters);
        Assert.True(done.AvailableUntil > done.CompletedAt);

        var rows = LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, started.BatchId, "csv"));
        Assert.Equal(["Vorgangsnummer", "Vorgangsart", "Vorname", "Nachname", "Strasse", "PLZ", "Ort", "PIN", "Link", "QR_Inhalt", "Gueltig_bis"], rows[0]);
        Assert.Equal(3, rows.Count);
        var hostileRow = rows.Single(r => r[0] == hostile.CaseNumber);
        Assert.Equal("'" + hostile.FirstName, hostileRow[2]);
        Assert.Equal("'" + hostile.LastName, hostileRow[3]);
        Assert.Equal("'" + hostile.Street, hostileRow[4]);
        Assert.All(rows.SelectMany(r => r), cell => Assert.False(cell.Length > 0 && cell[0] is '=' or '+' or '-' or '@' or '\t' or '\r', cell));
        Assert.Equal("STEUER_ID", hostileRow[1]);
        Assert.Matches("^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{5}$", hostileRow[7]);
        Assert.StartsWith("https://kasse.example/pin/#t=", hostileRow[8], StringComparison.Ordinal);
        Assert.Equal(hostileRow[8], hostileRow[9]);
        Assert.Matches(@"^\d\d\.\d\d\.\d{4}$", hostileRow[10]);

        foreach (var row in rows.Skip(1))
        {
            var record = await SecretStore.LatestAsync(row[0]);
            Assert.NotNull(record);
            Assert.Equal(1, record.IssueNo);
            Assert.True(Secrets.Verify(record, PinFormat.Normalize(row[7])!));
            Assert.Equal(row[0], await SecretStore.CaseOfTokenAsync(Secrets.HashToken(row[8][(row[8].IndexOf("#t=", StringComparison.Ordinal) + 3)..])));
        }

        using var pdf = PdfDocument.Open(await LetterBatchClient.FetchAsync(integrator, started.BatchId, "pdf"));
        Assert.Equal(2, pdf.NumberOfPages);
        foreach (var page in pdf.GetPages())
        {
            var text = string.Join(" ", page.GetWords().Select(w => w.Text));
            var row = rows.Skip(1).Single(r => text.Contains(r[0], StringComparison.Ordinal));
            Assert.Contains(row[7], text, StringComparison.Ordinal); // the PIN, grouped
            Assert.Contains(row[8], text, StringComparison.Ordinal); // the link
            Assert.Contains("Steuer-Identifikationsnummer", text, StringComparison.Ordinal);
            Assert.Contains("Gültig bis " + row[10], text, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_second_start_of_an_import_batch_and_another_batch_for_the_same_cases_issue_no_second_pin()
    {
        var importId = Guid.NewGuid();
        var cases = Enumerable.Range(0, 5).Select(_ => ListPinCaseStore.Case(NewCaseNumber())).ToList();
        await fixture.Cases.AddAsync(cases, importId);
        var grains = fixture.Host.Services.GetRequiredService<IGrainFactory>();
        var batch = grains.GetGrain<IPinLetterBatchGrain>($"import-{importId:N}");

        await batch.StartForImport(importId);
        await batch.ImportProgressed(finished: true);
        using var integrator = await IntegratorAsync();
        var done = await LetterBatchClient.CompletedAsync(integrator, $"import-{importId:N}");
        Assert.Equal(5, done.Letters);

        Assert.Equal(5, (await batch.StartForImport(importId)).Letters);
        var other = await LetterBatchClient.StartAsync(integrator, cases.Select(c => c.CaseNumber).ToList());
        Assert.Equal(0, (await LetterBatchClient.CompletedAsync(integrator, other.BatchId)).Letters);
        foreach (var data in cases)
            Assert.Equal(1, (await SecretStore.LatestAsync(data.CaseNumber))!.IssueNo);
    }

    [Fact]
    public async Task A_reissue_makes_a_new_valid_issue_and_the_old_pin_stops_verifying()
    {
        var data = ListPinCaseStore.Case(NewCaseNumber());
        await fixture.Cases.AddAsync([data], importId: null);
        using var integrator = await IntegratorAsync();
        var first = await LetterBatchClient.StartAsync(integrator, [data.CaseNumber]);
        await LetterBatchClient.CompletedAsync(integrator, first.BatchId);
        var oldPin = PinFormat.Normalize(LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, first.BatchId, "csv"))[1][7])!;

        using var response = await integrator.PostAsync($"/api/einmalpin/cases/{data.CaseNumber}/reissue", null);
        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var reissue = (await System.Net.Http.Json.HttpContentJsonExtensions.ReadFromJsonAsync<PinLetterBatchView>(response.Content, Json.Options))!;
        Assert.Equal(1, (await LetterBatchClient.CompletedAsync(integrator, reissue.BatchId)).Letters);
        var newPin = PinFormat.Normalize(LetterBatchClient.ReadCsv(await LetterBatchClient.FetchAsync(integrator, reissue.BatchId, "csv"))[1][7])!;

        var latest = (await SecretStore.LatestAsync(data.CaseNumber))!;
        Assert.Equal(2, latest.IssueNo);
        Assert.Equal(reissue.BatchId, latest.BatchId);
        Assert.True(Secrets.Verify(latest, newPin));
        Assert.False(Secrets.Verify(latest, oldPin));
    }

    [Fact]
    public async Task Only_the_integrator_fetches_the_print_output_and_after_a_purge_it_is_gone()
    {
        var data = ListPinCaseStore.Case(NewCaseNumber());
        await fixture.Cases.AddAsync([data], importId: null);
        using var integrator = await IntegratorAsync();
        var batch = await LetterBatchClient.StartAsync(integrator, [data.CaseNumber]);
        await LetterBatchClient.CompletedAsync(integrator, batch.BatchId);

        using var admin = fixture.Host.CreateClient(await fixture.Host.SignInAsync("admin"));
        using var agent = fixture.Host.CreateClient(await fixture.Host.SignInAsync("agent-mueller"));
        foreach (var kind in new[] { "csv", "pdf" })
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}/print.{kind}")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}/print.{kind}")).StatusCode);
        }
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await agent.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await integrator.GetAsync("/api/einmalpin/letter-batches/batch-unknown")).StatusCode);

        using var purge = await integrator.DeleteAsync($"/api/einmalpin/letter-batches/{batch.BatchId}/print");
        Assert.Equal(HttpStatusCode.OK, purge.StatusCode);
        using var gone = await integrator.GetAsync($"/api/einmalpin/letter-batches/{batch.BatchId}/print.csv");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains(PinErrors.PrintOutputGone, await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        await using var connection = new NpgsqlConnection(fixture.ConnectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM pin_print_outputs WHERE batch_id = $1", connection) { Parameters = { new() { Value = batch.BatchId } } };
        Assert.Equal(0L, (long)(await count.ExecuteScalarAsync())!);
    }
}
