using System.Net;
using System.Net.Http.Headers;
using System.Text.Json.Nodes;
using Kasse.Conversations;
using Kasse.EinmalPin;
using Kasse.Forms;
using Kasse.Grains.EinmalPin;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.EinmalPin.Case.PinCaseHostFixture;

namespace Kasse.Tests.EinmalPin.Case;

/// <summary>
/// The case session: bound to its one case (hub, files, control document), used up by the submission, and its token
/// opens nothing but the pin hub and the session endpoints, as no other token opens those.
/// </summary>
[Collection(PinCaseHostCollection.Name)]
public sealed class PinCaseSessionTests(PinCaseHostFixture fixture)
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% Arztbericht\n"u8.ToArray();

    [Fact]
    public async Task After_the_submission_the_letter_is_used_up_and_the_old_session_edits_nothing()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        var token = await fixture.TokenAsync(seeded);
        await using var hub = await fixture.PinHubAsync(token);
        await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
        await hub.InvokeAsync<FormEditResult>("EditForm", new FormEdit("confirm-1", "bestaetigung", "true", 0));

        var result = await hub.InvokeAsync<PinSubmitResult>("SubmitCase", "submit-1");

        Assert.Equal(PinCaseStatus.ClosedAutomatically, result.Status);
        using var again = fixture.ClientFromNewAddress();
        using var login = await LogInAsync(again, seeded.Pin, BirthDate);
        Assert.Equal(HttpStatusCode.Unauthorized, login.StatusCode);
        var refused = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<FormEditResult>("EditForm", new FormEdit("late-1", "steuerId", "\"12345678995\"", 1)));
        Assert.Equal(PinErrors.SessionInvalid, refused.Code());
        var reopen = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<PinCaseSnapshot>("OpenCase"));
        Assert.Equal(PinErrors.SessionInvalid, reopen.Code());
        // The control document of what was submitted stays readable within the session.
        using var session = fixture.ClientFromNewAddress(token);
        using var pdf = await session.GetAsync("/api/einmalpin/session/control-document.pdf");
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType?.MediaType);
    }

    [Fact]
    public async Task A_logged_out_or_expired_case_session_opens_nothing()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        await using (var hub = await fixture.PinHubAsync(await fixture.TokenAsync(seeded)))
        {
            await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
            await hub.InvokeAsync("Logout");
            var loggedOut = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<FormViewState>("GetFormState"));
            Assert.Equal(PinErrors.SessionInvalid, loggedOut.Code());
        }
        await using (var hub = await fixture.PinHubAsync(await fixture.TokenAsync(seeded)))
        {
            await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
            fixture.Clock.Advance(TimeSpan.FromMinutes(31));
            var expired = await Assert.ThrowsAsync<HubException>(() => hub.InvokeAsync<FormViewState>("GetFormState"));
            Assert.Equal(PinErrors.SessionInvalid, expired.Code());
        }
    }

    [Fact]
    public async Task A_case_session_reaches_its_own_case_only()
    {
        var mine = await fixture.SeedAsync(PinCaseType.Unfallfragebogen);
        var other = await fixture.SeedAsync(PinCaseType.Unfallfragebogen);
        var otherToken = await fixture.TokenAsync(other);
        await using (var otherHub = await fixture.PinHubAsync(otherToken))
        {
            await otherHub.InvokeAsync<PinCaseSnapshot>("OpenCase");
            await otherHub.InvokeAsync<FormEditResult>("EditForm", new FormEdit("treated", "behandelt", "true", 0));
        }
        using (var otherClient = fixture.ClientFromNewAddress(otherToken))
        using (var otherUpload = await otherClient.PostAsync("/api/einmalpin/session/files/unterlagen", FileUpload(Pdf, "bericht.pdf")))
            Assert.Equal(HttpStatusCode.OK, otherUpload.StatusCode);
        var token = await fixture.TokenAsync(mine);
        await using var hub = await fixture.PinHubAsync(token);

        var snapshot = await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");

        Assert.Equal(mine.CaseNumber, snapshot.CaseNumber);
        Assert.Null(snapshot.Form.State.Fields.FirstOrDefault(f => f.Path == "behandelt")?.Value);
        // The other case's form session, files and control document, by their ids: the case token opens none of it.
        var otherSession = PinCaseIds.FormSessionOf(other.CaseNumber);
        using var client = fixture.ClientFromNewAddress(token);
        using (var state = await client.GetAsync($"/api/forms/sessions/{otherSession}/control-document.pdf"))
            Assert.Equal(HttpStatusCode.Unauthorized, state.StatusCode);
        using (var upload = await client.PostAsync($"/api/forms/sessions/{otherSession}/files", FileUpload(Pdf, "x.pdf")))
            Assert.Equal(HttpStatusCode.Unauthorized, upload.StatusCode);
        // Its own control document does not exist before its own submission (and is never the other case's).
        using var own = await client.GetAsync("/api/einmalpin/session/control-document.pdf");
        Assert.Equal(HttpStatusCode.NotFound, own.StatusCode);
        // The form session refuses the case's insured on another case's session outright.
        var foreign = await Assert.ThrowsAsync<FormException>(() =>
            fixture.Grains.GetGrain<IFormSessionGrain>(otherSession).GetState(new Participant("pin:" + mine.CaseNumber, ParticipantRole.Insured, "x")));
        Assert.Equal(FormErrors.Forbidden, foreign.Code);
    }

    [Fact]
    public async Task An_executable_named_pdf_is_refused_and_a_real_pdf_is_taken()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.Unfallfragebogen);
        var token = await fixture.TokenAsync(seeded);
        await using var hub = await fixture.PinHubAsync(token);
        await hub.InvokeAsync<PinCaseSnapshot>("OpenCase");
        await hub.InvokeAsync<FormEditResult>("EditForm", new FormEdit("treated", "behandelt", "true", 0));
        using var client = fixture.ClientFromNewAddress(token);

        using var exe = await client.PostAsync("/api/einmalpin/session/files/unterlagen", FileUpload([0x4D, 0x5A, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00], "befund.pdf"));
        using var elf = await client.PostAsync("/api/einmalpin/session/files/unterlagen", FileUpload([0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00], "befund.pdf"));
        using var pdf = await client.PostAsync("/api/einmalpin/session/files/unterlagen", FileUpload(Pdf, "befund.pdf"));

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, exe.StatusCode);
        Assert.Equal(ConversationErrors.AttachmentType, (string?)JsonNode.Parse(await exe.Content.ReadAsStringAsync())!["title"]);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, elf.StatusCode);
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        var stored = JsonNode.Parse(await pdf.Content.ReadAsStringAsync())!["field"]!["value"]!;
        Assert.Equal("application/pdf", (string?)stored["contentType"]);
        Assert.NotEqual("befund.pdf", (string?)stored["fileId"]);
    }

    [Fact]
    public async Task The_case_token_opens_neither_portal_nor_staff_endpoints_and_their_tokens_do_not_open_the_case()
    {
        var seeded = await fixture.SeedAsync(PinCaseType.SteuerId);
        var token = await fixture.TokenAsync(seeded);

        await using (var customerHub = fixture.Host.CreateHubConnection("/hubs/customer", token))
            await Assert.ThrowsAnyAsync<Exception>(() => customerHub.StartAsync());
        using (var staff = fixture.Host.CreateClient(token))
        {
            using var desk = await staff.GetAsync("/api/agent/desk");
            Assert.Equal(HttpStatusCode.Unauthorized, desk.StatusCode);
            using var pull = await staff.GetAsync($"/api/einmalpin/cases/{seeded.CaseNumber}");
            Assert.Equal(HttpStatusCode.Unauthorized, pull.StatusCode);
        }

        var portalToken = await fixture.Host.SignInAsync("A123456780");
        await using (var pinHub = fixture.Host.CreateHubConnection("/hubs/pin", portalToken))
            await Assert.ThrowsAnyAsync<Exception>(() => pinHub.StartAsync());
        var integratorToken = await fixture.Host.SignInAsync("integrator-kernsystem");
        using var portal = fixture.Host.CreateClient(integratorToken);
        using var document = await portal.GetAsync("/api/einmalpin/session/control-document.pdf");
        Assert.Equal(HttpStatusCode.Unauthorized, document.StatusCode);
    }

    private static MultipartFormDataContent FileUpload(byte[] data, string fileName)
    {
        var file = new ByteArrayContent(data);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("application/pdf");
        return new MultipartFormDataContent { { file, "file", fileName } };
    }
}
