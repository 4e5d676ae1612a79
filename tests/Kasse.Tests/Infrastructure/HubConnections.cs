using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Infrastructure;

/// <summary>SignalR connections as clients behind a load balancer make them: plain WebSockets, no negotiation.</summary>
public static class HubConnections
{
    public static HubConnection Create(Uri baseAddress, string path, string? token) =>
        Builder(baseAddress, path, token).Build();

    /// <summary>
    /// A connection that reconnects by itself when it is lost, as the product's front ends do: at once, then every
    /// quarter second, giving up after <paramref name="giveUpAfter"/>.
    /// </summary>
    public static HubConnection CreateReconnecting(Uri baseAddress, string path, string? token, TimeSpan giveUpAfter) =>
        Builder(baseAddress, path, token).WithAutomaticReconnect(new QuickRetries(giveUpAfter)).Build();

    private static IHubConnectionBuilder Builder(Uri baseAddress, string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (token is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()));

    private sealed class QuickRetries(TimeSpan giveUpAfter) : IRetryPolicy
    {
        public TimeSpan? NextRetryDelay(RetryContext context) =>
            context.ElapsedTime > giveUpAfter ? null
            : context.PreviousRetryCount == 0 ? TimeSpan.Zero
            : TimeSpan.FromMilliseconds(250);
    }
}
