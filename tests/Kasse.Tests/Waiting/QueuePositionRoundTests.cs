using Kasse.Grains.Inbox;
using Kasse.Inbox;

namespace Kasse.Tests.Waiting;

/// <summary>
/// The position rounds of a queue: only changed positions are sent, only the first places are counted exactly, and a
/// long queue moving costs notices for the watched items near the front only — not one per item per change.
/// </summary>
public sealed class QueuePositionRoundTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 10, 0, 0, TimeSpan.Zero);

    [Fact]
    public void A_queue_of_2000_watched_items_sends_only_the_changed_front_positions_when_it_moves()
    {
        var positions = new QueuePositions(new RoutingOptions { ExactPositions = 100 });
        var line = Enumerable.Range(0, 2000).Select(i => Item(i)).ToList();
        foreach (var item in line)
            positions.Watch(item.ItemId, item.Watcher!);

        var first = positions.Round(line, _ => QueuePositions.Standing.Waiting, Now);
        Assert.Equal(2000, first.Count);
        Assert.Equal(1, first[0].Position!.Position);
        Assert.True(first[99].Position!.Exact);
        Assert.Equal((100, false), (first[100].Position!.Position, first[100].Position!.Exact));

        // Nothing changed: nothing is sent.
        Assert.Empty(positions.Round(line, _ => QueuePositions.Standing.Waiting, Now));

        // Ten items at the front are assigned between two rounds: one round, and only the exactly counted places move.
        var gone = line.Take(10).Select(i => i.ItemId).ToHashSet();
        line.RemoveRange(0, 10);
        var moved = positions.Round(line, id => gone.Contains(id) ? QueuePositions.Standing.Gone : QueuePositions.Standing.Waiting, Now);
        Assert.Equal(10 + 100, moved.Count);
        Assert.All(moved.Take(10), d => Assert.Equal(0, d.Position!.Position));
        Assert.Equal(1, moved.Single(d => d.Position!.ConversationId == line[0].Watcher!.ConversationId).Position!.Position);
        Assert.Empty(positions.Round(line, _ => QueuePositions.Standing.Waiting, Now));
    }

    [Fact]
    public void Wait_estimate_is_unknown_without_assignments_and_follows_their_pace()
    {
        var estimator = new WaitEstimator();
        Assert.Null(estimator.SecondsAt(3, Now));
        estimator.Assigned(Now);
        Assert.Null(estimator.SecondsAt(3, Now));

        // One assignment every 30 s: the fourth in line waits about two minutes.
        estimator.Assigned(Now.AddSeconds(30));
        estimator.Assigned(Now.AddSeconds(60));
        Assert.Equal(120, estimator.SecondsAt(4, Now.AddSeconds(60)));

        // Nobody took an item for five minutes: the estimate does not pretend the old pace goes on.
        Assert.True(estimator.SecondsAt(4, Now.AddSeconds(360)) >= 20 * 60);
    }

    private static QueuedItem Item(int i) => new(
        $"chat:{i:D4}", WorkChannel.Chat, 1, Now.AddMinutes(2), Now.AddSeconds(i), [], [], "Anliegen",
        Watcher: new PositionWatcher($"user-{i}", Guid.NewGuid()));
}
