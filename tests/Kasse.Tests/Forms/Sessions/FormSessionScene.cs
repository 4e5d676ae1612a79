using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Grains.Audit;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// The cast of a form session test: an insured person, the agent who chats with them, and a second agent who does not;
/// each test gets people of its own (fresh ids), so tests sharing a host do not see each other's sessions.
/// </summary>
public sealed class FormSessionScene
{
    private FormSessionScene(KasseTestHost host)
    {
        Host = host;
        var suffix = Guid.NewGuid().ToString("N")[..8];
        Insured = new Participant("T" + suffix, ParticipantRole.Insured, "Anna Bergmann");
        Agent = new Participant("agent-form-" + suffix, ParticipantRole.Agent, "Petra Müller");
        OtherAgent = new Participant("agent-other-" + suffix, ParticipantRole.Agent, "Jonas Weber");
    }

    public KasseTestHost Host { get; }

    public Participant Insured { get; }

    public Participant Agent { get; }

    public Participant OtherAgent { get; }

    public IGrainFactory Grains => Host.Services.GetRequiredService<IGrainFactory>();

    public static FormSessionScene On(KasseTestHost host) => new(host);

    /// <summary>
    /// A scene on a host whose shipped forms are published: a fresh database gets them from a background service at
    /// start, so the first session waits for them.
    /// </summary>
    public static async Task<FormSessionScene> OnPublishedAsync(KasseTestHost host)
    {
        var scene = new FormSessionScene(host);
        foreach (var name in FormNames.Shipped)
        {
            await Eventually.ReturnsAsync(
                () => scene.Grains.GetGrain<IFormDefinitionGrain>(name).GetOverview(), overview => overview.ActiveVersion is not null,
                TimeSpan.FromSeconds(30), $"the publication of {name}");
        }
        return scene;
    }

    public IFormSessionGrain Session(Guid id) => Grains.GetGrain<IFormSessionGrain>(id);

    /// <summary>A session the insured started in the portal.</summary>
    public async Task<(Guid Id, IFormSessionGrain Session, FormSessionSnapshot Snapshot)> StartInPortalAsync(string formName)
    {
        var id = Guid.NewGuid();
        var snapshot = await Session(id).Start(Insured, new FormSessionStart(formName, FormOrigin.Portal, Insured.UserId));
        return (id, Session(id), snapshot);
    }

    /// <summary>A chat between the insured and <see cref="Agent"/>; returns its id.</summary>
    public async Task<Guid> ChatAsync()
    {
        var conversationId = Guid.NewGuid();
        var conversation = Grains.GetGrain<IConversationGrain>(conversationId);
        await conversation.Start(Insured, "Unfall", null);
        await conversation.AssignAgent(Agent);
        return conversationId;
    }

    /// <summary>A session the agent proposed in the chat; the insured has not answered yet.</summary>
    public async Task<(Guid Id, IFormSessionGrain Session, Guid ConversationId)> ProposeInChatAsync(string formName)
    {
        var conversationId = await ChatAsync();
        var id = Guid.NewGuid();
        await Session(id).StartForCustomer(Agent, new FormSessionStart(formName, FormOrigin.Chat, "", ConversationId: conversationId));
        return (id, Session(id), conversationId);
    }

    /// <summary>A session the agent proposed in the chat and the insured admitted them to.</summary>
    public async Task<(Guid Id, IFormSessionGrain Session)> SharedAsync(string formName)
    {
        var (id, session, _) = await ProposeInChatAsync(formName);
        await session.GrantAccess(Insured);
        return (id, session);
    }

    public Task<IReadOnlyList<AuditEntry>> AuditAsync(Guid sessionId) =>
        Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("form-session", sessionId.ToString(), 1000);

    public static FormEdit Set(string operationId, string path, string? valueJson, long baseVersion) =>
        new(operationId, path, valueJson, baseVersion);

    public static FieldState Field(FormViewState state, string path) => state.Fields.Single(f => f.Path == path);

    /// <summary>The value of a path in a state, or null when the state has no such field (e.g. an agent's waiting view).</summary>
    public static string? ValueIn(FormViewState state, string path) => state.Fields.FirstOrDefault(f => f.Path == path)?.Value;

    /// <summary>A date a few days ago (the accident form refuses dates in the future), as JSON.</summary>
    public static string DaysAgo(int days) => $"\"{DateOnly.FromDateTime(DateTime.UtcNow.AddDays(-days)):yyyy-MM-dd}\"";

    /// <summary>Enters the answers in order (each path written for the first time, so from version 0).</summary>
    public static async Task EnterAsync(IFormSessionGrain session, Participant editor, Dictionary<string, string> answers)
    {
        var i = 0;
        foreach (var (path, value) in answers)
        {
            var result = await session.Edit(editor, new FormEdit($"fill-{i++}", path, value, 0));
            Assert.Equal(FormEditStatus.Applied, result.Status);
        }
    }
}
