using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Scalar.AspNetCore;

namespace Kasse.Web.Http;

/// <summary>
/// Security headers on every response: a <see cref="ContentSecurityPolicy"/>, no framing, no content sniffing, no
/// referrer. Set when the response starts, so a page that decides its nonce while it runs (the API reference) gets
/// the policy that matches it. HSTS is added outside Development by <c>UseHsts</c>.
/// </summary>
public static class SecurityHeaders
{
    public static IApplicationBuilder UseKasseSecurityHeaders(this IApplicationBuilder app)
    {
        var authorityOrigin = OriginOf(app.ApplicationServices.GetRequiredService<IOptions<AuthOptions>>().Value.Authority);
        return app.Use((context, next) =>
        {
            // A hub request runs for the life of its connection, and so would a callback registered for it (about
            // 0.2 KB per idle connection, issue 15); nothing on a hub path decides a nonce, so its headers are set now.
            if (context.Request.Path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase))
            {
                Apply(context, authorityOrigin);
                return next(context);
            }
            context.Response.OnStarting(() =>
            {
                Apply(context, authorityOrigin);
                return Task.CompletedTask;
            });
            return next(context);
        });
    }

    private static void Apply(HttpContext context, string? authorityOrigin)
    {
        var headers = context.Response.Headers;
        var host = context.Request.Host;
        headers.ContentSecurityPolicy =
            context.Items.TryGetValue(ScalarOptions.NonceHttpContextItemKey, out var nonce) && nonce is string scalarNonce
                ? ContentSecurityPolicy.ForApiReference(host, scalarNonce)
                : context.Request.Path.StartsWithSegments(BrowserSignInApi.DashboardPath, StringComparison.OrdinalIgnoreCase)
                    ? ContentSecurityPolicy.ForDashboard(host)
                    : ContentSecurityPolicy.ForPages(host, authorityOrigin);
        headers.XFrameOptions = "DENY";
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
    }

    // The pages fetch the provider's discovery document and token endpoint; the policy names its origin, not its path.
    private static string? OriginOf(string? authority) =>
        Uri.TryCreate(authority, UriKind.Absolute, out var uri) ? uri.GetLeftPart(UriPartial.Authority) : null;
}
