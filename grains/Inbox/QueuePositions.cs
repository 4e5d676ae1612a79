using Kasse.Gateway;
using Kasse.Inbox;

namespace Kasse.Grains.Inbox;

/// <summary>
/// The position notices of one queue's watched items (chats whose insured waits, see <see cref="PositionWatcher"/>).
/// The queue marks it changed whenever its line changes and runs a round at most once per
/// <see cref="RoutingOptions.PositionInterval"/>: a round counts exactly only the first
/// <see cref="RoutingOptions.ExactPositions"/> places (the rest are "beyond"), and notifies only the watched items whose
/// position or estimate changed since their last notice. So a queue of thousands sends, per second, at most as many
/// notices as it has watched items near the front — not one per item per change.
/// </summary>
public sealed class QueuePositions(RoutingOptions options)
{
    private readonly Dictionary<string, Watched> _watched = [];

    /// <summary>How an item stands in the queue, as the queue tells a round.</summary>
    public enum Standing
    {
        Waiting,
        BeingOffered,
        Gone,
    }

    public WaitEstimator Estimator { get; } = new();

    public bool HasWatched => _watched.Count > 0;

    /// <summary>Something changed since the last round.</summary>
    public bool Dirty { get; private set; }

    public void Watch(string itemId, PositionWatcher watcher)
    {
        if (!_watched.TryGetValue(itemId, out var known) || known.Watcher != watcher)
            _watched[itemId] = new Watched(watcher);
        Dirty = true;
    }

    public void Changed() => Dirty = true;

    /// <summary>
    /// One round: the notices to send, for the watched items whose position changed. <paramref name="ordered"/> is the
    /// queue's line in order (read only as far as needed); <paramref name="standing"/> says where any item stands.
    /// </summary>
    public List<ClientDelivery> Round(IEnumerable<QueuedItem> ordered, Func<string, Standing> standing, DateTimeOffset now)
    {
        Dirty = false;
        var perPlace = Estimator.PerPlace(now);
        var deliveries = new List<ClientDelivery>();
        var place = 0;
        var seen = 0;
        foreach (var item in ordered)
        {
            if (++place > options.ExactPositions || seen == _watched.Count)
                break;
            if (_watched.TryGetValue(item.ItemId, out var watched))
            {
                seen++;
                watched.SeenAtRound = place;
            }
        }
        foreach (var (itemId, watched) in _watched.ToArray())
        {
            var (position, exact) = watched.SeenAtRound > 0 ? (watched.SeenAtRound, true)
                : standing(itemId) switch
                {
                    Standing.Waiting => (options.ExactPositions, false),
                    _ => (0, true),
                };
            watched.SeenAtRound = 0;
            var estimate = position == 0 ? 0 : WaitEstimator.SecondsAt(position, perPlace);
            if (watched.Last is not { } last || last.Position != position || last.Exact != exact || last.EstimatedWaitSeconds != estimate)
            {
                watched.Last = new QueuePositionNotice(watched.Watcher.ConversationId, position, estimate, now, exact);
                deliveries.Add(new ClientDelivery([watched.Watcher.InsuredUserId], null, null, Position: watched.Last));
            }
            if (position == 0 && standing(itemId) == Standing.Gone)
                _watched.Remove(itemId);
        }
        return deliveries;
    }

    /// <summary>Where one item stands now (for a client that just connected); null when it is not watched here.</summary>
    public QueuePositionNotice? PositionOf(string itemId, IEnumerable<QueuedItem> ordered, Standing standing, DateTimeOffset now)
    {
        if (!_watched.TryGetValue(itemId, out var watched))
            return null;
        var position = 0;
        var exact = true;
        if (standing == Standing.Waiting)
        {
            var place = 0;
            position = options.ExactPositions;
            exact = false;
            foreach (var item in ordered)
            {
                if (++place > options.ExactPositions)
                    break;
                if (item.ItemId == itemId)
                {
                    position = place;
                    exact = true;
                    break;
                }
            }
        }
        return new QueuePositionNotice(watched.Watcher.ConversationId, position, position == 0 ? 0 : Estimator.SecondsAt(position, now), now, exact);
    }

    private sealed class Watched(PositionWatcher watcher)
    {
        public PositionWatcher Watcher { get; } = watcher;

        public QueuePositionNotice? Last { get; set; }

        public int SeenAtRound { get; set; }
    }
}
