using Microsoft.AspNetCore.Authorization;

namespace Kasse.Web.Security;

/// <summary>Authorization policies; every endpoint and hub names one of these.</summary>
public static class KassePolicies
{
    public const string Insured = "Versicherter";
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
    public const string Integrator = "Integrator";

    /// <summary>Insured persons and staff: the parties of a conversation (the grain checks which one).</summary>
    public const string ChatParticipant = "ChatParticipant";

    /// <summary>Insured persons and staff: the parties of a form session (the session grain checks which one). h11-web</summary>
    public const string FormParticipant = "FormParticipant";

    /// <summary>Admins and the Kasse's own pipelines (integrators) author and publish rule sets.</summary>
    public const string RuleAuthor = "RuleAuthor";

    /// <summary>
    /// The insured of one EinmalPIN case: only a case-session token (scheme EinmalPin) counts here, and that token counts
    /// nowhere else. h12-case
    /// </summary>
    public const string PinCase = "PinCase";

    /// <summary>Integrators and admins: EinmalPIN imports, cases, letter batches.</summary>
    public const string PinIntake = "PinIntake";

    /// <summary>Any signed-in user of any role (for example the own identity).</summary>
    public const string AnyUser = "AnyUser";

    public static void AddKassePolicies(this AuthorizationBuilder authorization)
    {
        authorization
            // Nothing is reachable anonymously unless it says so explicitly.
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AnyUser, p => p.RequireAuthenticatedUser())
            .AddPolicy(Insured, p => p.RequireRole(KasseRoles.Versicherter))
            .AddPolicy(ChatParticipant, p => p.RequireRole(KasseRoles.Versicherter, KasseRoles.Agent, KasseRoles.Supervisor))
            .AddPolicy(FormParticipant, p => p.RequireRole(KasseRoles.Versicherter, KasseRoles.Agent, KasseRoles.Supervisor))
            .AddPolicy(Agent, p => p.RequireRole(KasseRoles.Agent, KasseRoles.Supervisor))
            .AddPolicy(Supervisor, p => p.RequireRole(KasseRoles.Supervisor))
            .AddPolicy(Admin, p => p.RequireRole(KasseRoles.Admin))
            .AddPolicy(RuleAuthor, p => p.RequireRole(KasseRoles.Admin, KasseRoles.Integrator))
            .AddPolicy(Integrator, p => p.RequireRole(KasseRoles.Integrator))
            .AddPolicy(PinIntake, p => p.RequireRole(KasseRoles.Integrator, KasseRoles.Admin)) // h12 (import, letters)
            .AddPolicy(PinCase, p => p
                .AddAuthenticationSchemes(PinCaseTokens.Scheme)
                .RequireAuthenticatedUser()
                .RequireRole(KasseRoles.EinmalPin));
    }
}
