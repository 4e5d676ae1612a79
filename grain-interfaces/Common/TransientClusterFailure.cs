using System.Data.Common;

namespace Kasse;

/// <summary>
/// Failures of a call into the cluster that say nothing about the call itself: a silo died or is shutting down, a
/// message was rejected or timed out while the cluster moves grains, the database connection broke. The same call,
/// retried with the same ids, is expected to succeed (writes are idempotent by client message id). Gateways answer
/// it with the code <see cref="Code"/>: a retryable hub error, HTTP 503 with Retry-After.
/// </summary>
public static class TransientClusterFailure
{
    public const string Code = "UNAVAILABLE";

    /// <summary>The German text that goes with <see cref="Code"/>.</summary>
    public const string Message = "Der Dienst ist gerade kurz nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.";

    public static bool Is(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or GatewayTooBusyException
        or TimeoutException // a grain call's response timeout
        or DbException { IsTransient: true };
}
