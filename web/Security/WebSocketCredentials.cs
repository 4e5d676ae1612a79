using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.Net.Http.Headers;

namespace Kasse.Web.Security;

/// <summary>
/// Drops the bearer token from a WebSocket request once it has been authenticated and authorized. The request object
/// lives as long as its connection, for hours: a token kept in it is a credential in memory all that time. The
/// connection keeps its principal and its expiry; nothing reads the token again.
/// </summary>
public static class WebSocketCredentials
{
    public const string QueryParameter = "access_token";

    /// <summary>Place after authentication and authorization, so the token has served its purpose.</summary>
    public static IApplicationBuilder UseWebSocketCredentialRemoval(this IApplicationBuilder app) =>
        app.Use((context, next) =>
        {
            if (context.WebSockets.IsWebSocketRequest)
                Forget(context.Request);
            return next(context);
        });

    /// <summary>
    /// Removes the <c>Authorization</c> header and the <c>access_token</c> query parameter (in any case, as the
    /// authentication reads it) from the request and its raw target; keeps the rest. Kestrel's own copy of the request
    /// line stays until the connection ends: for a token in the query this drops the request's copies, not that one.
    /// </summary>
    public static void Forget(HttpRequest request)
    {
        request.Headers.Remove(HeaderNames.Authorization);
        if (!request.Query.ContainsKey(QueryParameter))
            return;
        request.Query = new QueryCollection(request.Query
            .Where(p => !string.Equals(p.Key, QueryParameter, StringComparison.OrdinalIgnoreCase))
            .ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase));
        if (request.HttpContext.Features.Get<IHttpRequestFeature>() is { } feature)
            feature.RawTarget = request.PathBase.Add(request.Path).ToUriComponent() + request.QueryString.ToUriComponent();
    }
}
