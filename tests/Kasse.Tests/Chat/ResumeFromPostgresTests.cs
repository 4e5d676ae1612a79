using Kasse.Conversations;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Chat;

/// <summary>
/// A client that resumes from an old seq gets every event from PostgreSQL, once and in order: when the events lie
/// beyond the conversation's recent events in memory, and when the conversation was not in memory at all (restart).
/// </summary>
public sealed class ResumeFromPostgresTests
{
    // Well beyond the recent events the conversation keeps in memory (64), so that a resume from the start must read
    // the history table.
    private const int Messages = 150;

    [Fact]
    public async Task A_client_resuming_from_an_old_seq_gets_every_event_from_postgresql_once_and_in_order_also_after_a_restart()
    {
        var postgres = await PostgresServer.SharedAsync();
        var settings = new Dictionary<string, string>
        {
            ["ConnectionStrings:Kasse"] = await postgres.CreateDatabaseAsync("resume"),
            ["Orleans:ClusterId"] = $"resume-{Guid.NewGuid():N}",
            ["Auth:DevelopmentSigningKey"] = SiloProcess.ClusterSigningKey,
            // This test is about the history, not the send limit.
            ["Realtime:SendRateLimit:Burst"] = "1000",
            ["Realtime:SendRateLimit:TokensPerSecond"] = "1000",
        };
        var id = Guid.NewGuid();
        var texts = Enumerable.Range(1, Messages).Select(i => $"Nachricht {i}").ToArray();

        await using (var first = await KasseTestHost.StartAsync(settings: settings))
        {
            await using var insured = first.CreateHubConnection(CustomerHub.Path, await first.SignInAsync("A123456780"));
            await insured.StartAsync();
            await insured.InvokeAsync<ConversationView>(nameof(CustomerHub.StartConversation), id, "Krankengeld", null);
            for (var i = 0; i < Messages; i++)
                await insured.InvokeAsync<PostAck>(nameof(CustomerHub.SendMessage), id, $"resume-{i + 1}", texts[i]);

            AssertEveryMessageOnceInOrder(await ResumeAllAsync(insured, id, afterSeq: 1), texts);
        }

        await using var second = await KasseTestHost.StartAsync(settings: settings);
        await using var reconnected = second.CreateHubConnection(CustomerHub.Path, await second.SignInAsync("A123456780"));
        await reconnected.StartAsync();
        AssertEveryMessageOnceInOrder(await ResumeAllAsync(reconnected, id, afterSeq: 1), texts);
        AssertEveryMessageOnceInOrder(await ResumeAllAsync(reconnected, id, afterSeq: 1), texts);
    }

    /// <summary>Pages through Resume as a client does, keeping every event it is given (duplicates included).</summary>
    private static async Task<List<ConversationEvent>> ResumeAllAsync(HubConnection connection, Guid id, long afterSeq)
    {
        var all = new List<ConversationEvent>();
        IReadOnlyList<ConversationEvent> page;
        do
        {
            page = await connection.InvokeAsync<IReadOnlyList<ConversationEvent>>(nameof(CustomerHub.Resume), id, afterSeq);
            all.AddRange(page);
            if (page.Count > 0)
                afterSeq = page[^1].Seq;
        }
        while (page.Count > 0);
        return all;
    }

    private static void AssertEveryMessageOnceInOrder(List<ConversationEvent> events, string[] texts)
    {
        Assert.Equal(Enumerable.Range(2, texts.Length).Select(i => (long)i), events.Select(e => e.Seq));
        Assert.Equal(texts, events.Select(e => e.Text));
    }
}
