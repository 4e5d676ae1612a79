using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Realtime;

/// <summary>
/// Where a hub keeps its caller's <see cref="ClientConnection"/> for the life of the connection: in the connection's
/// features, not in <see cref="HubCallerContext.Items"/>. <c>Items</c> is created on first use as a concurrent dictionary
/// of its own (about 0.6 KB per idle connection, issue 15); the features exist anyway.
/// </summary>
public static class CallerConnection
{
    public static void Remember(this HubCallerContext context, ClientConnection connection) => context.Features.Set(connection);

    /// <summary>The caller's connection as the hub registered it on connecting; null for a hub that registers none.</summary>
    public static ClientConnection? ClientConnection(this HubCallerContext context) => context.Features.Get<ClientConnection>();
}
