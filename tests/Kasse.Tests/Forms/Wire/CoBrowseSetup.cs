using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Forms.Wire;

/// <summary>The way into a shared form: a chat the agent took over through the inbox, a proposal, the insured's consent.</summary>
public static class CoBrowseSetup
{
    public const string Insured = "A123456780";
    public const string Agent = "agent-mueller";
    public const string CustomerHubPath = "/hubs/customer";
    public const string AgentHubPath = "/hubs/agent";

    /// <summary>A chat between the insured and the agent, the agent joined (taken over through the inbox).</summary>
    public static async Task<Guid> ChatAsync(KasseTestHost host, FormClient insured, FormClient agent)
    {
        var conversationId = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", conversationId, "Arbeitsunfähigkeit", null);
        await host.TakeOverChatAsync(Agent, conversationId);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", conversationId);
        return conversationId;
    }

    /// <summary>The agent proposes <paramref name="formName"/> in the chat, the insured accepts; returns the session id.</summary>
    public static async Task<Guid> ProposeAndGrantAsync(FormClient insured, FormClient agent, Guid conversationId, string formName)
    {
        var sessionId = Guid.NewGuid();
        await agent.Connection.InvokeAsync<FormSessionSnapshot>("ProposeForm", conversationId, sessionId, formName);
        await insured.WaitForAsync(c => c.Invitations.Any(i => i.SessionId == sessionId), "the insured's invitation");
        await insured.Connection.InvokeAsync<FormViewState>("GrantFormAccess", sessionId);
        await agent.WaitForStateAsync(sessionId, s => s.Access.Status == FormAccessStatus.Granted && s.Fields.Count > 0, "the agent's first state");
        return sessionId;
    }

    /// <summary>Both connected, chatting, and sharing a granted session of <paramref name="formName"/>.</summary>
    public static async Task<(FormClient Insured, FormClient Agent, Guid SessionId)> SharedFormAsync(KasseTestHost host, string formName)
    {
        var insured = await FormClient.ConnectAsync(host, CustomerHubPath, Insured);
        var agent = await FormClient.ConnectAsync(host, AgentHubPath, Agent);
        var conversationId = await ChatAsync(host, insured, agent);
        return (insured, agent, await ProposeAndGrantAsync(insured, agent, conversationId, formName));
    }

    /// <summary>Today in Berlin as the form's date fields expect it ("YYYY-MM-DD", JSON).</summary>
    public static string TodayJson() =>
        FormStates.Json(DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(DateTimeOffset.UtcNow, TimeZoneInfo.FindSystemTimeZoneById("Europe/Berlin")).DateTime)
            .ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
}
