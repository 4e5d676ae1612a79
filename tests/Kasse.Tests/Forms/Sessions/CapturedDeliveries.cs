using System.Collections.Concurrent;
using Kasse.Forms;
using Kasse.Gateway;
using Kasse.Grains.Gateway;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Forms.Sessions;

/// <summary>
/// A gateway host of its own in the test: registered with the cluster's gateway registry like the real ones, it keeps
/// every delivery the grains fan out, so a test sees exactly what each user's connections would be sent.
/// </summary>
public sealed class CapturedDeliveries : IGatewayObserver, IAsyncDisposable
{
    private readonly ConcurrentQueue<ClientDelivery> _deliveries = new();
    private readonly IGrainFactory _grains;
    private readonly string _hostId = "test-capture-" + Guid.NewGuid().ToString("N");
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private Task _refresh = Task.CompletedTask;
    private IGatewayObserver? _reference;

    private CapturedDeliveries(IGrainFactory grains) => _grains = grains;

    /// <summary>Registers a capture and waits until the fan-out of the host delivers to it.</summary>
    public static async Task<CapturedDeliveries> StartAsync(KasseTestHost host)
    {
        var capture = new CapturedDeliveries(host.Services.GetRequiredService<IGrainFactory>());
        var silo = host.Services.GetRequiredService<ILocalSiloDetails>().SiloAddress;
        capture._reference = capture._grains.CreateObjectReference<IGatewayObserver>(capture);
        await capture.RegisterAsync(silo);
        capture._refresh = capture.RefreshAsync(silo);
        // The fan-out refreshes its list of gateways every few seconds: probe until this one is on it.
        var fanout = host.Services.GetRequiredService<GatewayFanout>();
        var probe = "probe-" + Guid.NewGuid().ToString("N");
        await Eventually.ReturnsAsync(
            () =>
            {
                fanout.Enqueue(new ClientDelivery([probe], null, null));
                return Task.FromResult(capture._deliveries.Any(d => d.UserIds.Contains(probe)));
            },
            seen => seen, TimeSpan.FromSeconds(20), "the capture receiving the fan-out");
        return capture;
    }

    public Task Deliver(IReadOnlyList<ClientDelivery> batch)
    {
        foreach (var delivery in batch)
            _deliveries.Enqueue(delivery);
        _arrived.Release();
        return Task.CompletedTask;
    }

    /// <summary>
    /// Every form state sent to <paramref name="userId"/> for the session, in the order sent: a whole state as it came,
    /// an edit's change applied to the state before it, as a client does (one that does not follow is left out).
    /// </summary>
    public IReadOnlyList<FormViewState> StatesFor(string userId, Guid sessionId)
    {
        var states = new List<FormViewState>();
        FormViewState? current = null;
        foreach (var delivery in _deliveries.Where(d => d.UserIds.Contains(userId)))
        {
            if (delivery.FormState?.SessionId == sessionId)
                current = delivery.FormState;
            else if (delivery.FormChange?.SessionId == sessionId && current is not null && delivery.FormChange.ApplyTo(current) is { } applied)
                current = applied;
            else
                continue;
            states.Add(current);
        }
        return states;
    }

    /// <summary>Every edit's change sent to <paramref name="userId"/> for the session, in the order sent.</summary>
    public IReadOnlyList<FormViewChange> ChangesFor(string userId, Guid sessionId) =>
        _deliveries.Where(d => d.FormChange?.SessionId == sessionId && d.UserIds.Contains(userId)).Select(d => d.FormChange!).ToArray();

    public IReadOnlyList<FormPresenceNotice> PresenceFor(string userId, Guid sessionId) =>
        _deliveries.Where(d => d.FormPresence?.SessionId == sessionId && d.UserIds.Contains(userId)).Select(d => d.FormPresence!).ToArray();

    public IReadOnlyList<FormInvitation> InvitationsFor(string userId, Guid sessionId) =>
        _deliveries.Where(d => d.FormInvitation?.SessionId == sessionId && d.UserIds.Contains(userId)).Select(d => d.FormInvitation!).ToArray();

    /// <summary>Every delivery of the session to the user, of any kind (to check that nothing secret is in any of them).</summary>
    public IReadOnlyList<ClientDelivery> AllFor(string userId, Guid sessionId) =>
        _deliveries.Where(d => d.UserIds.Contains(userId)
            && (d.FormState?.SessionId == sessionId || d.FormChange?.SessionId == sessionId || d.FormPresence?.SessionId == sessionId
                || d.FormInvitation?.SessionId == sessionId)).ToArray();

    /// <summary>Waits until the user has been sent a state of the session that <paramref name="accept"/> takes.</summary>
    public async Task<FormViewState> WaitForStateAsync(string userId, Guid sessionId, Func<FormViewState, bool> accept, string what)
    {
        var deadline = DateTime.UtcNow + TestTimeouts.ForEvent(TimeSpan.FromSeconds(10));
        while (true)
        {
            if (StatesFor(userId, sessionId).LastOrDefault(accept) is { } state)
                return state;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"{what} was not delivered to {userId}");
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        await _refresh;
        try
        {
            await _grains.GetGrain<IGatewayRegistryGrain>(0).Unregister(_hostId);
        }
        catch (Exception e) when (e is OrleansException or TimeoutException)
        {
            // The host may be stopping; its registry goes with it.
        }
        if (_reference is not null)
            _grains.DeleteObjectReference<IGatewayObserver>(_reference);
        _stop.Dispose();
    }

    private Task RegisterAsync(SiloAddress silo) => _grains.GetGrain<IGatewayRegistryGrain>(0).Register(_hostId, silo, _reference!);

    /// <summary>Registrations expire: refresh as the real hosts do.</summary>
    private async Task RefreshAsync(SiloAddress silo)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(5));
        try
        {
            while (await timer.WaitForNextTickAsync(_stop.Token))
                await RegisterAsync(silo);
        }
        catch (Exception e) when (e is OperationCanceledException or OrleansException or TimeoutException)
        {
            // Stopped, or the host is going.
        }
    }
}
