namespace Kasse.Web.Realtime;

/// <summary>
/// Configuration section <c>Realtime:SlowReader</c>: how far a connection may fall behind its pushes before the
/// gateway closes it (the client reconnects and resumes by seq, as after any drop).
/// </summary>
public sealed class SlowReaderOptions
{
    public const string Section = "Realtime:SlowReader";

    /// <summary>
    /// Pushes to one connection that SignalR could not yet hand to the transport, because the connection's send
    /// buffer (64 KB) is full and the client does not read. One more and the connection is closed. A waiting push keeps
    /// its event alive (shared with the user's other connections), so this bounds a slow reader's backlog to this many
    /// events: with chat messages of up to 4,000 characters about 2 MB at worst, usually far less.
    /// </summary>
    public int MaxPendingPushes { get; set; } = DefaultMaxPendingPushes;

    public const int DefaultMaxPendingPushes = 256;
}
