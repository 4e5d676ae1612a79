using Kasse.Agents;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;

namespace Kasse.Web.Hubs;

/// <summary>The real-time channel of service agents (agent desktop).</summary>
[Authorize(Policy = KassePolicies.Agent)]
public sealed class AgentHub(IGrainFactory grains) : Hub
{
    public const string Path = "/hubs/agent";

    /// <summary>The caller's own agent profile (team, skills). Errors: <c>NOT_FOUND</c> for an unknown agent.</summary>
    public async Task<AgentProfile> GetProfile()
    {
        var profile = await grains.GetGrain<IAgentGrain>(Context.UserIdentifier ?? "").GetProfile();
        return profile ?? throw HubErrors.NotFound("Für Sie ist kein Beraterprofil angelegt.");
    }
}
