using System.Security.Claims;
using Kasse.Inbox;

namespace Kasse.Web.Security;

/// <summary>
/// What routing knows of an agent, taken from the token: team (<c>team</c> claim), skills (<c>skill</c> claims), the
/// default capacity and the display name (<c>name</c>, shown to customers when the agent takes over their chat). One
/// place, so the HTTP presence endpoint and the agent hub announce the same profile.
/// </summary>
public static class AgentRoutingClaims
{
    public static AgentRoutingProfile ToRoutingProfile(this ClaimsPrincipal user) => new(
        user.FindFirstValue(KasseClaims.Team), user.FindAll(KasseClaims.Skill).Select(c => c.Value).ToArray(), AgentCapacity.Default,
        user.FindFirstValue(KasseClaims.Name));
}
