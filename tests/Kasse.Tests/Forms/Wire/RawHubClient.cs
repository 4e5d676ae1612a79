using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// A hub client written from the protocol alone, as a browser's script speaks it: JSON text frames ended by the record
/// separator, a handshake, invocations with plain JSON arguments, completions matched by invocation id.
/// </summary>
public sealed class RawHubClient : IAsyncDisposable
{
    private const char RecordSeparator = '\u001e';
    private readonly ClientWebSocket _socket = new();
    private readonly StringBuilder _pending = new();
    private int _nextId;

    public static async Task<RawHubClient> ConnectAsync(KasseTestHost host, string hubPath, string userId)
    {
        var client = new RawHubClient();
        client._socket.Options.SetRequestHeader("Authorization", $"Bearer {await host.SignInAsync(userId)}");
        var uri = new UriBuilder(new Uri(host.BaseAddress, hubPath)) { Scheme = "ws" }.Uri;
        using var timeout = new CancellationTokenSource(TestTimeouts.ForEvent(TimeSpan.FromSeconds(15)));
        await client._socket.ConnectAsync(uri, timeout.Token);
        await client.SendAsync("""{"protocol":"json","version":1}""");
        var handshake = await client.ReceiveAsync();
        if (handshake.ContainsKey("error"))
            throw new InvalidOperationException($"handshake refused: {handshake}");
        return client;
    }

    /// <summary>Invokes <paramref name="target"/> with the arguments as JSON text; returns the completion message.</summary>
    public async Task<JsonObject> InvokeAsync(string target, string argumentsJson)
    {
        var id = (++_nextId).ToString(System.Globalization.CultureInfo.InvariantCulture);
        await SendAsync($$"""{"type":1,"invocationId":"{{id}}","target":"{{target}}","arguments":{{argumentsJson}}}""");
        while (true)
        {
            var message = await ReceiveAsync();
            if ((int?)message["type"] == 3 && (string?)message["invocationId"] == id)
                return message;
        }
    }

    private async Task SendAsync(string json) =>
        await _socket.SendAsync(Encoding.UTF8.GetBytes(json + RecordSeparator), WebSocketMessageType.Text, true, CancellationToken.None);

    private async Task<JsonObject> ReceiveAsync()
    {
        using var timeout = new CancellationTokenSource(TestTimeouts.ForEvent(TimeSpan.FromSeconds(15)));
        var buffer = new byte[16 * 1024];
        while (true)
        {
            var text = _pending.ToString();
            var end = text.IndexOf(RecordSeparator, StringComparison.Ordinal);
            if (end >= 0)
            {
                _pending.Remove(0, end + 1);
                return (JsonObject)JsonNode.Parse(text[..end])!;
            }
            var result = await _socket.ReceiveAsync(buffer, timeout.Token);
            if (result.MessageType == WebSocketMessageType.Close)
                throw new InvalidOperationException("the server closed the connection");
            _pending.Append(Encoding.UTF8.GetString(buffer, 0, result.Count));
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_socket.State == WebSocketState.Open)
            await _socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, CancellationToken.None);
        _socket.Dispose();
    }
}
