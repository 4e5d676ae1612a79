using System.Collections.Concurrent;

namespace Kasse.Web.Realtime;

/// <summary>
/// Which connections of this host belong to which user. The person hubs (customer, agent, PIN) share one index, so a
/// delivery finds all of a user's connections with one lookup instead of one per hub; each connection knows its hub
/// (<see cref="ClientConnection.Hub"/>). A user is one entry holding a small array, and adding or removing a connection
/// touches that entry only.
/// </summary>
public sealed class UserIndex
{
    private readonly ConcurrentDictionary<string, ClientConnection[]> _byUser = new(StringComparer.Ordinal);

    /// <summary>How many users have at least one connection in this index.</summary>
    public int UserCount => _byUser.Count;

    public void Add(ClientConnection connection) =>
        _byUser.AddOrUpdate(connection.UserId, static (_, c) => [c], static (_, existing, c) => [.. existing, c], connection);

    public void Remove(string userId, string connectionId)
    {
        // Compare-and-swap on the user's entry: concurrent connects and disconnects of the same user never lose one.
        while (_byUser.TryGetValue(userId, out var existing))
        {
            var index = Array.FindIndex(existing, c => c.Id == connectionId);
            if (index < 0)
                return;
            if (existing.Length == 1)
            {
                if (_byUser.TryRemove(KeyValuePair.Create(userId, existing)))
                    return;
                continue;
            }
            ClientConnection[] remaining = [.. existing[..index], .. existing[(index + 1)..]];
            if (_byUser.TryUpdate(userId, remaining, existing))
                return;
        }
    }

    /// <summary>The user's connections in this index (empty when none); an array, so that a foreach over it allocates nothing.</summary>
    public ClientConnection[] Of(string userId) => _byUser.TryGetValue(userId, out var connections) ? connections : [];
}
