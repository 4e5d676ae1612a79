using System.Data.Common;

namespace Kasse.Web.Hubs;

/// <summary>
/// Failures of a call into the cluster that say nothing about the call itself: a silo died or is shutting down, a
/// message was rejected or timed out while the cluster moves grains, the database connection broke. The same call,
/// retried with the same ids, is expected to succeed (writes are idempotent by client message id).
/// </summary>
public static class TransientClusterFailure
{
    public static bool Is(Exception exception) => exception is
        OrleansMessageRejectionException // includes SiloUnavailableException
        or GatewayTooBusyException
        or TimeoutException // a grain call's response timeout
        or DbException { IsTransient: true };
}
