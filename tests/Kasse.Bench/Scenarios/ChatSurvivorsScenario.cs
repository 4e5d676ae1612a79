using System.Globalization;
using Kasse.Bench.Diagnostics;
using Kasse.Conversations;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Scenarios;

/// <summary>
/// <c>chat-survivors</c>: what a conversation keeps of each message, independent of machine load. C conversations get
/// <c>--fill</c> messages each (so every conversation's memory of recent events and client ids is full, as in a long
/// chat), straight through the grain (no SignalR). Then <c>--rounds</c> rounds post one message to every conversation,
/// wait for all acks, and force a gen-1 collection. What a round's collection moves to gen 2 lived through a whole
/// round (what was merely in flight at one collection, e.g. the round's fan-out, is gone by the next): that is what the
/// message path keeps beyond the call, <c>promoted_gen2_b_per_msg</c>; <c>promoted_gen1_b_per_msg</c> includes the
/// in-flight part. Also <c>alloc_kb_per_msg</c> (grain, history writer and Orleans; no clients). In <c>chat</c> under
/// load the kept bytes live for seconds to minutes and die in gen 2.
/// </summary>
public static class ChatSurvivorsScenario
{
    public const string Name = "chat-survivors";

    public static async Task<ScenarioResult> RunAsync(BenchOptions options)
    {
        var conversations = options.Int("conversations", 100, 1, 10_000);
        var fill = options.Int("fill", 300, 0, 100_000);
        var rounds = options.Int("rounds", 50, 1, 100_000);
        options.EnsureAllRead();

        await using var postgres = await PostgresDurability.StartAsync(Name, durable: false);
        var connectionString = await postgres.CreateDatabaseAsync("bench");
        await using var server = await InProcessServer.StartAsync([$"ConnectionStrings:Kasse={connectionString}"]);
        var grains = server.Services.GetRequiredService<IGrainFactory>();
        var senders = Enumerable.Range(0, conversations)
            .Select(i => (Grain: grains.GetGrain<IConversationGrain>(Guid.NewGuid()),
                Insured: new Participant($"bench-insured-{i:D5}", ParticipantRole.Insured, $"Versicherte {i}")))
            .ToArray();
        await Task.WhenAll(senders.Select(s => s.Grain.Start(s.Insured, "Frage zum Beitrag", null)));
        long next = 0;
        for (var i = 0; i < fill; i++)
            await PostRoundAsync(senders, ++next);
        Console.Error.WriteLine($"{Name}: {conversations} conversations with {fill} messages each; measuring {rounds} rounds");

        using var promotions = new GcPromotions();
        GC.Collect(2, GCCollectionMode.Forced, blocking: true, compacting: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        promotions.Start();
        for (var round = 0; round < rounds; round++)
        {
            await PostRoundAsync(senders, ++next);
            GC.Collect(1, GCCollectionMode.Forced, blocking: true);
        }
        // The runtime's events reach the listener a moment after each collection.
        var until = DateTime.UtcNow.AddSeconds(10);
        while (promotions.Collections < rounds && DateTime.UtcNow < until)
            await Task.Delay(50);
        promotions.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var messages = (double)rounds * conversations;
        return new ScenarioResult(Name) { OpsPerSecond = 0 }
            .With("conversations", conversations)
            .With("fill", fill)
            .With("rounds", rounds)
            .With("collections_seen", promotions.Collections)
            .With("promoted_gen1_b_per_msg", Math.Round(promotions.PromotedIntoGen1 / messages, 1))
            .With("promoted_gen2_b_per_msg", Math.Round(promotions.PromotedIntoGen2 / messages, 1))
            .With("alloc_kb_per_msg", Math.Round(allocated / 1024.0 / messages, 2));
    }

    private static Task PostRoundAsync((IConversationGrain Grain, Participant Insured)[] senders, long n) =>
        Task.WhenAll(senders.Select(s => s.Grain.Post(
            s.Insured, "m-" + n.ToString(CultureInfo.InvariantCulture),
            ChatScenario.TextAt(n))));
}
