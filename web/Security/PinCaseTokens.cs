using System.Security.Claims;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kasse.Web.Security;

/// <summary>
/// The case-session token of an EinmalPIN login (docs/einmalpin.md): a short JWT (HS256) bound to one case and
/// one case session, under its own scheme, issuer and audience, signed with a key derived from the EinmalPIN server
/// secret for this purpose only. No other endpoint accepts it; no staff or portal token opens what it opens.
/// </summary>
public sealed class PinCaseTokens(PinCaseTokenKey key)
{
    public const string Scheme = "EinmalPin";
    public const string Issuer = "kasse-einmalpin";
    public const string Audience = "kasse-einmalpin";
    public const string CaseClaim = "pin_case";
    public const string SessionClaim = "pin_session";

    private readonly SymmetricSecurityKey _key = new(key.Key);

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = Audience,
        IssuerSigningKey = _key,
        ValidAlgorithms = [SecurityAlgorithms.HmacSha256],
        NameClaimType = KasseClaims.Subject,
        RoleClaimType = KasseClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(5),
    };

    public string Issue(string caseNumber, Guid caseSessionId, DateTimeOffset expiresAt)
    {
        var now = DateTime.UtcNow;
        var expires = expiresAt.UtcDateTime > now ? expiresAt.UtcDateTime : now.AddSeconds(1);
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(
            [
                new Claim(KasseClaims.Subject, "pin:" + caseNumber),
                new Claim(KasseClaims.Role, KasseRoles.EinmalPin),
                new Claim(CaseClaim, caseNumber),
                new Claim(SessionClaim, caseSessionId.ToString("D")),
            ]),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = expires,
            SigningCredentials = new SigningCredentials(_key, SecurityAlgorithms.HmacSha256),
        });
    }
}

/// <summary>The signing key of case-session tokens; the host derives it from the EinmalPIN server secret.</summary>
public sealed record PinCaseTokenKey(byte[] Key);
