using System.Threading.RateLimiting;
using Kasse.Web.Realtime;
using Microsoft.AspNetCore.SignalR;
using Microsoft.Extensions.Options;

namespace Kasse.Web.Hubs;

/// <summary>
/// Limits how many messages one connection may send per second (token bucket, <see cref="SendRateLimitOptions"/>: by default a burst of 20, then 10 per second).
/// A refused send gets <c>RATE_LIMITED</c> and changes nothing; the client may retry with the same id.
/// </summary>
public sealed class SendRateLimitFilter(IOptions<SendRateLimitOptions> options) : IHubFilter
{
    /// <summary>The calls that write (or fan out) and so draw from the connection's bucket.</summary>
    public static readonly IReadOnlySet<string> LimitedMethods = new HashSet<string>(StringComparer.Ordinal)
    {
        "SendMessage", "MarkRead", "Typing", "StartConversation", "JoinConversation", "CloseConversation",
    };
    private const string LimiterKey = "kasse.send-limiter";

    public async ValueTask<object?> InvokeMethodAsync(HubInvocationContext invocationContext, Func<HubInvocationContext, ValueTask<object?>> next)
    {
        if (LimitedMethods.Contains(invocationContext.HubMethodName))
        {
            var items = invocationContext.Context.Items;
            if (items[LimiterKey] is not TokenBucketRateLimiter limiter)
            {
                limiter = new TokenBucketRateLimiter(new TokenBucketRateLimiterOptions
                {
                    TokenLimit = options.Value.Burst,
                    TokensPerPeriod = options.Value.TokensPerSecond,
                    ReplenishmentPeriod = TimeSpan.FromSeconds(1),
                    QueueLimit = 0,
                    AutoReplenishment = true,
                });
                items[LimiterKey] = limiter;
            }
            using var lease = limiter.AttemptAcquire();
            if (!lease.IsAcquired)
                throw HubErrors.Create("RATE_LIMITED", "Zu viele Nachrichten in kurzer Zeit. Bitte warten Sie einen Moment.");
        }
        return await next(invocationContext);
    }

    public Task OnDisconnectedAsync(HubLifetimeContext context, Exception? exception, Func<HubLifetimeContext, Exception?, Task> next)
    {
        if (context.Context.Items[LimiterKey] is TokenBucketRateLimiter limiter)
            limiter.Dispose();
        return next(context, exception);
    }
}
