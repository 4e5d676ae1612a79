using System.Security.Claims;
using Kasse.Conversations;

namespace Kasse.Web.Security;

/// <summary>Turns the authenticated user into the participant a grain checks.</summary>
public static class ParticipantMapping
{
    public static Participant ToParticipant(this ClaimsPrincipal user)
    {
        var role = user.IsInRole(KasseRoles.Supervisor) ? ParticipantRole.Supervisor
            : user.IsInRole(KasseRoles.Agent) ? ParticipantRole.Agent
            : ParticipantRole.Insured;
        return new Participant(user.FindFirstValue(KasseClaims.Subject) ?? "", role, user.FindFirstValue(KasseClaims.Name) ?? "");
    }
}
