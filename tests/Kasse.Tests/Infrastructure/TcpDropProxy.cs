using System.Net;
using System.Net.Sockets;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A loopback TCP proxy between a client (a browser context) and a server, for cutting the client's network for
/// real: <see cref="DropAll"/> resets every live connection and turns new ones away until <see cref="Restore"/>.
/// </summary>
public sealed class TcpDropProxy : IAsyncDisposable
{
    private readonly TcpListener _listener = new(IPAddress.Loopback, 0);
    private readonly IPEndPoint _target;
    private readonly CancellationTokenSource _stop = new();
    private readonly Lock _gate = new();
    private readonly HashSet<Link> _links = [];
    private readonly Task _acceptLoop;
    private bool _dropped;

    public TcpDropProxy(Uri target)
    {
        var address = target.IsLoopback && target.HostNameType != UriHostNameType.IPv6 ? IPAddress.Loopback : IPAddress.Parse(target.Host.Trim('[', ']'));
        _target = new IPEndPoint(address, target.Port);
        _listener.Start();
        Port = ((IPEndPoint)_listener.LocalEndpoint).Port;
        _acceptLoop = AcceptLoopAsync(_stop.Token);
    }

    public int Port { get; }

    /// <summary>The server as seen through the proxy (same scheme, the proxy's port).</summary>
    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    /// <summary>Resets every live connection; new connections are reset at once until <see cref="Restore"/>.</summary>
    public void DropAll()
    {
        Link[] links;
        lock (_gate)
        {
            _dropped = true;
            links = [.. _links];
            _links.Clear();
        }
        foreach (var link in links)
            link.Abort();
    }

    /// <summary>Lets connections through again.</summary>
    public void Restore()
    {
        lock (_gate)
            _dropped = false;
    }

    private async Task AcceptLoopAsync(CancellationToken cancellation)
    {
        while (!cancellation.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await _listener.AcceptSocketAsync(cancellation);
            }
            catch (Exception e) when (e is OperationCanceledException or ObjectDisposedException or SocketException)
            {
                return;
            }
            _ = RunLinkAsync(client, cancellation);
        }
    }

    private async Task RunLinkAsync(Socket client, CancellationToken cancellation)
    {
        var upstream = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        var link = new Link(client, upstream);
        lock (_gate)
        {
            if (_dropped)
            {
                link.Abort();
                return;
            }
            _links.Add(link);
        }
        try
        {
            client.NoDelay = true;
            upstream.NoDelay = true;
            await upstream.ConnectAsync(_target, cancellation);
            // A direction that ends passes the end on (half-close); one that fails resets the link.
            await Task.WhenAll(PumpAsync(client, upstream, link, cancellation), PumpAsync(upstream, client, link, cancellation));
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            // Reset by DropAll or by a peer.
        }
        finally
        {
            lock (_gate)
                _links.Remove(link);
            link.Abort();
        }
    }

    private static async Task PumpAsync(Socket from, Socket to, Link link, CancellationToken cancellation)
    {
        var buffer = new byte[16 * 1024];
        try
        {
            while (true)
            {
                var read = await from.ReceiveAsync(buffer, SocketFlags.None, cancellation);
                if (read == 0)
                {
                    to.Shutdown(SocketShutdown.Send);
                    return;
                }
                var sent = 0;
                while (sent < read)
                    sent += await to.SendAsync(buffer.AsMemory(sent, read - sent), SocketFlags.None, cancellation);
            }
        }
        catch (Exception e) when (e is SocketException or ObjectDisposedException or OperationCanceledException)
        {
            link.Abort();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        DropAll();
        await _acceptLoop;
        _stop.Dispose();
    }

    /// <summary>Both sockets of one proxied connection.</summary>
    private sealed class Link(Socket client, Socket upstream)
    {
        private int _aborted;

        /// <summary>Closes both sides with a reset (linger 0), as a dropped network looks to the peers.</summary>
        public void Abort()
        {
            if (Interlocked.Exchange(ref _aborted, 1) != 0)
                return;
            foreach (var socket in new[] { client, upstream })
            {
                try
                {
                    socket.LingerState = new LingerOption(true, 0);
                }
                catch (Exception e) when (e is SocketException or ObjectDisposedException)
                {
                    // Not connected yet or already closed.
                }
                socket.Dispose();
            }
        }
    }
}
