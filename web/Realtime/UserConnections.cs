using System.Collections.Concurrent;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Web.Realtime;

/// <summary>
/// Which connections of this host belong to which user, for one hub: how a delivery for a user finds that user's
/// connections. SignalR's groups would do the same, but a group per user costs a concurrent dictionary of its own
/// (about 0.8 KB per idle connection), and SignalR removes a closing connection from its groups by scanning every
/// group of the hub. Here a user is one entry holding a small array, and adding or removing touches that entry only.
/// </summary>
public abstract class UserConnections(int maxPendingPushes = SlowReaderOptions.DefaultMaxPendingPushes)
{
    private readonly ConcurrentDictionary<string, ClientConnection[]> _byUser = new(StringComparer.Ordinal);

    /// <summary>How many users have at least one connection here.</summary>
    public int UserCount => _byUser.Count;

    /// <summary>Pushes one connection may have waiting for its send buffer before it is closed (<see cref="SlowReaderOptions"/>).</summary>
    public int MaxPendingPushes { get; } = maxPendingPushes;

    /// <summary>Registers a connection; <paramref name="context"/> lets the gateway close it when it falls too far behind.</summary>
    public ClientConnection Add(string userId, string connectionId, HubCallerContext? context = null)
    {
        var connection = new ClientConnection(connectionId, userId, context);
        _byUser.AddOrUpdate(userId, static (_, c) => [c], static (_, existing, c) => [.. existing, c], connection);
        return connection;
    }

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

    /// <summary>The user's connections on this host (empty when none); an array, so that a foreach over it allocates nothing.</summary>
    public ClientConnection[] Of(string userId) => _byUser.TryGetValue(userId, out var connections) ? connections : [];

    /// <summary>Whether this hub's connections get agents' desks (see <see cref="IReceivesAgentDesk"/>).</summary>
    public virtual bool ReceivesDesk => false;

    /// <summary>Sends one message to one connection of this hub.</summary>
    public abstract Task SendAsync(string connectionId, string method, object payload);

    /// <summary>A connection of this hub fell more than <see cref="MaxPendingPushes"/> behind and is being closed.</summary>
    public virtual void ReportClosedBehind(ClientConnection connection)
    {
    }
}

/// <summary>
/// The <see cref="UserConnections"/> of hub <typeparamref name="THub"/> (one singleton per hub). One send per
/// connection: SignalR finds a single connection by a dictionary lookup, whereas a send to a list of connection ids
/// walks every connection of the hub.
/// </summary>
public sealed partial class UserConnections<THub>(
    IHubContext<THub> hub, IOptions<SlowReaderOptions> slowReader, ILogger<UserConnections<THub>> logger)
    : UserConnections(slowReader.Value.MaxPendingPushes)
    where THub : Hub
{
    public override bool ReceivesDesk { get; } = typeof(IReceivesAgentDesk).IsAssignableFrom(typeof(THub));

    public override Task SendAsync(string connectionId, string method, object payload) =>
        hub.Clients.Client(connectionId).SendAsync(method, payload);

    public override void ReportClosedBehind(ClientConnection connection) =>
        LogClosedBehind(logger, typeof(THub).Name, MaxPendingPushes);

    // No connection or user id: the line says that it happened and how often, nothing about whom.
    [LoggerMessage(Level = LogLevel.Information, Message = "Closing a {Hub} connection: more than {Limit} pushes wait for a client that does not read (SLOW_READER); it resumes by seq after reconnecting")]
    private static partial void LogClosedBehind(ILogger logger, string hub, int limit);
}
