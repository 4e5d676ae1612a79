namespace Kasse.Web.Security;

/// <summary>The role claim values the product understands (claim type <see cref="KasseClaims.Role"/>).</summary>
public static class KasseRoles
{
    public const string Versicherter = "Versicherter";
    public const string Agent = "Agent";
    public const string Supervisor = "Supervisor";
    public const string Admin = "Admin";
    public const string Integrator = "Integrator";

    /// <summary>The insured of one EinmalPIN case, by case-session token only (never in a Kasse sign-in token). h12-case</summary>
    public const string EinmalPin = "EinmalPin";
}

/// <summary>Claim types in Kasse tokens. Short JWT names, no inbound mapping.</summary>
public static class KasseClaims
{
    public const string Subject = "sub";
    public const string Name = "name";
    public const string Role = "role";
    public const string Skill = "skill";
    public const string Team = "team";
}
