using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace Kasse.Web.Security;

/// <summary>
/// What the browser UIs need to sign in: where (the OpenID Connect authority and the public client, or the development
/// sign-in), and a cookie for plain page loads such as the Orleans dashboard. The code flow itself runs in the browser
/// (<c>/js/oidc.js</c>); the server never sees a password or an authorization code.
/// </summary>
public static class BrowserSignInApi
{
    /// <summary>Where the page cookie counts (see <see cref="AuthenticationSetup"/>).</summary>
    public const string DashboardPath = "/dashboard";

    public static IEndpointRouteBuilder MapBrowserSignIn(this IEndpointRouteBuilder endpoints)
    {
        var group = endpoints.MapGroup("/auth").WithTags("Anmeldung");
        group.MapGet("/config", GetConfig).AllowAnonymous()
            .WithName("GetSignInConfiguration")
            .WithSummary("How the browser UIs sign in: the OpenID Connect authority and client, or the development sign-in.");
        group.MapPost("/cookie", SetCookie).RequireAuthorization(KassePolicies.AnyUser)
            .WithName("SetPageCookie")
            .WithSummary("Stores the caller's bearer token as an HttpOnly cookie that only page loads of /dashboard accept.");
        group.MapDelete("/cookie", DeleteCookie).AllowAnonymous()
            .WithName("DeletePageCookie")
            .WithSummary("Signs the page cookie out.");
        return endpoints;
    }

    private static Ok<SignInConfiguration> GetConfig(IOptions<AuthOptions> options, IHostEnvironment environment)
    {
        var auth = options.Value;
        return TypedResults.Ok(string.IsNullOrEmpty(auth.Authority) && environment.IsDevelopment()
            ? new SignInConfiguration("development", null, null, null)
            : new SignInConfiguration("oidc", auth.Authority, auth.BrowserClientId, auth.BrowserScope));
    }

    private static async Task<NoContent> SetCookie(HttpContext context, HttpRequest request)
    {
        var header = request.Headers.Authorization.ToString();
        var token = header.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? header["Bearer ".Length..].Trim() : "";
        // The cookie lives no longer than the token it carries.
        var expires = (await context.AuthenticateAsync()).Properties?.ExpiresUtc;
        context.Response.Cookies.Append(AuthenticationSetup.TokenCookie, token, PageCookie(context, expires));
        return TypedResults.NoContent();
    }

    private static NoContent DeleteCookie(HttpContext context)
    {
        context.Response.Cookies.Delete(AuthenticationSetup.TokenCookie, PageCookie(context, expires: null));
        return TypedResults.NoContent();
    }

    /// <summary>
    /// The one shape of the page cookie: script cannot read it, no other site can send it, and it travels only with the
    /// dashboard's requests (never with a hub's WebSocket request, which would keep it for the connection's life).
    /// </summary>
    public static CookieOptions PageCookie(HttpContext context, DateTimeOffset? expires) => new()
    {
        Path = DashboardPath,
        HttpOnly = true,
        SameSite = SameSiteMode.Strict,
        Secure = context.Request.IsHttps,
        Expires = expires,
    };

    public sealed record SignInConfiguration(string Mode, string? Authority, string? ClientId, string? Scope);
}
