using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.EinmalPin;
using Kasse.Grains.EinmalPin;
using Kasse.Grains.EinmalPin.Import;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.EinmalPin.Import.PinImportSamples;

namespace Kasse.Tests.EinmalPin.Import;

/// <summary>Cases in over HTTP on the embedded host: the bulk upload as a job with its progress and errors, and single cases.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class PinImportHttpTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Web = Json.Options;

    private KasseTestHost Host => fixture.Host;

    private async Task<HttpClient> IntegratorAsync() => Host.CreateClient(await Host.SignInAsync("integrator-kernsystem"));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"/api/einmalpin/imports?fileName={fileName}", content);
    }

    private static async Task<PinImportView> CompletedAsync(HttpClient client, Uri location) =>
        await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinImportView>(location, Web))!,
            view => view.Status is PinImportStatus.Completed or PinImportStatus.Failed,
            TimeSpan.FromSeconds(30), "the import to end");

    [Fact]
    public async Task An_uploaded_print_data_stream_runs_as_a_job_whose_view_shows_progress_counts_and_errors()
    {
        using var client = await IntegratorAsync();
        var file = System.Text.Encoding.UTF8.GetBytes(BrokenFile.Replace("B-", $"H{Guid.NewGuid():N}"[..12] + "-", StringComparison.Ordinal));

        using var response = await UploadAsync(client, file, "kaputt.csv");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<PinImportView>(Web))!;
        Assert.Equal($"/api/einmalpin/imports/{accepted.ImportId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("kaputt.csv", (long)file.Length, $"import-{accepted.ImportId:N}"), (accepted.FileName, accepted.Bytes, accepted.LetterBatchId));
        var done = await CompletedAsync(client, response.Headers.Location!);
        Assert.Equal((PinImportStatus.Completed, 9L, 2L, 0L, 7L), (done.Status, done.Rows, done.Imported, done.Existing, done.Rejected));
        Assert.Equal((done.Bytes, PinTextEncoding.Utf8), (done.BytesRead, done.Encoding));
        var letters = await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinLetterBatchView>($"/api/einmalpin/letter-batches/{done.LetterBatchId}", Web))!,
            view => view.Status != PinLetterBatchStatus.Running, TimeSpan.FromSeconds(60), "the import's letter batch to end");
        Assert.Equal((PinLetterBatchStatus.Completed, 2L, (Guid?)accepted.ImportId), (letters.Status, letters.Letters, letters.ImportId));
        var errors = (await client.GetFromJsonAsync<PinImportRowError[]>($"/api/einmalpin/imports/{accepted.ImportId}/errors?offset=1&max=2", Web))!;
        Assert.Equal([new PinImportRowError(4, "Geburtsdatum", PinCaseValidation.BadDate), new PinImportRowError(5, "Vorgangsart", PinCaseValidation.BadCaseType)], errors);
    }

    [Fact]
    public async Task Uploading_the_same_sample_twice_creates_its_cases_once()
    {
        using var client = await IntegratorAsync();
        var file = await File.ReadAllBytesAsync(PathOf(Windows1252));

        using var first = await UploadAsync(client, file, "vorgaenge.csv");
        var firstDone = await CompletedAsync(client, first.Headers.Location!);
        using var second = await UploadAsync(client, file, "vorgaenge.csv");
        var secondDone = await CompletedAsync(client, second.Headers.Location!);

        // The embedded host is shared: another test may have brought the sample in first.
        Assert.Equal(300L, firstDone.Imported + firstDone.Existing);
        Assert.Equal((PinImportStatus.Completed, 300L, 0L, 300L, PinTextEncoding.Windows1252),
            (secondDone.Status, secondDone.Rows, secondDone.Imported, secondDone.Existing, secondDone.Encoding));
        Assert.Equal((0, 0L), await Host.Services.GetRequiredService<IPinImportChunkStore>().CountAsync(firstDone.ImportId));
    }

    [Fact]
    public async Task Imports_are_for_integrators_and_admins_only()
    {
        using var agent = Host.CreateClient(await Host.SignInAsync("agent-mueller"));
        using var admin = Host.CreateClient(await Host.SignInAsync("admin"));

        using var refused = await UploadAsync(agent, "x"u8.ToArray(), "x.csv");
        using var unknown = await admin.GetAsync($"/api/einmalpin/imports/{Guid.NewGuid()}");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Contains(PinErrors.ImportNotFound, await unknown.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_single_case_is_created_once_and_answered_the_same_again_while_other_data_under_its_number_conflicts()
    {
        using var client = await IntegratorAsync();
        var number = $"S{Guid.NewGuid():N}"[..20];
        var body = Case(number);

        using var created = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}", body);
        using var again = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}", body);
        using var conflict = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}", body with { city = "Bonn" });

        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        using var createdBody = JsonDocument.Parse(await created.Content.ReadAsStringAsync());
        Assert.Equal(number, createdBody.RootElement.GetProperty("caseNumber").GetString());
        Assert.Equal("Imported", createdBody.RootElement.GetProperty("status").GetString());
        Assert.Equal($"case-{number}", createdBody.RootElement.GetProperty("letterBatchId").GetString());
        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var againBody = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Contains(againBody.RootElement.GetProperty("status").GetString(), new[] { "Imported", "LetterExported" });
        Assert.Equal(HttpStatusCode.Conflict, conflict.StatusCode);
        Assert.Contains(PinErrors.CaseConflict, await conflict.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var batch = await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinLetterBatchView>($"/api/einmalpin/letter-batches/case-{number}", Web))!,
            view => view.Status != PinLetterBatchStatus.Running, TimeSpan.FromSeconds(60), "the case's letter batch to end");
        Assert.Equal((PinLetterBatchStatus.Completed, 1L), (batch.Status, batch.Letters));
        var stored = await Host.Services.GetRequiredService<IPinCaseStore>().FindAsync(number);
        Assert.Equal(("Köln", "DE58284058289561153339", (Guid?)null), (stored!.Data.City, stored.Data.PrefillIban, stored.ImportId));
    }

    [Fact]
    public async Task The_same_single_case_put_again_answers_with_where_the_case_stands_now_never_without_a_status()
    {
        using var client = await IntegratorAsync();
        var number = $"S{Guid.NewGuid():N}"[..20];
        var body = Case(number);
        using var created = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}", body);
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<PinLetterBatchView>($"/api/einmalpin/letter-batches/case-{number}", Web))!,
            view => view.Status == PinLetterBatchStatus.Completed, TimeSpan.FromSeconds(60), "the case's letter batch to complete");

        using var again = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}", body);
        var view = (await client.GetFromJsonAsync<PinCaseView>($"/api/einmalpin/cases/{number}", Web))!;

        Assert.Equal(HttpStatusCode.OK, again.StatusCode);
        using var againBody = JsonDocument.Parse(await again.Content.ReadAsStringAsync());
        Assert.Equal(JsonValueKind.String, againBody.RootElement.GetProperty("status").ValueKind);
        Assert.Equal("LetterExported", againBody.RootElement.GetProperty("status").GetString());
        Assert.Equal(PinCaseStatus.LetterExported, view.Status);
    }

    [Fact]
    public async Task An_invalid_single_case_is_refused_with_its_field_errors()
    {
        using var client = await IntegratorAsync();
        var number = $"S{Guid.NewGuid():N}"[..20];

        using var response = await client.PutAsJsonAsync($"/api/einmalpin/cases/{number}",
            Case(number) with { kvnr = "E381556242", prefillIban = "DE00", lastName = "" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        Assert.Equal(PinErrors.CaseInvalid, problem.RootElement.GetProperty("title").GetString());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(Kvnr.InvalidMessage, errors.GetProperty("kvnr")[0].GetString());
        Assert.Equal(PinCaseValidation.Required, errors.GetProperty("lastName")[0].GetString());
        Assert.Equal(Iban.InvalidMessage, errors.GetProperty("prefillIban")[0].GetString());
        Assert.Null(await Host.Services.GetRequiredService<IPinCaseStore>().FindAsync(number));
    }

    [Fact]
    public async Task A_single_case_without_its_dates_or_with_another_number_than_its_path_is_refused()
    {
        using var client = await IntegratorAsync();
        var number = $"S{Guid.NewGuid():N}"[..20];
        using var content = new StringContent(
            $$"""{"caseNumber":"{{number}}x","caseType":"SteuerId","kvnr":"L155188225","firstName":"Eva","lastName":"Roth","street":"Weg 1","postalCode":"10117","city":"Berlin"}""",
            System.Text.Encoding.UTF8, "application/json");

        using var response = await client.PutAsync($"/api/einmalpin/cases/{number}", content);

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var errors = problem.RootElement.GetProperty("errors");
        Assert.Equal(["caseNumber", "birthDate", "deadline"], errors.EnumerateObject().Select(p => p.Name).ToArray());
        Assert.Equal(PinCaseValidation.Required, errors.GetProperty("birthDate")[0].GetString());
    }

    private static CaseBody Case(string number) => new(
        number, "SepaMandat", "E381556241", "Mia", "Schäfer", "1985-08-18", "Große Elbstraße 45a", "50667", "Köln", "2026-12-30",
        "DE58 2840 5828 9561 1533 39", null);

#pragma warning disable IDE1006 // JSON names as the API spells them
    private sealed record CaseBody(
        string caseNumber, string caseType, string kvnr, string firstName, string lastName, string birthDate, string street,
        string postalCode, string city, string deadline, string? prefillIban, string? prefillSteuerId);
#pragma warning restore IDE1006
}
