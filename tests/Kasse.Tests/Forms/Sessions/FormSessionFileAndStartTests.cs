using System.Text.Json;
using Kasse.Conversations;
using Kasse.Customers;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Forms.Sessions.FormSessionScene;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// Files in file fields (checked by signature, stored once per operation, readable by the admitted agent with an audit
/// row), the system start of an EinmalPIN case with prefilled values, and the insured's list of sessions.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class FormSessionFileAndStartTests(EmbeddedHostFixture fixture) : IAsyncLifetime
{
    private static readonly byte[] Pdf = "%PDF-1.4\n% Arztbericht\n"u8.ToArray();
    private FormSessionScene _scene = null!;

    public async Task InitializeAsync() => _scene = await OnPublishedAsync(fixture.Host);

    public Task DisposeAsync() => Task.CompletedTask;

    [Fact]
    public async Task An_uploaded_file_becomes_the_fields_value_once_and_the_admitted_agent_reads_it_audited()
    {
        var (id, session) = await _scene.SharedAsync(FormNames.Accident);
        await session.Edit(_scene.Insured, Set("i-1", "behandelt", "true", 0));

        var uploaded = await session.UploadFile(_scene.Insured, "unterlagen", "up-1", 0, "../../Arztbericht.pdf", Pdf);
        var retried = await session.UploadFile(_scene.Insured, "unterlagen", "up-1", 0, "Arztbericht.pdf", Pdf);
        var wrongType = await Assert.ThrowsAsync<ConversationException>(
            () => session.UploadFile(_scene.Insured, "unterlagen", "up-2", 1, "bild.gif", "GIF89a"u8.ToArray()));
        var notAFileField = await Assert.ThrowsAsync<FormException>(
            () => session.UploadFile(_scene.Insured, "hergangBeschreibung", "up-3", 0, "a.pdf", Pdf));

        Assert.Equal((FormEditStatus.Applied, FormEditStatus.Duplicate), (uploaded.Status, retried.Status));
        using var info = JsonDocument.Parse(uploaded.Field.Value!);
        Assert.Equal("Arztbericht.pdf", info.RootElement.GetProperty("fileName").GetString());
        Assert.Equal("application/pdf", info.RootElement.GetProperty("contentType").GetString());
        var fileId = info.RootElement.GetProperty("fileId").GetGuid();
        Assert.Equal(ConversationErrors.AttachmentType, wrongType.Code);
        Assert.Equal(FormErrors.ValueInvalid, notAFileField.Code);

        var read = await session.GetFile(_scene.Agent, fileId);
        Assert.Equal(Pdf, read.Data);
        Assert.Contains(await _scene.AuditAsync(id), a => a.Action == "form.file.read" && a.ActorId == _scene.Agent.UserId);
        var stranger = new Participant("agent-" + Guid.NewGuid().ToString("N")[..8], ParticipantRole.Agent, "Fremd");
        Assert.Equal(FormErrors.Forbidden, (await Assert.ThrowsAsync<FormException>(() => session.GetFile(stranger, fileId))).Code);
    }

    [Fact]
    public async Task A_case_start_writes_the_prefilled_values_as_the_system_at_version_one()
    {
        var id = Guid.NewGuid();
        var session = _scene.Session(id);

        var state = await session.StartForCase(new FormSessionStart(
            FormNames.SepaMandate, FormOrigin.PinCase, _scene.Insured.UserId, CaseReference: "V2026000142",
            Prefill: new Dictionary<string, string> { ["kontoinhaberName"] = "\"Mehmet von Bülow\"", ["iban"] = "\"DE91 5133 6092 6126 9863 53\"", ["gibtEsNicht"] = "1" }));
        var again = await session.StartForCase(new FormSessionStart(FormNames.SepaMandate, FormOrigin.PinCase, _scene.Insured.UserId));

        Assert.Equal(state.Seq, again.Seq);
        Assert.Equal("V2026000142", state.CaseReference);
        Assert.Equal(FormNames.SepaMandate, (await session.Describe())!.FormName);
        var name = Field(state, "kontoinhaberName");
        Assert.Equal(("\"Mehmet von Bülow\"", 1L, (ParticipantRole?)null, "System"), (name.Value, name.Version, name.LastWriterRole, name.LastWriterName));
        Assert.Equal("\"DE91513360926126986353\"", Field(state, "iban").Value);
        Assert.DoesNotContain(state.Fields, f => f.Path == "gibtEsNicht");
        // The insured opens it in the portal like any other of their forms.
        var opened = await session.Open(_scene.Insured);
        Assert.Equal(state.Seq, opened.State.Seq);
        Assert.Contains(id, await _scene.Grains.GetCustomer(fixture.Host.Services.GetRequiredService<CustomerPseudonyms>(), _scene.Insured.UserId).ListFormSessions());
    }

    [Fact]
    public async Task Every_start_is_in_the_insureds_list_of_forms_with_its_summary()
    {
        var (portal, _, _) = await _scene.StartInPortalAsync(FormNames.SteuerId);
        var (chat, _, conversationId) = await _scene.ProposeInChatAsync(FormNames.Accident);

        var listed = await _scene.Grains.GetCustomer(fixture.Host.Services.GetRequiredService<CustomerPseudonyms>(), _scene.Insured.UserId).ListFormSessions();

        Assert.Equal([chat, portal], listed.Take(2).ToArray());
        var summary = await _scene.Session(chat).Describe();
        Assert.NotNull(summary);
        Assert.Equal((FormNames.Accident, FormSessionStatus.Open, FormAccessStatus.Requested, "Petra Müller"), (summary.FormName, summary.Status, summary.Access.Status, summary.Access.AgentName));
        Assert.Null(await _scene.Session(Guid.NewGuid()).Describe());
        // The chat shows the proposal as a card.
        var events = await _scene.Grains.GetGrain<IConversationGrain>(conversationId).GetEventsAfter(_scene.Insured, 0, 100);
        var proposal = Assert.Single(events, e => e.Kind == ConversationEventKind.FormProposed);
        using var card = JsonDocument.Parse(proposal.Text!);
        Assert.Equal(chat, card.RootElement.GetProperty("sessionId").GetGuid());
        Assert.Equal("Unfallfragebogen", card.RootElement.GetProperty("title").GetProperty("de").GetString());
    }
}
