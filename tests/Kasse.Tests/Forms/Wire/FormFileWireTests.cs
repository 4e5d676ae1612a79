using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>Files in a form: checked by signature like chat attachments, and served only as downloads.</summary>
[Collection(FormsWireCollection.Name)]
public sealed class FormFileWireTests(EmbeddedHostFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private KasseTestHost Host => fixture.Host;

    /// <summary>An accident form whose file field (shown once treatment is answered yes) is open for an upload.</summary>
    private async Task<(FormClient Insured, Guid SessionId, string FilePath)> AccidentFormAsync()
    {
        var insured = await FormClient.ConnectAsync(Host, CustomerHubPath, Insured);
        var sessionId = Guid.NewGuid();
        var snapshot = await insured.Connection.InvokeAsync<FormSessionSnapshot>("StartForm", sessionId, FormNames.Accident);
        using var definition = JsonDocument.Parse(snapshot.Definition);
        var filePath = definition.RootElement.GetProperty("steps").EnumerateArray()
            .SelectMany(s => s.GetProperty("sections").EnumerateArray())
            .SelectMany(s => s.GetProperty("fields").EnumerateArray())
            .First(f => f.GetProperty("type").GetString() == "file").GetProperty("id").GetString()!;
        await insured.EditAsync(sessionId, "treated", "behandelt", "true", 0);
        return (insured, sessionId, filePath);
    }

    private static MultipartFormDataContent Upload(string path, string operationId, long baseVersion, byte[] data, string fileName, string declaredType)
    {
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        return new MultipartFormDataContent
        {
            { new StringContent(path), "path" },
            { new StringContent(operationId), "operationId" },
            { new StringContent(baseVersion.ToString(System.Globalization.CultureInfo.InvariantCulture)), "baseVersion" },
            { file, "file", fileName },
        };
    }

    [Fact]
    public async Task A_renamed_executable_is_refused_by_its_signature_with_problem_details_and_the_field_stays_empty()
    {
        var (insured, sessionId, filePath) = await AccidentFormAsync();
        await using (insured)
        {
            using var http = Host.CreateClient(await Host.SignInAsync(Insured));
            var executable = "MZ\u0090\0 not a pdf"u8.ToArray();

            using var response = await http.PostAsync($"/api/forms/sessions/{sessionId}/files", Upload(filePath, "up-1", 0, executable, "arztbericht.pdf", "application/pdf"));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("https://kasse-orleans.dev/problems/attachment-type-not-allowed", problem.GetProperty("type").GetString());
            var state = await insured.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
            Assert.Null(state.ValueOf(filePath));
            Assert.Equal(0, state.Field(filePath).Version);
        }
    }

    [Fact]
    public async Task A_png_fills_the_file_field_and_downloads_as_an_attachment_with_its_verified_type()
    {
        var (insured, sessionId, filePath) = await AccidentFormAsync();
        await using (insured)
        {
            using var http = Host.CreateClient(await Host.SignInAsync(Insured));

            using var response = await http.PostAsync($"/api/forms/sessions/{sessionId}/files", Upload(filePath, "up-2", 0, Png, "../röntgen.png", "application/octet-stream"));

            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var result = (await response.Content.ReadFromJsonAsync<FormEditResult>(Json.Options))!;
            Assert.Equal(FormEditStatus.Applied, result.Status);
            using var info = JsonDocument.Parse(result.Field.Value!);
            Assert.Equal("image/png", info.RootElement.GetProperty("contentType").GetString());
            var fileId = info.RootElement.GetProperty("fileId").GetString();
            await insured.WaitForStateAsync(sessionId, s => s.Seq >= result.Seq && s.ValueOf(filePath) is not null, "the file in the pushed state");
            using var download = await http.GetAsync($"/api/forms/sessions/{sessionId}/files/{fileId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("attachment", download.Content.Headers.ContentDisposition?.DispositionType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
            using var stranger = Host.CreateClient(await Host.SignInAsync("T012345678"));
            using var foreign = await stranger.GetAsync($"/api/forms/sessions/{sessionId}/files/{fileId}");
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
        }
    }
}
