using System.Security.Claims;
using Kasse.Conversations;
using Kasse.EinmalPin;

namespace Kasse.Web.Security;

/// <summary>The case and case session a case-session token names (the EinmalPin scheme validated it).</summary>
public sealed record PinCaseCaller(string CaseNumber, Guid CaseSessionId)
{
    public string UserId => "pin:" + CaseNumber;

    /// <summary>The insured of the case as the form session knows them.</summary>
    public Participant Participant => new(UserId, ParticipantRole.Insured, "Vorgang " + CaseNumber);

    public static PinCaseCaller Of(ClaimsPrincipal user)
    {
        var caseNumber = user.FindFirstValue(PinCaseTokens.CaseClaim);
        return !string.IsNullOrEmpty(caseNumber) && Guid.TryParse(user.FindFirstValue(PinCaseTokens.SessionClaim), out var session)
            ? new PinCaseCaller(caseNumber, session)
            : throw new PinException(PinErrors.SessionInvalid, "Ihre Sitzung ist ungültig. Bitte melden Sie sich neu an.");
    }
}
