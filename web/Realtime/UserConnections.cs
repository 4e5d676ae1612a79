using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// Which connections of this host belong to which user, for one hub: how a delivery for a user finds that user's
/// connections. SignalR's groups would do the same, but a group per user costs a concurrent dictionary of its own
/// (about 0.8 KB per idle connection), and SignalR removes a closing connection from its groups by scanning every
/// group of the hub. Here a user is one entry holding a small array, and adding or removing touches that entry only.
/// </summary>
public class UserConnections
{
    private readonly ConcurrentDictionary<string, string[]> _byUser = new(StringComparer.Ordinal);

    /// <summary>How many users have at least one connection here.</summary>
    public int UserCount => _byUser.Count;

    public void Add(string userId, string connectionId) =>
        _byUser.AddOrUpdate(userId, static (_, id) => [id], static (_, existing, id) => [.. existing, id], connectionId);

    public void Remove(string userId, string connectionId)
    {
        // Compare-and-swap on the user's entry: concurrent connects and disconnects of the same user never lose one.
        while (_byUser.TryGetValue(userId, out var existing))
        {
            var index = Array.IndexOf(existing, connectionId);
            if (index < 0)
                return;
            if (existing.Length == 1)
            {
                if (_byUser.TryRemove(KeyValuePair.Create(userId, existing)))
                    return;
                continue;
            }
            string[] remaining = [.. existing[..index], .. existing[(index + 1)..]];
            if (_byUser.TryUpdate(userId, remaining, existing))
                return;
        }
    }

    /// <summary>The user's connections on this host (empty when none).</summary>
    public IReadOnlyList<string> Of(string userId) => _byUser.TryGetValue(userId, out var ids) ? ids : [];
}

/// <summary>The <see cref="UserConnections"/> of hub <typeparamref name="THub"/> (one singleton per hub).</summary>
public sealed class UserConnections<THub> : UserConnections
    where THub : Hub;
