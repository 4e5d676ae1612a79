using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Campaigns;
using Kasse.Campaigns.Dwh;
using Kasse.Grains.Campaigns.Dwh;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Campaigns.Dwh.DwhSamples;

namespace Kasse.Tests.Campaigns.Dwh;

/// <summary>Customer data over HTTP on the embedded host: the upload as a job with progress and rejections, roles, problems, demo data.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class DwhImportHttpTests(EmbeddedHostFixture fixture)
{
    private static readonly JsonSerializerOptions Web = Json.Options;

    private KasseTestHost Host => fixture.Host;

    private async Task<HttpClient> ClientAsync(string userId) => Host.CreateClient(await Host.SignInAsync(userId));

    private static async Task<HttpResponseMessage> UploadAsync(HttpClient client, byte[] file, string fileName)
    {
        using var content = new ByteArrayContent(file);
        content.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        return await client.PostAsync($"/api/dwh/imports?fileName={fileName}", content);
    }

    private static async Task<DwhImportView> CompletedAsync(HttpClient client, Uri location) =>
        await Eventually.ReturnsAsync(
            async () => (await client.GetFromJsonAsync<DwhImportView>(location, Web))!,
            view => view.Status is DwhImportStatus.Completed or DwhImportStatus.Failed,
            TimeSpan.FromSeconds(30), "the import to end");

    [Fact]
    public async Task An_uploaded_extract_runs_as_a_job_whose_view_shows_counts_and_whose_rejections_are_paged()
    {
        using var client = await ClientAsync("integrator-kernsystem");
        var file = System.Text.Encoding.UTF8.GetBytes(BrokenFile);

        using var response = await UploadAsync(client, file, "kaputt.csv");

        Assert.Equal(HttpStatusCode.Accepted, response.StatusCode);
        var accepted = (await response.Content.ReadFromJsonAsync<DwhImportView>(Web))!;
        Assert.Equal($"/api/dwh/imports/{accepted.ImportId}", response.Headers.Location?.OriginalString);
        Assert.Equal(("kaputt.csv", (long)file.Length, DwhImportSource.Upload), (accepted.FileName, accepted.Bytes, accepted.Source));
        var done = await CompletedAsync(client, response.Headers.Location!);
        // The demo customers may be there already (same KVNRs): new, changed or unchanged, the three good rows count once.
        Assert.Equal((DwhImportStatus.Completed, 100, 8L, 3L, 5L),
            (done.Status, done.Percent, done.Rows, done.Inserted + done.Updated + done.Unchanged, done.Rejected));
        var rejections = (await client.GetFromJsonAsync<DwhRejectedRow[]>($"/api/dwh/imports/{accepted.ImportId}/rejections?offset=1&max=2", Web))!;
        Assert.Equal(
            [new DwhRejectedRow(4, "Geburtsdatum", CustomerMasterValidation.BadDate), new DwhRejectedRow(4, "BevorzugterKanal", CustomerMasterValidation.BadChannel)],
            rejections);
        var recent = (await client.GetFromJsonAsync<DwhImportView[]>("/api/dwh/imports", Web))!;
        Assert.Contains(recent, v => v.ImportId == accepted.ImportId);
        Assert.Equal((0, 0L), await Host.Services.GetRequiredService<IDwhImportChunkStore>().CountAsync(accepted.ImportId));
    }

    [Fact]
    public async Task Imports_are_for_integrators_and_admins_and_refusals_are_problem_details()
    {
        using var agent = await ClientAsync("agent-mueller");
        using var admin = await ClientAsync("admin");

        using var refused = await UploadAsync(agent, "x"u8.ToArray(), "x.csv");
        using var unknown = await admin.GetAsync($"/api/dwh/imports/{Guid.NewGuid()}");
        using var empty = await UploadAsync(admin, [], "leer.csv");
        using var noSource = await admin.PostAsync("/api/dwh/imports/source", null);
        using var noHeader = await UploadAsync(admin, "KVNR;Vorname\nL155188225;Thomas\n"u8.ToArray(), "kopf.csv");

        Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, unknown.StatusCode);
        Assert.Equal(CampaignErrors.ImportNotFound, await TitleAsync(unknown));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, empty.StatusCode);
        Assert.Equal(CampaignErrors.ImportInvalid, await TitleAsync(empty));
        Assert.Equal(HttpStatusCode.UnprocessableEntity, noSource.StatusCode);
        Assert.Equal(CampaignErrors.ImportInvalid, await TitleAsync(noSource));
        // A file without the columns is accepted as a job, which fails with the reason.
        Assert.Equal(HttpStatusCode.Accepted, noHeader.StatusCode);
        var failed = await CompletedAsync(admin, noHeader.Headers.Location!);
        Assert.Equal(DwhImportStatus.Failed, failed.Status);
        Assert.Contains("Nachname", failed.Failure, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_embedded_default_has_the_1000_demo_customers()
    {
        var store = Host.Services.GetRequiredService<ICustomerMasterStore>();

        var demo = await Eventually.ReturnsAsync(
            () => store.GetAsync(Pseudonyms.KeyOf("Q825877432")), r => r is not null, TimeSpan.FromSeconds(30), "the demo import");

        Assert.Equal(("Ayşe", "zu Guttenberg", "Zahnzusatz"), (demo!.GivenName, demo.FamilyName, demo.Tariff));
        Assert.True(await store.CountAsync() >= 1000);
    }

    private static async Task<string?> TitleAsync(HttpResponseMessage response)
    {
        using var problem = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return problem.RootElement.GetProperty("title").GetString();
    }
}
