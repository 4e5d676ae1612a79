using System.Net;
using System.Net.Http.Headers;
using Kasse.Conversations;
using Kasse.Grains.Audit;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>Every time staff look at a conversation or open one of its files, the audit trail says who, what and whose.</summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class StaffAccessAuditTests(EmbeddedHostFixture fixture)
{
    private const string Insured = "A123456780";
    private const string Agent = "agent-mueller";
    private static readonly byte[] Png = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52, 1, 2, 3];
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private KasseTestHost Host => fixture.Host;

    private async Task<int> CountAsync(Guid id, string actor, string action) =>
        (await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("conversation", id.ToString(), 1000))
        .Count(a => a.ActorId == actor && a.Action == action && a.InsuredId == Insured);

    private Task WaitForCountAsync(Guid id, string actor, string action, int expected) =>
        Eventually.ReturnsAsync(() => CountAsync(id, actor, action), n => n == expected, Wait, $"{expected} × {action} by {actor}");

    [Fact]
    public async Task An_agent_viewing_a_conversation_is_audited_each_time_the_insured_person_viewing_it_is_not()
    {
        await using var insured = await new ChatClient(Host.CreateHubConnection("/hubs/customer", await Host.SignInAsync(Insured))).StartAsync();
        await using var agent = await new ChatClient(Host.CreateHubConnection("/hubs/agent", await Host.SignInAsync(Agent))).StartAsync();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Familienversicherung", null);
        await Host.TakeOverChatAsync(Agent, id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        var before = await CountAsync(id, Agent, "conversation.view");

        await agent.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        await WaitForCountAsync(id, Agent, "conversation.view", before + 1);
        await agent.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        await WaitForCountAsync(id, Agent, "conversation.view", before + 2);

        await insured.Connection.InvokeAsync<ConversationView>("GetConversation", id);
        var audit = await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("conversation", id.ToString(), 1000);
        Assert.DoesNotContain(audit, a => a.ActorId == Insured);
    }

    [Fact]
    public async Task An_agent_downloading_an_attachment_is_audited_each_time()
    {
        var insuredToken = await Host.SignInAsync(Insured);
        var agentToken = await Host.SignInAsync(Agent);
        await using var insured = await new ChatClient(Host.CreateHubConnection("/hubs/customer", insuredToken)).StartAsync();
        await using var agent = await new ChatClient(Host.CreateHubConnection("/hubs/agent", agentToken)).StartAsync();
        using var insuredHttp = Host.CreateClient(insuredToken);
        using var agentHttp = Host.CreateClient(agentToken);
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Arbeitsunfähigkeit", null);
        await Host.TakeOverChatAsync(Agent, id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        using var form = new MultipartFormDataContent { { new StringContent("audit-1"), "clientMessageId" } };
        var file = new ByteArrayContent(Png);
        file.Headers.ContentType = MediaTypeHeaderValue.Parse("image/png");
        form.Add(file, "file", "au.png");
        using (var upload = await insuredHttp.PostAsync($"/api/conversations/{id}/attachments", form))
            Assert.Equal(HttpStatusCode.OK, upload.StatusCode);
        var events = await agent.Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", id, 0L);
        var attachmentId = events.Single(e => e.Attachment is not null).Attachment!.AttachmentId;
        var url = $"/api/conversations/{id}/attachments/{attachmentId}";

        // The insured person's own download is not staff access.
        using (var own = await insuredHttp.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, own.StatusCode);
        using (var first = await agentHttp.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        await WaitForCountAsync(id, Agent, "conversation.attachment.read", 1);
        using (var second = await agentHttp.GetAsync(url))
            Assert.Equal(HttpStatusCode.OK, second.StatusCode);

        await WaitForCountAsync(id, Agent, "conversation.attachment.read", 2);
        var audit = await Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("conversation", id.ToString(), 1000);
        Assert.DoesNotContain(audit, a => a.ActorId == Insured);
    }
}
