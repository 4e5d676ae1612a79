using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using Npgsql;

namespace Kasse.Tests.Chat;

/// <summary>Two silos on one PostgreSQL: a client on one silo receives what a grain on the other sends.</summary>
public sealed class CrossSiloChatTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Insured_on_silo_A_and_agent_on_silo_B_chat_and_every_message_is_in_the_history_table()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("crosssilo");
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = connectionString,
            ["Orleans:ClusterId"] = $"cross-{Guid.NewGuid():N}",
            ["Auth:DevelopmentSigningKey"] = SiloProcess.ClusterSigningKey,
            // One person opening a dozen chats at once would be refused; this test is about delivery, not limits.
            ["Realtime:SendRateLimit:Burst"] = "100",
        };
        await using var siloA = await KasseTestHost.StartAsync(settings: settings);
        await using var siloB = await KasseTestHost.StartAsync(settings: settings);
        await using var insured = await new ChatClient(siloA.CreateHubConnection("/hubs/customer", await siloA.SignInAsync("A123456780"))).StartAsync();
        await using var agent = await new ChatClient(siloB.CreateHubConnection("/hubs/agent", await siloB.SignInAsync("agent-mueller"))).StartAsync();

        // Many conversations, so that their grains land on both silos.
        var ids = Enumerable.Range(0, 12).Select(_ => Guid.NewGuid()).ToArray();
        foreach (var id in ids)
        {
            await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Mitgliedsbescheinigung", null);
            await siloB.TakeOverChatAsync("agent-mueller", id);
            await agent.Connection.InvokeAsync<ConversationView>("JoinConversation", id);
        }
        var acks = new List<(Guid Id, PostAck Insured, PostAck Agent)>();
        foreach (var id in ids)
        {
            var fromInsured = await insured.Connection.InvokeAsync<PostAck>("SendMessage", id, "i-1", "Bitte schicken Sie mir eine Bescheinigung.");
            var fromAgent = await agent.Connection.InvokeAsync<PostAck>("SendMessage", id, "a-1", "Ist unterwegs.");
            acks.Add((id, fromInsured, fromAgent));
        }

        foreach (var (id, fromInsured, fromAgent) in acks)
        {
            await agent.WaitForSeqAsync(id, fromInsured.Seq, Wait);
            await insured.WaitForSeqAsync(id, fromAgent.Seq, Wait);
        }
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand("SELECT count(*) FROM conversation_events WHERE kind = 1 AND conversation_id = ANY($1)", connection)
        {
            Parameters = { new NpgsqlParameter { Value = ids } },
        };
        Assert.Equal(ids.Length * 2L, (long)(await count.ExecuteScalarAsync())!);
    }
}
