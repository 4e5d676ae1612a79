using System.Text.Json.Serialization;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Infrastructure;

/// <summary>SignalR connections as clients behind a load balancer make them: plain WebSockets, no negotiation.</summary>
public static class HubConnections
{
    public static HubConnection Create(Uri baseAddress, string path, string? token) =>
        new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, path), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                if (token is not null)
                    options.AccessTokenProvider = () => Task.FromResult<string?>(token);
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
}
