namespace Kasse.Cluster;

/// <summary>
/// One per silo, keyed by the silo's address (<c>SiloAddress.ToParsableString()</c>) and always active on that silo:
/// what only the silo itself knows (its gateway's connections) and the admin's drain (a graceful shutdown).
/// </summary>
[Alias("Kasse.Cluster.ISiloControlGrain")]
public interface ISiloControlGrain : IGrainWithStringKey
{
    /// <summary>This silo's gateway: open client connections per hub, and whether the silo is stopping.</summary>
    [Alias("GetLocalStatus")]
    Task<SiloLocalStatus> GetLocalStatus();

    /// <summary>
    /// Shuts this silo down gracefully, as SIGTERM does: its hub clients reconnect elsewhere, its grains move. Audited.
    /// <paramref name="drainId"/> is the idempotency key; a silo that is already stopping answers without a second
    /// shutdown. Refused (<see cref="ClusterErrors.LastActiveSilo"/>) when no other silo is active.
    /// </summary>
    [Alias("Drain")]
    Task Drain(string adminId, string adminRole, Guid drainId);
}

[GenerateSerializer, Immutable, Alias("Kasse.Cluster.SiloLocalStatus")]
public sealed record SiloLocalStatus(
    [property: Id(0)] IReadOnlyDictionary<string, int> ConnectionsByHub,
    [property: Id(1)] bool Stopping);

/// <summary>The client connections this silo's gateway holds, per hub (implemented by the gateway).</summary>
public interface ILocalGatewayConnections
{
    IReadOnlyDictionary<string, int> ByHub { get; }
}

/// <summary>A refusal of a cluster operation by an admin; nothing was changed.</summary>
[GenerateSerializer, Alias("Kasse.Cluster.ClusterException")]
public sealed class ClusterException(string code, string message) : CodedException(code, message);

/// <summary>Error codes of the admin's cluster operations (HTTP problem <c>code</c>).</summary>
public static class ClusterErrors
{
    /// <summary>No silo of the cluster has this address.</summary>
    public const string SiloNotFound = "SILO_NOT_FOUND";

    /// <summary>Draining the only active silo would stop the whole service.</summary>
    public const string LastActiveSilo = "SILO_LAST_ACTIVE";
}
