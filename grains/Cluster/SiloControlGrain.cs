using Kasse.Cluster;
using Kasse.Grains.Audit;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Cluster;

/// <inheritdoc cref="ISiloControlGrain"/>
[OnTargetSiloPlacement]
public sealed partial class SiloControlGrain(
    IHostApplicationLifetime lifetime,
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IAuditTrail audit,
    TimeProvider clock,
    IServiceProvider services,
    ILogger<SiloControlGrain> logger) : Grain, ISiloControlGrain
{
    public const string DrainAction = "silo-drain";
    public const string SubjectType = "silo";

    // Lives as long as the silo (the silo's own drain ends it); only a handful of drains ever reach one silo.
    private readonly HashSet<Guid> _drains = [];

    public override Task OnActivateAsync(CancellationToken cancellationToken) =>
        this.GetPrimaryKeyString() == localSilo.SiloAddress.ToParsableString()
            ? Task.CompletedTask
            : throw new InvalidOperationException("A silo control grain runs only on its own silo.");

    public Task<SiloLocalStatus> GetLocalStatus()
    {
        var connections = services.GetService<ILocalGatewayConnections>()?.ByHub ?? new Dictionary<string, int>();
        return Task.FromResult(new SiloLocalStatus(connections, lifetime.ApplicationStopping.IsCancellationRequested));
    }

    public async Task Drain(string adminId, string adminRole, Guid drainId)
    {
        if (_drains.Contains(drainId) || lifetime.ApplicationStopping.IsCancellationRequested)
            return;
        var others = membership.CurrentSnapshot.Members.Values
            .Count(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress));
        if (others == 0)
            throw new ClusterException(ClusterErrors.LastActiveSilo, "Das ist das einzige aktive Silo; es wird nicht heruntergefahren.");
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), adminId, adminRole, DrainAction, SubjectType, this.GetPrimaryKeyString(), InsuredId: null));
        _drains.Add(drainId);
        LogDraining(logger, localSilo.Name);
        // As SIGTERM does; off the grain's scheduler, whose silo is about to stop (the caller gets its answer first).
        _ = Task.Run(lifetime.StopApplication);
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} drained by an admin: shutting down gracefully")]
    private static partial void LogDraining(ILogger logger, string silo);
}
