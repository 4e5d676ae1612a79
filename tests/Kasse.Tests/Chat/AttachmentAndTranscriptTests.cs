using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using UglyToad.PdfPig;

namespace Kasse.Tests.Chat;

/// <summary>Files in a chat: attachments checked by signature, and the PDF transcript.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class AttachmentAndTranscriptTests(EmbeddedHostFixture fixture)
{
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);
    private KasseTestHost Host => fixture.Host;

    private async Task<(ChatClient Insured, ChatClient Agent, HttpClient InsuredHttp, HttpClient AgentHttp, Guid Id)> OpenAsync()
    {
        var insuredToken = await Host.SignInAsync("A123456780");
        var agentToken = await Host.SignInAsync("agent-mueller");
        var insured = await new ChatClient(Host.CreateHubConnection("/hubs/customer", insuredToken)).StartAsync();
        var agent = await new ChatClient(Host.CreateHubConnection("/hubs/agent", agentToken)).StartAsync();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Arbeitsunfähigkeit", null);
        await Host.TakeOverChatAsync("agent-mueller", id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        return (insured, agent, Host.CreateClient(insuredToken), Host.CreateClient(agentToken), id);
    }

    private static MultipartFormDataContent Form(string clientId, string? text, byte[] data, string fileName, string declaredType)
    {
        var form = new MultipartFormDataContent { { new StringContent(clientId), "clientMessageId" } };
        if (text is not null)
            form.Add(new StringContent(text), "text");
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse(declaredType);
        form.Add(file, "file", fileName);
        return form;
    }

    [Fact]
    public async Task Png_attachment_reaches_the_agent_and_downloads_with_its_verified_type()
    {
        var (insured, agent, insuredHttp, agentHttp, id) = await OpenAsync();
        await using (insured)
        await using (agent)
        using (insuredHttp)
        using (agentHttp)
        {
            using var upload = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", Form("att-1", "Mein AU-Schein", Png, "../../au schein.png", "application/octet-stream"));
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
            var ack = (await upload.Content.ReadFromJsonAsync<PostAck>(Json.Options))!;
            using var retry = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", Form("att-1", "Mein AU-Schein", Png, "au schein.png", "image/png"));
            Assert.True((await retry.Content.ReadFromJsonAsync<PostAck>(Json.Options))!.Duplicate);

            await agent.WaitForSeqAsync(id, ack.Seq, Wait);
            var attachment = agent.Events(id).Single(e => e.Seq == ack.Seq).Attachment!;
            Assert.Equal("au schein.png", attachment.FileName);
            Assert.Equal("image/png", attachment.ContentType);

            using var download = await agentHttp.GetAsync($"/api/conversations/{id}/attachments/{attachment.AttachmentId}");
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("image/png", download.Content.Headers.ContentType?.MediaType);
            Assert.Equal("nosniff", download.Headers.GetValues("X-Content-Type-Options").Single());
            Assert.Equal(Png, await download.Content.ReadAsByteArrayAsync());
        }
    }

    [Fact]
    public async Task Files_that_are_not_pdf_jpeg_or_png_and_oversized_files_are_refused_and_nothing_is_stored()
    {
        var (insured, agent, insuredHttp, agentHttp, id) = await OpenAsync();
        await using (insured)
        await using (agent)
        using (insuredHttp)
        using (agentHttp)
        {
            var executable = "MZ\u0090\0 not a pdf"u8.ToArray();
            using var disguised = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", Form("bad-1", null, executable, "rechnung.pdf", "application/pdf"));
            var oversized = new byte[ConversationErrors.MaxAttachmentBytes + 1];
            "%PDF-"u8.CopyTo(oversized);
            using var tooLarge = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", Form("bad-2", null, oversized, "gross.pdf", "application/pdf"));
            using var stranger = Host.CreateClient(await Host.SignInAsync("T012345678"));
            using var foreign = await stranger.PostAsync($"/api/conversations/{id}/attachments", Form("bad-3", null, Png, "x.png", "image/png"));

            Assert.Equal(HttpStatusCode.UnsupportedMediaType, disguised.StatusCode);
            Assert.Equal("application/problem+json", disguised.Content.Headers.ContentType?.MediaType);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, tooLarge.StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, foreign.StatusCode);
            var view = await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
            Assert.Equal(2, view.LastSeq); // started, agent joined: nothing else
        }
    }

    [Fact]
    public async Task An_empty_file_is_refused_with_its_own_code_and_nothing_is_stored()
    {
        var (insured, agent, insuredHttp, agentHttp, id) = await OpenAsync();
        await using (insured)
        await using (agent)
        using (insuredHttp)
        using (agentHttp)
        {
            using var empty = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", Form("empty-1", null, [], "leer.pdf", "application/pdf"));

            Assert.Equal(HttpStatusCode.BadRequest, empty.StatusCode);
            Assert.Equal("application/problem+json", empty.Content.Headers.ContentType?.MediaType);
            var problem = (await empty.Content.ReadFromJsonAsync<System.Text.Json.JsonElement>())!;
            Assert.Equal(ConversationErrors.AttachmentEmpty, problem.GetProperty("title").GetString());
            Assert.Equal("https://kasse-orleans.dev/problems/attachment-empty", problem.GetProperty("type").GetString());
            var view = await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
            Assert.Equal(2, view.LastSeq); // started, agent joined: nothing else
        }
    }

    [Fact]
    public async Task Insured_downloads_the_transcript_as_pdf_in_german_or_english_with_every_message_and_umlauts_intact()
    {
        var (insured, agent, insuredHttp, agentHttp, id) = await OpenAsync();
        await using (insured)
        await using (agent)
        using (insuredHttp)
        using (agentHttp)
        {
            await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "t-1", "Grüße aus Görlitz, wie läuft die Erstattung?");
            await agent.Connection.InvokeAsync<PostAck>("SendMessage", id, "t-2", "Die Überweisung erfolgt übermorgen.");
            await agent.Connection.InvokeAsync<ConversationView>("CloseConversation", id);

            using var response = await insuredHttp.GetAsync($"/api/conversations/{id}/transcript.pdf");
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Equal("application/pdf", response.Content.Headers.ContentType?.MediaType);
            using var pdf = PdfDocument.Open(await response.Content.ReadAsByteArrayAsync());
            var text = string.Join("\n", pdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Arbeitsunfähigkeit", text, StringComparison.Ordinal);
            Assert.Contains("Grüße aus Görlitz", text, StringComparison.Ordinal);
            Assert.Contains("Überweisung erfolgt übermorgen.", text, StringComparison.Ordinal);
            Assert.Contains("Sabine Müller", text, StringComparison.Ordinal);
            Assert.Contains("beendet", text, StringComparison.Ordinal);

            // The same conversation in English, for the portal's English page.
            using var english = await insuredHttp.GetAsync($"/api/conversations/{id}/transcript.pdf?lang=en");
            Assert.Equal(HttpStatusCode.OK, english.StatusCode);
            Assert.StartsWith("Chat-transcript-", english.Content.Headers.ContentDisposition?.FileName, StringComparison.Ordinal);
            using var englishPdf = PdfDocument.Open(await english.Content.ReadAsByteArrayAsync());
            var englishText = string.Join("\n", englishPdf.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
            Assert.Contains("Chat transcript:", englishText, StringComparison.Ordinal);
            Assert.Contains("joined the conversation.", englishText, StringComparison.Ordinal);
            Assert.Contains("Status: closed", englishText, StringComparison.Ordinal);
            Assert.Contains("Grüße aus Görlitz", englishText, StringComparison.Ordinal); // messages stay as written
            Assert.DoesNotContain("beendet", englishText, StringComparison.Ordinal);

            using var stranger = Host.CreateClient(await Host.SignInAsync("Z987654321"));
            using var refused = await stranger.GetAsync($"/api/conversations/{id}/transcript.pdf");
            Assert.Equal(HttpStatusCode.Forbidden, refused.StatusCode);
        }
    }
}
