using System.Net.WebSockets;
using System.Text;

namespace Kasse.Bench.Clients;

/// <summary>
/// A SignalR client that completes the handshake and then reads at most a given number of bytes per second (a phone on
/// a poor radio link; 0: never again, a stuck tab): what it does not take piles up in the socket buffers and then in
/// the gateway. It keeps sending pings, so the server's client time-out never closes it; reading a little keeps it
/// above Kestrel's minimum response data rate (240 B/s), so only the gateway's slow-reader limit closes it. Raw
/// WebSocket, so no thread of the bench blocks on it.
/// </summary>
public sealed class SlowReadingHubSocket : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private static readonly byte[] Handshake = Encoding.UTF8.GetBytes("{\"protocol\":\"json\",\"version\":1}" + RecordSeparator);
    private static readonly byte[] Ping = Encoding.UTF8.GetBytes("{\"type\":6}" + RecordSeparator);
    private static readonly TimeSpan PingInterval = TimeSpan.FromSeconds(10);

    private readonly ClientWebSocket _socket;
    private readonly CancellationTokenSource _stop = new();
    private static readonly TimeSpan ReadInterval = TimeSpan.FromMilliseconds(100);

    private readonly Task _pings;
    private readonly Task _reads;

    private SlowReadingHubSocket(ClientWebSocket socket, int bytesPerSecond)
    {
        _socket = socket;
        _pings = PingAsync(_stop.Token);
        _reads = bytesPerSecond > 0 ? ReadSlowlyAsync(bytesPerSecond, _stop.Token) : Task.CompletedTask;
    }

    /// <summary>Connects to <paramref name="hubUri"/> (http://…), completes the handshake and from then on reads
    /// <paramref name="bytesPerSecond"/> at most (0: nothing).</summary>
    public static async Task<SlowReadingHubSocket> ConnectAsync(Uri hubUri, string accessToken, int bytesPerSecond, CancellationToken cancellationToken)
    {
        var socket = new ClientWebSocket();
        var uri = new UriBuilder(hubUri) { Scheme = hubUri.Scheme == "https" ? "wss" : "ws", Query = $"access_token={Uri.EscapeDataString(accessToken)}" }.Uri;
        await socket.ConnectAsync(uri, cancellationToken);
        await socket.SendAsync(Handshake, WebSocketMessageType.Text, endOfMessage: true, cancellationToken);
        // The handshake answer is read in full; after it the client reads slowly or not at all.
        var buffer = new byte[1024];
        var received = 0;
        while (received == 0 || buffer[received - 1] != (byte)RecordSeparator)
        {
            var result = await socket.ReceiveAsync(buffer.AsMemory(received), cancellationToken);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("the hub refused the handshake");
            received += result.Count;
        }
        return new SlowReadingHubSocket(socket, bytesPerSecond);
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _pings;
        await _reads;
        _socket.Abort();
        _socket.Dispose();
        _stop.Dispose();
    }

    private async Task ReadSlowlyAsync(int bytesPerSecond, CancellationToken cancellationToken)
    {
        var chunk = new byte[Math.Max(1, (int)(bytesPerSecond * ReadInterval.TotalSeconds))];
        using var timer = new PeriodicTimer(ReadInterval);
        try
        {
            while (await timer.WaitForNextTickAsync(cancellationToken))
            {
                var result = await _socket.ReceiveAsync(chunk, cancellationToken);
                if (result.MessageType == WebSocketMessageType.Close)
                    return;
            }
        }
        catch (Exception e) when (e is OperationCanceledException or WebSocketException or ObjectDisposedException)
        {
            // Stopped, or the server closed the connection.
        }
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
