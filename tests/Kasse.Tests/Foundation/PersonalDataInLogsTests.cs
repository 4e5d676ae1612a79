using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Foundation;

/// <summary>Social data (§35 SGB I) stays out of application logs: no names, no message texts, no birth dates.</summary>
public sealed class PersonalDataInLogsTests
{
    [Fact]
    public async Task A_chat_with_refusals_leaves_no_names_or_message_texts_in_the_logs()
    {
        var logs = new CapturingLoggerProvider();
        await using var host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string> { ["Logging:LogLevel:Default"] = "Debug" },
            configure: builder => builder.Logging.AddProvider(logs).SetMinimumLevel(LogLevel.Debug));
        const string Secret = "Diagnose Q87.1 Zöliakie-Verdacht";
        await using var insured = await new ChatClient(host.CreateHubConnection("/hubs/customer", await host.SignInAsync("A123456780"))).StartAsync();
        await using var agent = await new ChatClient(host.CreateHubConnection("/hubs/agent", await host.SignInAsync("agent-mueller"))).StartAsync();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Leistungen", null);
        await host.TakeOverChatAsync("agent-mueller", id);
        await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        var ack = await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "p-1", Secret);
        await agent.WaitForSeqAsync(id, ack.Seq, TimeSpan.FromSeconds(15));
        // Refusals are logged by the gateway; they must not carry the refused text either.
        await Assert.ThrowsAsync<Microsoft.AspNetCore.SignalR.HubException>(() =>
            insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "p-2", Secret + new string('x', ConversationErrors.MaxMessageLength)));
        using (var profile = host.CreateClient(await host.SignInAsync("A123456780")))
            await profile.GetStringAsync("/api/me/profile");

        Assert.NotEmpty(logs.Lines);
        foreach (var personal in new[] { Secret, "Zöliakie", "Bergmann", "Anna", "1984-03-12", "12.03.1984", "A123456780" })
            Assert.DoesNotContain(logs.Lines, line => line.Contains(personal, StringComparison.Ordinal));
    }
}
