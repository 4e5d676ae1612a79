using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Development;

/// <summary>
/// The development sign-in: a page listing the demo users and an endpoint that issues a token for one of them.
/// Mapped only when <see cref="DevelopmentTokens"/> is registered, i.e. in Development without an authority.
/// </summary>
public static class DevelopmentSignInApi
{
    private static readonly TimeSpan TokenLifetime = TimeSpan.FromHours(8);

    private static readonly Lazy<string> SignInPage = new(() => Resource("signin.html"));

    // The page's script is a file of its own: the Content-Security-Policy allows no inline script.
    private static readonly Lazy<string> SignInScript = new(() => Resource("signin.js"));

    private static string Resource(string name)
    {
        using var stream = typeof(DevelopmentSignInApi).Assembly.GetManifestResourceStream("Kasse.Web.Development." + name)
            ?? throw new InvalidOperationException($"development sign-in: {name} missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public static IEndpointRouteBuilder MapDevelopmentSignIn(this IEndpointRouteBuilder endpoints)
    {
        if (endpoints.ServiceProvider.GetService<DevelopmentTokens>() is null)
            return endpoints;

        var group = endpoints.MapGroup("/dev").AllowAnonymous().WithTags("Entwicklung");
        group.MapGet("/signin", () => TypedResults.Content(SignInPage.Value, "text/html; charset=utf-8"))
            .ExcludeFromDescription();
        group.MapGet("/signin.js", () => TypedResults.Content(SignInScript.Value, "text/javascript; charset=utf-8"))
            .ExcludeFromDescription();
        group.MapGet("/users", () => TypedResults.Ok(DemoDirectory.Users))
            .WithName("ListDemoUsers")
            .WithSummary("Lists the demo users the development sign-in can issue tokens for.");
        group.MapPost("/token", IssueToken)
            .WithName("IssueDevelopmentToken")
            .WithSummary("Issues an access token for a demo user (Development only).");
        return endpoints;
    }

    private static Results<Ok<TokenResponse>, ProblemHttpResult> IssueToken(
        TokenRequest request, DevelopmentTokens tokens, HttpContext context)
    {
        var user = DemoDirectory.FindUser(request.UserId ?? "");
        if (user is null)
        {
            return TypedResults.Problem(
                title: "Unbekannter Demo-Benutzer",
                detail: "Es gibt keinen Demo-Benutzer mit dieser Kennung.",
                statusCode: StatusCodes.Status400BadRequest,
                type: "https://kasse-orleans.dev/problems/unknown-demo-user");
        }
        var token = tokens.Issue(user, TokenLifetime);
        context.Response.Cookies.Append(AuthenticationSetup.TokenCookie, token, BrowserSignInApi.PageCookie(context, DateTimeOffset.UtcNow + TokenLifetime));
        return TypedResults.Ok(new TokenResponse(token, user.Id, user.DisplayName, user.Roles));
    }

    public sealed record TokenRequest(string? UserId);

    public sealed record TokenResponse(string AccessToken, string UserId, string DisplayName, IReadOnlyList<string> Roles);
}
