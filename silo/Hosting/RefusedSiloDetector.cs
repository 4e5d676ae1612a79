using System.Net;
using System.Net.Sockets;
using Microsoft.Extensions.Options;

namespace Kasse.Silo.Hosting;

/// <summary>
/// Declares a silo dead as soon as its silo port refuses connections. A silo process that crashed (SIGKILL, OOM kill,
/// a fatal error) on a host that is still up leaves a closed port, and the host answers every connection attempt to it
/// with a reset at once. Orleans' probes meet the same refusal but act only after several probe periods (seconds), and
/// until then every call to a grain of that silo fails. A refusal is not a guess about slowness (nothing listens there
/// any more), so this one silo declares it (<see cref="IClusterMembershipService.TryKill"/>) without waiting for votes.
/// A host that is gone or a network that drops packets gives timeouts, not refusals: those stay with the probes and
/// votes of <c>Orleans:Membership</c>. See docs/operations.md, "Failover".
/// </summary>
public sealed partial class RefusedSiloDetector(
    IClusterMembershipService membership,
    ILocalSiloDetails localSilo,
    IOptions<RefusedSiloDetectionOptions> options,
    ILogger<RefusedSiloDetector> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (settings.Interval <= TimeSpan.Zero)
            return;
        using var timer = new PeriodicTimer(settings.Interval);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                var snapshot = membership.CurrentSnapshot;
                // Only an active member may judge others (a joining or stopping silo may see a half-built cluster).
                if (snapshot.GetSiloStatus(localSilo.SiloAddress) != SiloStatus.Active)
                    continue;
                var others = snapshot.Members.Values
                    .Where(m => m.Status == SiloStatus.Active && !m.SiloAddress.Equals(localSilo.SiloAddress))
                    .Select(m => m.SiloAddress);
                await Task.WhenAll(others.Select(silo => CheckAsync(silo, settings, stoppingToken)));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The silo stops.
        }
    }

    private async Task CheckAsync(SiloAddress silo, RefusedSiloDetectionOptions settings, CancellationToken ct)
    {
        try
        {
            if (!await RefusesAsync(silo.Endpoint, settings.ConnectTimeout, ct))
                return;
            // Once more after a pause and a fresh look at the table: a silo that shuts down gracefully closes its port
            // only after it has written ShuttingDown, so it is no longer Active here and is left alone.
            await Task.Delay(settings.ConfirmAfter, ct);
            await membership.Refresh(default, ct);
            if (membership.CurrentSnapshot.GetSiloStatus(silo) != SiloStatus.Active
                || !await RefusesAsync(silo.Endpoint, settings.ConnectTimeout, ct))
                return;
            LogDeclaringDead(logger, silo);
            await membership.TryKill(silo);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            // The table may be unreachable for a moment; the next tick tries again, and the probes go on meanwhile.
            LogCheckFailed(logger, silo, e.GetType().Name);
        }
    }

    /// <summary>True only for an active refusal (a reset): a timeout or an unreachable network says nothing here.</summary>
    private static async Task<bool> RefusesAsync(IPEndPoint endpoint, TimeSpan timeout, CancellationToken ct)
    {
        using var socket = new Socket(endpoint.AddressFamily, SocketType.Stream, ProtocolType.Tcp);
        // Closed with a reset rather than a FIN, so that the checks leave no TIME_WAIT sockets behind.
        socket.LingerState = new LingerOption(true, 0);
        using var attempt = CancellationTokenSource.CreateLinkedTokenSource(ct);
        attempt.CancelAfter(timeout);
        try
        {
            await socket.ConnectAsync(endpoint, attempt.Token);
            return false;
        }
        catch (SocketException e) when (e.SocketErrorCode == SocketError.ConnectionRefused)
        {
            return true;
        }
        catch (Exception e) when (e is SocketException || (e is OperationCanceledException && !ct.IsCancellationRequested))
        {
            return false;
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Silo {Silo} refuses connections on its silo port: declaring it dead")]
    private static partial void LogDeclaringDead(ILogger logger, SiloAddress silo);

    [LoggerMessage(Level = LogLevel.Information, Message = "Refusal check of silo {Silo} failed ({ExceptionType})")]
    private static partial void LogCheckFailed(ILogger logger, SiloAddress silo, string exceptionType);
}
