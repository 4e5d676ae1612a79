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
        SigningKey = new SymmetricSecurityKey(KeyOf(options.Value));
    }

    /// <summary>The configured key; else the one kept in the key file (if one is set); else a new key per process.</summary>
    private static byte[] KeyOf(AuthOptions options)
    {
        if (!string.IsNullOrEmpty(options.DevelopmentSigningKey))
            return Convert.FromBase64String(options.DevelopmentSigningKey);
        var file = options.DevelopmentSigningKeyFile;
        return string.IsNullOrEmpty(file) || file == DevelopmentSigningKeyFile.None
            ? RandomNumberGenerator.GetBytes(32)
            : DevelopmentSigningKeyFile.LoadOrCreate(file);
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
