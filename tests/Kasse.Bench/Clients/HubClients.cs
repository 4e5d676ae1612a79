using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Bench.Clients;

/// <summary>
/// Builds the bench's <see cref="HubConnection"/>s the way a lean .NET client would: WebSockets only with
/// <c>SkipNegotiation</c>, a bearer token, enums as JSON strings, and one shared <see cref="SocketsHttpHandler"/> for
/// every WebSocket upgrade (instead of one handler per connection), so thousands of connections cost the client little.
/// Optionally binds each connection's local end to one of several loopback source addresses (127.0.0.2, .3, …), so the
/// client is not limited to one address's ephemeral ports.
/// </summary>
public sealed class HubClients : IDisposable
{
    // Linux IP_BIND_ADDRESS_NO_PORT: bind() only fixes the address, connect() picks the port for the whole 4-tuple.
    private const int IpProtocolIp = 0;
    private const int IpBindAddressNoPort = 24;

    // One instance for every connection: options whose converters are the same instances share System.Text.Json's
    // metadata cache, whereas a converter of its own per connection made each of 1,000 connections build the metadata
    // of every payload type again (2 % of the cobrowse run's CPU in the measured window).
    private static readonly JsonStringEnumConverter EnumsByName = new();
    private readonly HttpMessageInvoker _invoker;
    private readonly IPAddress[] _localAddresses;
    private int _nextLocalAddress = -1;

    /// <param name="localAddressCount">0: let the kernel choose the source address; n: round-robin over 127.0.0.2 … 127.0.0.(n+1).</param>
    public HubClients(int localAddressCount = 0)
    {
        if (localAddressCount is < 0 or > 250)
            throw new ArgumentOutOfRangeException(nameof(localAddressCount));
        _localAddresses = Enumerable.Range(2, localAddressCount).Select(i => new IPAddress([127, 0, 0, (byte)i])).ToArray();
        var handler = new SocketsHttpHandler
        {
            UseCookies = false,
            UseProxy = false,
            AllowAutoRedirect = false,
            ConnectTimeout = TimeSpan.FromSeconds(30),
            ConnectCallback = ConnectAsync,
        };
        _invoker = new HttpMessageInvoker(handler, disposeHandler: true);
    }

    /// <summary>The source addresses connections are spread over (empty: kernel's choice).</summary>
    public IReadOnlyList<IPAddress> LocalAddresses => _localAddresses;

    /// <summary>A connection to <paramref name="hubUri"/> (http://…) signed in with <paramref name="accessToken"/>; not started.</summary>
    /// <param name="hubUri">The hub's address.</param>
    /// <param name="accessToken">The bearer token of the connection's user.</param>
    /// <param name="converters">Extra JSON converters for the payloads (e.g. a lean reader of a pushed state).</param>
    public HubConnection Create(Uri hubUri, string accessToken, params JsonConverter[] converters) =>
        Create(hubUri, accessToken, reconnect: null, converters);

    /// <summary>As above; with <paramref name="reconnect"/> the connection reconnects by itself under that policy.</summary>
    public HubConnection Create(Uri hubUri, string accessToken, IRetryPolicy? reconnect, params JsonConverter[] converters)
    {
        var builder = new HubConnectionBuilder()
            .WithUrl(hubUri, HttpTransportType.WebSockets, o =>
            {
                o.SkipNegotiation = true;
                o.AccessTokenProvider = () => Task.FromResult<string?>(accessToken);
                o.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", "Bearer " + accessToken);
                    // SignalR has its own keep-alive (a ping message every 15 s); no extra WebSocket-level pongs.
                    socket.Options.KeepAliveInterval = TimeSpan.Zero;
                    try
                    {
                        await socket.ConnectAsync(context.Uri, _invoker, cancellationToken);
                        return socket;
                    }
                    catch
                    {
                        socket.Dispose();
                        throw;
                    }
                };
            })
            .AddJsonProtocol(o =>
            {
                o.PayloadSerializerOptions.Converters.Add(EnumsByName);
                foreach (var converter in converters)
                    o.PayloadSerializerOptions.Converters.Add(converter);
            });
        if (reconnect is not null)
            builder.WithAutomaticReconnect(reconnect);
        return builder.Build();
    }

    public void Dispose() => _invoker.Dispose();

    private async ValueTask<Stream> ConnectAsync(SocketsHttpConnectionContext context, CancellationToken cancellationToken)
    {
        var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp) { NoDelay = true };
        try
        {
            if (_localAddresses.Length > 0)
            {
                if (OperatingSystem.IsLinux())
                    socket.SetRawSocketOption(IpProtocolIp, IpBindAddressNoPort, BitConverter.GetBytes(1));
                var index = (uint)Interlocked.Increment(ref _nextLocalAddress) % (uint)_localAddresses.Length;
                socket.Bind(new IPEndPoint(_localAddresses[index], 0));
            }
            var host = context.DnsEndPoint.Host;
            if (IPAddress.TryParse(host, out var ip))
                await socket.ConnectAsync(new IPEndPoint(ip, context.DnsEndPoint.Port), cancellationToken);
            else
                await socket.ConnectAsync(context.DnsEndPoint, cancellationToken);
            return new NetworkStream(socket, ownsSocket: true);
        }
        catch
        {
            socket.Dispose();
            throw;
        }
    }
}
