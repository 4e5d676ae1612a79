using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Kasse.Web.Realtime;

/// <summary>
/// The connections of one hub on this host, in a <see cref="UserIndex"/> (the person hubs share one, see there): how a
/// delivery for a user finds that user's connections. SignalR's groups would do the same, but a group per user costs a
/// concurrent dictionary of its own (about 0.8 KB per idle connection), and SignalR removes a closing connection from
/// its groups by scanning every group of the hub.
/// </summary>
public abstract class UserConnections(int maxPendingPushes = SlowReaderOptions.DefaultMaxPendingPushes, UserIndex? index = null)
{
    private readonly UserIndex _index = index ?? new UserIndex();

    /// <summary>How many users have at least one connection in this hub's index (shared with the other person hubs).</summary>
    public int UserCount => _index.UserCount;

    /// <summary>Pushes one connection may have waiting for its send buffer before it is closed (<see cref="SlowReaderOptions"/>).</summary>
    public int MaxPendingPushes { get; } = maxPendingPushes;

    /// <summary>Registers a connection; <paramref name="context"/> lets the gateway close it when it falls too far behind.</summary>
    public ClientConnection Add(string userId, string connectionId, HubCallerContext? context = null)
    {
        var connection = new ClientConnection(connectionId, userId, context, this);
        _index.Add(connection);
        return connection;
    }

    // Connection ids are unique across hubs, so a shared index removes exactly this hub's connection.
    public void Remove(string userId, string connectionId) => _index.Remove(userId, connectionId);

    /// <summary>
    /// The user's connections in this hub's index (empty when none): with a shared index, those of every hub sharing it
    /// (each connection's <see cref="ClientConnection.Hub"/> says which).
    /// </summary>
    public ClientConnection[] Of(string userId) => _index.Of(userId);

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
    IHubContext<THub> hub, IOptions<SlowReaderOptions> slowReader, ILogger<UserConnections<THub>> logger, UserIndex index)
    : UserConnections(slowReader.Value.MaxPendingPushes, index)
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
