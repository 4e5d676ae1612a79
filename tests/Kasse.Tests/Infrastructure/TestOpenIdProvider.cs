using System.Net;
using System.Security.Claims;
using System.Security.Cryptography;
using System.Text;
using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.IdentityModel.JsonWebTokens;
using Microsoft.IdentityModel.Tokens;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A small OpenID Connect provider on loopback for production-mode tests: discovery, signing keys, an authorization
/// endpoint that shows one button per known user, and a token endpoint for the authorization code flow with PKCE
/// (S256) and refresh tokens (rotated). It checks what a real provider checks for a public client: client id, redirect
/// URI, the code's single use and the code verifier. Tokens are RS256 JWTs with <c>sub</c>, <c>name</c> and <c>role</c> claims.
/// </summary>
public sealed class TestOpenIdProvider : IAsyncDisposable
{
    public const string ClientId = "kasse-web";
    public const string Audience = "kasse";
    private readonly WebApplication _app;
    private readonly RSA _rsa = RSA.Create(2048);
    private readonly Dictionary<string, PendingCode> _codes = [];
    private readonly Dictionary<string, TestOpenIdUser> _refreshTokens = [];
    private int _refreshes;
    private readonly IReadOnlyList<TestOpenIdUser> _users;

    private TestOpenIdProvider(WebApplication app, IReadOnlyList<TestOpenIdUser> users)
    {
        _app = app;
        _users = users;
    }

    /// <summary>The issuer, e.g. <c>http://127.0.0.1:41234</c>; the silo's <c>Auth:Authority</c>.</summary>
    public string Issuer { get; private set; } = "";

    /// <summary>How long an access token lives (30 minutes unless a test shortens it).</summary>
    public TimeSpan TokenLifetime { get; set; } = TimeSpan.FromMinutes(30);

    /// <summary>How many refresh tokens were redeemed.</summary>
    public int Refreshes => Volatile.Read(ref _refreshes);

    /// <summary>Token requests that were refused, with the reason (a test can assert that none were).</summary>
    public List<string> Refusals { get; } = [];

    public static async Task<TestOpenIdProvider> StartAsync(params TestOpenIdUser[] users)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var provider = new TestOpenIdProvider(app, users);
        provider.Map(app);
        await app.StartAsync();
        provider.Issuer = app.Urls.First().TrimEnd('/');
        return provider;
    }

    private RsaSecurityKey SigningKey => new(_rsa) { KeyId = "test-key" };

    private void Map(WebApplication app)
    {
        // Browsers read discovery and call the token endpoint cross-origin from the silo's pages, as real providers allow.
        app.Use((context, next) =>
        {
            context.Response.Headers.AccessControlAllowOrigin = "*";
            return next(context);
        });
        app.MapGet("/.well-known/openid-configuration", () => Results.Json(new Dictionary<string, object>
        {
            ["issuer"] = Issuer,
            ["authorization_endpoint"] = Issuer + "/authorize",
            ["token_endpoint"] = Issuer + "/token",
            ["jwks_uri"] = Issuer + "/jwks",
            ["response_types_supported"] = new[] { "code" },
            ["subject_types_supported"] = new[] { "public" },
            ["id_token_signing_alg_values_supported"] = new[] { "RS256" },
            ["code_challenge_methods_supported"] = new[] { "S256" },
        }));
        app.MapGet("/jwks", () =>
        {
            var jwk = JsonWebKeyConverter.ConvertFromRSASecurityKey(new RsaSecurityKey(_rsa.ExportParameters(false)) { KeyId = "test-key" });
            return Results.Json(new { keys = new[] { new { kty = jwk.Kty, use = "sig", kid = jwk.Kid, alg = "RS256", n = jwk.N, e = jwk.E } } });
        });
        app.MapGet("/authorize", Authorize);
        app.MapGet("/authorize/approve", Approve);
        app.MapPost("/token", TokenAsync);
    }

    // The sign-in page of the provider: one link per user, carrying the request on.
    private IResult Authorize(HttpRequest request)
    {
        if (request.Query["client_id"] != ClientId || request.Query["response_type"] != "code" || request.Query["code_challenge_method"] != "S256")
            return Results.BadRequest("unsupported authorization request");
        var html = new StringBuilder("<!DOCTYPE html><html><body><h1>Test-Anmeldung</h1>");
        foreach (var user in _users)
        {
            var approve = "/authorize/approve" + request.QueryString + "&user=" + Uri.EscapeDataString(user.Subject);
            html.Append(UserLink(approve, user));
        }
        return Results.Content(html.Append("</body></html>").ToString(), "text/html; charset=utf-8");
    }

    private static string UserLink(string approve, TestOpenIdUser user) =>
        $"<p><a id=\"user-{HtmlEncoder.Default.Encode(user.Subject)}\" href=\"{HtmlEncoder.Default.Encode(approve)}\">{HtmlEncoder.Default.Encode(user.Name)}</a></p>";

    private IResult Approve(HttpRequest request)
    {
        var user = _users.Single(u => u.Subject == request.Query["user"]);
        var code = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        lock (_codes)
            _codes[code] = new PendingCode(user, request.Query["redirect_uri"]!, request.Query["code_challenge"]!);
        var redirect = $"{request.Query["redirect_uri"]}?code={Uri.EscapeDataString(code)}&state={Uri.EscapeDataString(request.Query["state"]!)}";
        return Results.Redirect(redirect);
    }

    private async Task<IResult> TokenAsync(HttpRequest request)
    {
        var form = await request.ReadFormAsync();
        var (user, refusal) = form["grant_type"].ToString() switch
        {
            "authorization_code" => RedeemCode(form),
            "refresh_token" => RedeemRefreshToken(form),
            _ => (null, "wrong grant type"),
        };
        if (refusal is not null)
        {
            lock (Refusals)
                Refusals.Add(refusal);
            return Results.Json(new { error = "invalid_grant", error_description = refusal }, statusCode: (int)HttpStatusCode.BadRequest);
        }
        var claims = new List<Claim> { new("sub", user!.Subject), new("name", user.Name) };
        claims.AddRange(user.Roles.Select(r => new Claim("role", r)));
        var token = new JsonWebTokenHandler().CreateToken(new SecurityTokenDescriptor
        {
            Issuer = Issuer,
            Audience = Audience,
            Subject = new ClaimsIdentity(claims),
            Expires = DateTime.UtcNow.Add(TokenLifetime),
            SigningCredentials = new SigningCredentials(SigningKey, SecurityAlgorithms.RsaSha256),
        });
        var refreshToken = Base64UrlEncoder.Encode(RandomNumberGenerator.GetBytes(32));
        lock (_codes)
            _refreshTokens[refreshToken] = user;
        return Results.Json(new
        {
            access_token = token,
            token_type = "Bearer",
            expires_in = (int)TokenLifetime.TotalSeconds,
            refresh_token = refreshToken,
        });
    }

    private (TestOpenIdUser? User, string? Refusal) RedeemCode(IFormCollection form)
    {
        PendingCode? pending;
        lock (_codes)
        {
            if (!_codes.Remove(form["code"].ToString(), out pending))
                pending = null;
        }
        var challenge = Base64UrlEncoder.Encode(SHA256.HashData(Encoding.ASCII.GetBytes(form["code_verifier"].ToString())));
        var refusal = pending is null ? "unknown or used code"
            : form["client_id"] != ClientId ? "wrong client"
            : form["redirect_uri"] != pending.RedirectUri ? "wrong redirect URI"
            : challenge != pending.CodeChallenge ? "wrong code verifier"
            : null;
        return (pending?.User, refusal);
    }

    // Rotation: a refresh token is good for one use; the answer carries the next one.
    private (TestOpenIdUser? User, string? Refusal) RedeemRefreshToken(IFormCollection form)
    {
        TestOpenIdUser? user;
        lock (_codes)
        {
            if (!_refreshTokens.Remove(form["refresh_token"].ToString(), out user))
                user = null;
        }
        if (user is null)
            return (null, "unknown or used refresh token");
        if (form["client_id"] != ClientId)
            return (null, "wrong client");
        Interlocked.Increment(ref _refreshes);
        return (user, null);
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        _rsa.Dispose();
    }

    private sealed record PendingCode(TestOpenIdUser User, string RedirectUri, string CodeChallenge);
}

/// <summary>A user the test provider can sign in.</summary>
public sealed record TestOpenIdUser(string Subject, string Name, params string[] Roles);
