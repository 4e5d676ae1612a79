using Kasse.Conversations;
using Kasse.Grains.Conversations;

namespace Kasse.Tests.Chat;

/// <summary>The grain's memory of its newest events and of recent client message ids, kept without objects per message.</summary>
public sealed class RecentEventsTests
{
    private static readonly Guid Conversation = Guid.Parse("6d2c6a4e-52b7-4a57-9a84-54c1a1f0b001");
    private static readonly DateTimeOffset At = new(2026, 12, 7, 21, 0, 0, TimeSpan.Zero);

    private static ConversationEvent Message(long seq, string? text, string? clientId = null, ConversationEventKind kind = ConversationEventKind.Message) =>
        new(Conversation, seq, kind, seq % 2 == 0 ? "agent-mueller" : "A123456780", seq % 2 == 0 ? ParticipantRole.Agent : ParticipantRole.Insured,
            seq % 2 == 0 ? "Frau Müller" : "Anna Beispiel", clientId ?? (text is null ? null : $"c-{seq}"), text, At.AddSeconds(seq));

    [Fact]
    public void Events_read_back_equal_the_events_kept_across_many_wraps_of_the_ring()
    {
        var recent = new RecentEvents(Conversation, capacity: 8, maxChars: 100);
        var all = Enumerable.Range(1, 500).Select(seq => Message(seq, seq % 7 == 0 ? null : $"Nachricht {seq} {new string('x', seq % 13)}")).ToArray();

        foreach (var e in all)
            recent.Add(e);

        var kept = recent.After(0, 100);
        Assert.InRange(kept.Length, 1, 8);
        Assert.Equal(all[^kept.Length..], kept);
        Assert.True(recent.Covers(all[^kept.Length].Seq - 1));
        Assert.False(recent.Covers(all[^kept.Length].Seq - 2));
        Assert.Equal(all[^1], recent.Find(500));
        Assert.Null(recent.Find(all[^kept.Length].Seq - 1));
        Assert.Equal(all[^3..], recent.After(497, 100));
        Assert.Equal(all[^3..^1], recent.After(497, 2));
    }

    [Fact]
    public void Long_texts_push_out_older_events_and_a_text_longer_than_the_ring_empties_it()
    {
        var recent = new RecentEvents(Conversation, capacity: 64, maxChars: 64);
        recent.Add(Message(1, null, kind: ConversationEventKind.AgentJoined));
        recent.Add(Message(2, new string('a', 20)));
        recent.Add(Message(3, new string('b', 30)));

        recent.Add(Message(4, new string('c', 20)));

        // 2, 3 and 4 need 20+30+20 characters plus their ids: 2 fell out (and 1 with it, being older).
        Assert.Equal([3L, 4L], recent.After(0, 10).Select(e => e.Seq));
        Assert.Equal(new string('b', 30), recent.Find(3)!.Text);

        recent.Add(Message(5, new string('d', 65)));

        Assert.Equal(0, recent.Count);
        Assert.False(recent.Covers(4));
        recent.Add(Message(6, "wieder da"));
        Assert.Equal("wieder da", Assert.Single(recent.After(0, 10)).Text);
    }

    [Fact]
    public void A_remembered_client_id_is_found_until_it_falls_out_of_the_window()
    {
        var ids = new RecentClientIds(capacity: 3);
        ids.Add("A123456780", "c-1", 1);
        ids.Add("agent-mueller", "c-1", 2);
        ids.Add("A123456780", "c-1", 9); // the same pair again keeps its first seq
        ids.Add("A123456780", "c-2", 3);

        Assert.True(ids.TryGetCandidate("A123456780", "c-1", out var first));
        Assert.Equal(1, first);
        Assert.True(ids.TryGetCandidate("agent-mueller", "c-1", out var second));
        Assert.Equal(2, second);
        Assert.False(ids.TryGetCandidate("A123456780", "c-3", out _));
        Assert.False(ids.TryGetCandidate("A12345678", "0c-1", out _));

        ids.Add("A123456780", "c-4", 4);

        Assert.False(ids.TryGetCandidate("A123456780", "c-1", out _));
        Assert.True(ids.TryGetCandidate("A123456780", "c-4", out var fourth));
        Assert.Equal(4, fourth);
    }
}
