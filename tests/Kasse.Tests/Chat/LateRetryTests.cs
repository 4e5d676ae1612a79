using Kasse.Conversations;
using Kasse.Grains.Conversations;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace Kasse.Tests.Chat;

/// <summary>
/// A retried message is stored once however late the retry comes: also when its original lies further back than the
/// client message ids the conversation grain remembers, and also after the conversation was closed.
/// </summary>
public sealed class LateRetryTests
{
    private static readonly Participant Insured = new("A123456780", ParticipantRole.Insured, "Anna Bergmann");

    [Fact]
    public async Task A_retry_from_beyond_the_remembered_window_gets_the_original_ack_in_the_embedded_default()
    {
        await using var host = await KasseTestHost.StartAsync();
        var id = Guid.NewGuid();

        var (original, retry, afterClose) = await SendRetryBeyondTheWindowAsync(host, id);

        AssertOriginalAck(original, retry);
        AssertOriginalAck(original, afterClose);
        var events = await host.Services.GetRequiredService<IConversationHistory>().ReadAfterAsync(id, 0, 10_000);
        Assert.Single(events, e => e.ClientMessageId == "late-1");
    }

    [Fact]
    public async Task A_retry_from_beyond_the_remembered_window_is_stored_once_in_PostgreSQL()
    {
        var postgres = await PostgresServer.SharedAsync();
        var connectionString = await postgres.CreateDatabaseAsync("lateretry");
        await using var host = await KasseTestHost.StartAsync(settings: new Dictionary<string, string> { ["ConnectionStrings:Kasse"] = connectionString });
        var id = Guid.NewGuid();

        var (original, retry, afterClose) = await SendRetryBeyondTheWindowAsync(host, id);

        AssertOriginalAck(original, retry);
        AssertOriginalAck(original, afterClose);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await using var count = new NpgsqlCommand(
            "SELECT count(*) FROM conversation_events WHERE conversation_id = $1 AND client_message_id = 'late-1'", connection)
        {
            Parameters = { new NpgsqlParameter { Value = id } },
        };
        Assert.Equal(1L, (long)(await count.ExecuteScalarAsync())!);
    }

    /// <summary>The original, then more messages than the grain remembers ids of, then the retry; then the same after a close.</summary>
    private static async Task<(PostAck Original, PostAck Retry, PostAck AfterClose)> SendRetryBeyondTheWindowAsync(KasseTestHost host, Guid id)
    {
        // Straight to the grain: the hub's rate limit would make 300 messages take half a minute.
        var conversation = host.Services.GetRequiredService<IGrainFactory>().GetGrain<IConversationGrain>(id);
        await conversation.Start(Insured, "Späte Wiederholung", null);
        var original = await conversation.Post(Insured, "late-1", "Die erste Nachricht.");
        for (var i = 0; i < ConversationGrain.RememberedClientIds + 40; i++)
            await conversation.Post(Insured, $"later-{i}", $"Nachricht {i}");

        var retry = await conversation.Post(Insured, "late-1", "Die erste Nachricht.");
        await conversation.Close(Insured);
        var afterClose = await conversation.Post(Insured, "late-1", "Die erste Nachricht.");
        return (original, retry, afterClose);
    }

    private static void AssertOriginalAck(PostAck original, PostAck retry)
    {
        Assert.False(original.Duplicate);
        Assert.True(retry.Duplicate);
        Assert.Equal(original.Seq, retry.Seq);
        Assert.Equal(original.Event!.Seq, retry.Event!.Seq);
        Assert.Equal("Die erste Nachricht.", retry.Event.Text);
    }
}
