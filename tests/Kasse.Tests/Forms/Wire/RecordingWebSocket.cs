using System.Net.WebSockets;
using System.Text;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// A client WebSocket that keeps every byte the server sent, so a test can search the raw frames a connection received
/// (whatever the client library made of them afterwards). Everything else passes straight to the real socket.
/// </summary>
public sealed class RecordingWebSocket(WebSocket inner) : WebSocket
{
    private readonly Lock _gate = new();
    private readonly MemoryStream _received = new();

    /// <summary>Everything received so far, as text (the JSON hub protocol is UTF-8 text).</summary>
    public string ReceivedText
    {
        get
        {
            lock (_gate)
                return Encoding.UTF8.GetString(_received.GetBuffer(), 0, (int)_received.Length);
        }
    }

    public override WebSocketCloseStatus? CloseStatus => inner.CloseStatus;

    public override string? CloseStatusDescription => inner.CloseStatusDescription;

    public override WebSocketState State => inner.State;

    public override string? SubProtocol => inner.SubProtocol;

    public override void Abort() => inner.Abort();

    public override Task CloseAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseAsync(closeStatus, statusDescription, cancellationToken);

    public override Task CloseOutputAsync(WebSocketCloseStatus closeStatus, string? statusDescription, CancellationToken cancellationToken) =>
        inner.CloseOutputAsync(closeStatus, statusDescription, cancellationToken);

    public override void Dispose() => inner.Dispose();

    public override async Task<WebSocketReceiveResult> ReceiveAsync(ArraySegment<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        Record(buffer.AsSpan(0, result.Count));
        return result;
    }

    public override async ValueTask<ValueWebSocketReceiveResult> ReceiveAsync(Memory<byte> buffer, CancellationToken cancellationToken)
    {
        var result = await inner.ReceiveAsync(buffer, cancellationToken);
        Record(buffer.Span[..result.Count]);
        return result;
    }

    public override Task SendAsync(ArraySegment<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    public override ValueTask SendAsync(ReadOnlyMemory<byte> buffer, WebSocketMessageType messageType, bool endOfMessage, CancellationToken cancellationToken) =>
        inner.SendAsync(buffer, messageType, endOfMessage, cancellationToken);

    private void Record(ReadOnlySpan<byte> bytes)
    {
        lock (_gate)
            _received.Write(bytes);
    }
}
