using Microsoft.AspNetCore.Authentication.JwtBearer;
using Microsoft.AspNetCore.Http;

namespace Kasse.Web.Security;

/// <summary>
/// A person who opens the dashboard without a (valid) page cookie is sent to the sign-in, which brings them back
/// afterwards; a raw 401 would leave them at an error. Only browser navigations (GET asking for HTML) are redirected:
/// the dashboard's own data requests and every API client still get 401 problem details.
/// </summary>
public static class DashboardSignInRedirect
{
    public const string SignInPath = "/signin/";

    public static Task OnChallenge(JwtBearerChallengeContext context)
    {
        var request = context.Request;
        if (!IsDashboardPageLoad(request))
            return Task.CompletedTask;
        context.HandleResponse();
        var returnTo = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
        context.Response.Redirect(SignInPath + QueryString.Create("returnTo", returnTo).ToUriComponent());
        return Task.CompletedTask;
    }

    private static bool IsDashboardPageLoad(HttpRequest request) =>
        HttpMethods.IsGet(request.Method)
        && request.Path.StartsWithSegments(BrowserSignInApi.DashboardPath, StringComparison.OrdinalIgnoreCase)
        && request.GetTypedHeaders().Accept.Any(accept => accept.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase));
}
