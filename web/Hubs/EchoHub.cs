using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// Raw echo over the gateway's transport and authentication, with no grain behind it: the physical limit that
/// every real-time scenario is compared against.
/// </summary>
[Authorize(Policy = KassePolicies.AnyUser)]
public sealed class EchoHub : Hub
{
    public const string Path = "/hubs/echo";

    /// <summary>Returns its argument. Any signed-in user.</summary>
    public string Echo(string message) => message;
}
