using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>
/// Raw echo over the gateway's transport and authentication, with no grain behind it: the physical limit that
/// every real-time scenario is compared against. A benchmark tool, not a product feature: mapped only in Development
/// unless <see cref="EnabledKey"/> says otherwise.
/// </summary>
[Authorize(Policy = KassePolicies.AnyUser)]
public sealed class EchoHub : Hub
{
    public const string Path = "/hubs/echo";

    /// <summary>Configuration key: map the echo hub (default: in Development only).</summary>
    public const string EnabledKey = "Diagnostics:EchoHub";

    /// <summary>Returns its argument. Any signed-in user.</summary>
    public string Echo(string message) => message;
}
