using System.Globalization;
using System.Threading.RateLimiting;
using Kasse.Web.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Web.Http;

/// <summary>
/// HTTP rate limiting with ASP.NET Core's rate limiter: a token bucket per signed-in user, and one per client address
/// for requests without a valid token (so a flood of forged tokens is limited too). Beyond it: 429 with
/// <c>Retry-After</c> and problem details. Health probes and the hubs are not limited here (hubs limit each
/// connection's sends themselves); static files are served before the limiter. Behind a proxy the client address is
/// the forwarded one only from trusted proxies (<see cref="ForwardedHeadersSetup"/>).
/// </summary>
public static class HttpRateLimiting
{
    public static WebApplicationBuilder AddKasseRateLimiting(this WebApplicationBuilder builder)
    {
        var options = builder.Configuration.GetSection(HttpRateLimitOptions.Section).Get<HttpRateLimitOptions>() ?? new HttpRateLimitOptions();
        Validate(options.PerUser, "PerUser");
        Validate(options.PerAddress, "PerAddress");
        builder.Services.AddRateLimiter(limiter =>
        {
            limiter.GlobalLimiter = PartitionedRateLimiter.Create<HttpContext, string>(context => PartitionOf(context, options));
            limiter.OnRejected = RejectAsync;
        });
        return builder;
    }

    /// <summary>
    /// The rate limiter for every request but health probes and the hubs. Those skip the middleware altogether rather
    /// than pass through it unlimited: the middleware stays on the stack of a request for as long as the request runs,
    /// and a hub's WebSocket request runs for the life of the connection (about 0.3 KB per idle connection, issue 15).
    /// </summary>
    public static IApplicationBuilder UseKasseRateLimiter(this IApplicationBuilder app) =>
        app.UseWhen(static context => !IsExempt(context.Request.Path), static limited => limited.UseRateLimiter());

    private static bool IsExempt(PathString path) =>
        path.StartsWithSegments("/health", StringComparison.OrdinalIgnoreCase) || path.StartsWithSegments("/hubs", StringComparison.OrdinalIgnoreCase);

    private static RateLimitPartition<string> PartitionOf(HttpContext context, HttpRateLimitOptions options)
    {
        var subject = context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(KasseClaims.Subject)?.Value : null;
        return subject is not null
            ? RateLimitPartition.GetTokenBucketLimiter("user:" + subject, _ => Bucket(options.PerUser))
            : RateLimitPartition.GetTokenBucketLimiter("address:" + context.Connection.RemoteIpAddress, _ => Bucket(options.PerAddress));
    }

    private static TokenBucketRateLimiterOptions Bucket(RateLimitBudget budget) => new()
    {
        TokenLimit = budget.Burst,
        TokensPerPeriod = budget.PermitsPerSecond,
        ReplenishmentPeriod = TimeSpan.FromSeconds(1),
        QueueLimit = 0,
        AutoReplenishment = true,
    };

    private static async ValueTask RejectAsync(OnRejectedContext rejected, CancellationToken cancellationToken)
    {
        var context = rejected.HttpContext;
        var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var wait) ? wait : TimeSpan.FromSeconds(1);
        context.Response.StatusCode = StatusCodes.Status429TooManyRequests;
        context.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
        await context.RequestServices.GetRequiredService<IProblemDetailsService>().TryWriteAsync(new ProblemDetailsContext
        {
            HttpContext = context,
            ProblemDetails = new ProblemDetails
            {
                Status = StatusCodes.Status429TooManyRequests,
                Title = "Zu viele Anfragen",
                Detail = "Bitte warten Sie einen Moment und versuchen Sie es dann erneut.",
                Type = "https://kasse-orleans.dev/problems/rate-limited",
            },
        });
    }

    private static void Validate(RateLimitBudget budget, string name)
    {
        if (budget.PermitsPerSecond < 1 || budget.Burst < 1)
            throw new InvalidOperationException($"{HttpRateLimitOptions.Section}:{name}: PermitsPerSecond and Burst must be at least 1.");
    }
}
