using System.Security.Claims;
using System.Security.Cryptography;
using Microsoft.Extensions.Options;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kasse.Web.Security;

/// <summary>
/// Issues tokens for demo users in the Development environment only. Registered nowhere else, so a token it made is
/// meaningless to a production silo (which trusts only its OpenID Connect authority).
/// </summary>
public sealed class DevelopmentTokens
{
    public const string Issuer = "kasse-development";
    private readonly string _audience;

    public DevelopmentTokens(IOptions<AuthOptions> options)
    {
        _audience = options.Value.Audience;
        var key = string.IsNullOrEmpty(options.Value.DevelopmentSigningKey)
            ? RandomNumberGenerator.GetBytes(32)
            : Convert.FromBase64String(options.Value.DevelopmentSigningKey);
        SigningKey = new SymmetricSecurityKey(key);
    }

    public SymmetricSecurityKey SigningKey { get; }

    public TokenValidationParameters ValidationParameters => new()
    {
        ValidIssuer = Issuer,
        ValidAudience = _audience,
        IssuerSigningKey = SigningKey,
        NameClaimType = KasseClaims.Name,
        RoleClaimType = KasseClaims.Role,
        ClockSkew = TimeSpan.FromSeconds(30),
    };

    public string Issue(DemoUser user, TimeSpan lifetime)
    {
        var claims = new List<Claim>
        {
            new(KasseClaims.Subject, user.Id),
            new(KasseClaims.Name, user.DisplayName),
        };
        claims.AddRange(user.Roles.Select(role => new Claim(KasseClaims.Role, role)));
        claims.AddRange(user.Skills.Select(skill => new Claim(KasseClaims.Skill, skill)));
        if (user.Team is not null)
            claims.Add(new Claim(KasseClaims.Team, user.Team));
        var now = DateTime.UtcNow;
        return new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = _audience,
            Subject = new ClaimsIdentity(claims),
            NotBefore = now.AddSeconds(-5),
            IssuedAt = now,
            Expires = now.Add(lifetime),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.HmacSha256),
        });
    }
}
