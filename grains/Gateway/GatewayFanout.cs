using System.Threading.Channels;
using Kasse.Gateway;
using Microsoft.Extensions.Logging;

namespace Kasse.Grains.Gateway;

/// <summary>
/// One per silo: gathers the deliveries its grains produce for a moment and sends each gateway host one batch.
/// Best effort by design — a lost batch costs nothing but latency, because clients resume by sequence number.
/// </summary>
public sealed partial class GatewayFanout : IAsyncDisposable
{
    private static readonly TimeSpan GatewayListRefresh = TimeSpan.FromSeconds(2);
    private const int MaxBatch = 1000;
    private readonly IGrainFactory _grains;
    private readonly IClusterMembershipService _membership;
    private readonly ILogger<GatewayFanout> _logger;
    private readonly Channel<ClientDelivery> _queue = Channel.CreateUnbounded<ClientDelivery>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Task _sender;
    private readonly Dictionary<string, KnownHost> _known = [];
    private IReadOnlyList<IGatewayObserver> _gateways = [];
    private DateTime _gatewaysFetchedAt = DateTime.MinValue;

    public GatewayFanout(IGrainFactory grains, IClusterMembershipService membership, ILogger<GatewayFanout> logger)
    {
        _grains = grains;
        _membership = membership;
        _logger = logger;
        _sender = Task.Run(SendLoopAsync);
    }

    public void Enqueue(ClientDelivery delivery) => _queue.Writer.TryWrite(delivery);

    /// <summary>Forget the cached gateway list (a host registered or left).</summary>
    public void Invalidate() => _gatewaysFetchedAt = DateTime.MinValue;

    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        await _sender;
    }

    private async Task SendLoopAsync()
    {
        var batch = new List<ClientDelivery>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync())
        {
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var delivery))
                batch.Add(delivery);
            try
            {
                var gateways = await GatewaysAsync();
                var copy = batch.ToArray();
                foreach (var gateway in gateways)
                    _ = gateway.Deliver(copy);
            }
            catch (Exception e)
            {
                // Best effort: the loop must outlive any failure, clients resume by sequence number.
                LogFanoutFailed(_logger, batch.Count, e);
                Invalidate();
            }
            batch.Clear();
        }
    }

    private async Task<IReadOnlyList<IGatewayObserver>> GatewaysAsync()
    {
        if (DateTime.UtcNow - _gatewaysFetchedAt <= GatewayListRefresh)
            return _gateways;
        try
        {
            var listed = await _grains.GetGrain<IGatewayRegistryGrain>(0).GetGateways().WaitAsync(RegistryTimeout);
            _gateways = Merge(listed, DateTime.UtcNow);
        }
        catch (Exception e) when (_gateways.Count > 0 && e is TimeoutException or OrleansException)
        {
            // The registry is briefly unreachable (its silo just died and membership has not said so yet): the hosts
            // known a moment ago still take deliveries (a dead one costs nothing, delivery is one-way), instead of
            // every push of this silo waiting for the call and then being dropped. The next round asks again.
            LogRegistryUnreachable(_logger, _gateways.Count, e.GetType().Name);
        }
        _gatewaysFetchedAt = DateTime.UtcNow;
        return _gateways;
    }

    /// <summary>
    /// The hosts the registry lists now, plus those it listed within <see cref="GatewayRegistryGrain.Expiry"/> whose
    /// silo membership does not call dead. A registry that was just re-activated on another silo (its own silo died)
    /// knows only the hosts that have re-registered since; without this, pushes in those seconds would skip live hosts
    /// and a client would miss them until its next reconnect.
    /// </summary>
    private IReadOnlyList<IGatewayObserver> Merge(IReadOnlyList<GatewayHost> listed, DateTime now)
    {
        foreach (var host in listed)
            _known[host.HostId] = new KnownHost(host, now);
        var snapshot = _membership.CurrentSnapshot;
        foreach (var (hostId, known) in _known.ToArray())
        {
            if (now - known.ListedAt > GatewayRegistryGrain.Expiry || snapshot.GetSiloStatus(known.Host.Silo) is SiloStatus.Dead)
                _known.Remove(hostId);
        }
        return _known.Values.Select(k => k.Host.Observer).ToArray();
    }

    private sealed record KnownHost(GatewayHost Host, DateTime ListedAt);

    /// <summary>How long a refresh of the gateway list may hold up the deliveries waiting behind it.</summary>
    private static readonly TimeSpan RegistryTimeout = TimeSpan.FromSeconds(2);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Gateway registry unreachable ({ExceptionType}); delivering to the {Count} gateway hosts known before")]
    private static partial void LogRegistryUnreachable(ILogger logger, int count, string exceptionType);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Fan-out of {Count} deliveries failed; clients will resume by sequence number")]
    private static partial void LogFanoutFailed(ILogger logger, int count, Exception exception);
}
