using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Net.Http.Headers;

namespace Kasse.Web.Realtime;

/// <summary>
/// While the host stops, new hub connections are refused with 503. SignalR closes the hub connections it has when the
/// host starts stopping, and their clients reconnect at once; a reconnect that the load balancer still sends here
/// (its health probe has not yet seen the silo leave) must not stay on a silo that is handing its grains over: the
/// client tries again and lands on a live one. Ordinary HTTP requests still finish during the stop.
/// </summary>
public static class HubRefusalWhileStopping
{
    public const string HubsPrefix = "/hubs";

    public static WebApplication UseHubRefusalWhileStopping(this WebApplication app)
    {
        var stopping = app.Lifetime.ApplicationStopping;
        app.Use((context, next) =>
        {
            if (!stopping.IsCancellationRequested || !context.Request.Path.StartsWithSegments(HubsPrefix))
                return next(context);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers[HeaderNames.RetryAfter] = "1";
            context.Response.Headers[HeaderNames.Connection] = "close";
            return Task.CompletedTask;
        });
        return app;
    }
}
