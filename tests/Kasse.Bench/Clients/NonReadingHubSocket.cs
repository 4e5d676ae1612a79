using System.Net.WebSockets;
using System.Text;

namespace Kasse.Bench.Clients;

/// <summary>
/// A SignalR client that completes the handshake and then never reads again (a stuck tab, a phone behind a dead
/// radio link): every push to it piles up in the socket buffers and then in the gateway. It keeps sending pings, so the
/// server's client time-out never closes it; only the gateway's slow-reader limit does. Raw WebSocket, so no thread of
/// the bench blocks on it.
/// </summary>
public sealed class NonReadingHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _pings;

    private NonReadingHubSocket(ClientWebSocket socket)
    {
        _socket = socket;
        _pings = PingAsync(_stop.Token);
    }

    /// <summary>Connects to <paramref name="hubUri"/> (http://…), completes the handshake and stops reading.</summary>
    public static async Task<NonReadingHubSocket> ConnectAsync(Uri hubUri, string accessToken, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(hubUri) { Scheme = hubUri.Scheme == "https" ? "wss" : "ws", Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        await socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        // The handshake answer is the last thing this client reads.
        var buffer = new byte[1024];
        var received = 0;
        while (received == 0 || buffer[received - 1] != (byte)RecordSeparator)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(received), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("the hub refused the handshake");
            received += result.Count;
        }
        return new NonReadingHubSocket(socket);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pings;
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task PingAsync(CancellationToken cancellationToken)
    {
        using var timer = new PeriodicTimer(PingInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
                await _socket.SendAsync(Ping, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Stopped, or the server closed the connection: nothing more to ping.
        }
    }
}
