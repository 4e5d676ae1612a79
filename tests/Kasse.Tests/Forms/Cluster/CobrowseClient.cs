using System.Globalization;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Forms.Cluster;

/// <summary>
/// One participant of a form session on a cluster of silo processes, written as a real front end would: keeps the
/// state with the highest seq (pushed or fetched), remembers every seq in the order it arrived, sends each edit with
/// the base version it knows and a fresh operation id, and when its gateway dies or the cluster answers
/// <c>UNAVAILABLE</c>, reconnects (to another silo if its own is gone), fetches the state and retries the same edit.
/// </summary>
public sealed class CobrowseClient(string name, string hubPath, string token, SiloProcess[] silos, int home) : IAsyncDisposable
{
    private static readonly TimeSpan EditDeadline = TimeSpan.FromSeconds(90);
    private readonly Lock _gate = new();
    private readonly List<long> _seqs = [];
    private readonly SemaphoreSlim _arrived = new(0);
    private readonly Dictionary<string, long> _ownVersions = new(StringComparer.Ordinal);
    private FormViewState? _state;
    private int _current = home;
    private int _nextOperation;

    public HubConnection Connection { get; private set; } = null!;

    /// <summary>Every pushed seq this client got, in the order they arrived (fetched states are held, not listed).</summary>
    public IReadOnlyList<long> Seqs
    {
        get
        {
            lock (_gate)
                return [.. _seqs];
        }
    }

    public FormViewState? State
    {
        get
        {
            lock (_gate)
                return _state;
        }
    }

    /// <summary>How often this client moved to another silo or reconnected.</summary>
    public int Reconnects { get; private set; }

    /// <summary>Codes of the hub errors this client got and retried.</summary>
    public List<string> RetriedCodes { get; } = [];

    public async Task ConnectAsync()
    {
        Connection = HubConnections.Create(silos[_current].BaseAddress, hubPath, token);
        Connection.On<FormViewState>("formState", state => Receive(state, pushed: true));
        Connection.On<FormViewChange>("formChange", change => Receive(change));
        await Connection.StartAsync();
    }

    /// <summary>Moves this client to the gateway of <c>silos[index]</c> and fetches the state there.</summary>
    public async Task MoveToAsync(int index, Guid sessionId)
    {
        await Connection.DisposeAsync();
        _current = index;
        await ConnectAsync();
        await FetchAsync(sessionId);
    }

    /// <summary>The value of <paramref name="path"/> in the state held (JSON text), or null.</summary>
    public string? ValueOf(string path) => State?.Fields.FirstOrDefault(f => f.Path == path)?.Value;

    public async Task<FormViewState> FetchAsync(Guid sessionId)
    {
        var state = await Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
        Receive(state, pushed: false);
        return state;
    }

    /// <summary>
    /// Sets <paramref name="path"/> to the text <paramref name="text"/> and returns the field's version after it. A retry
    /// (after UNAVAILABLE or a reconnect) sends the same operation id and base version; its answer is Applied,
    /// Duplicate, or — when the first attempt was applied but its operation id was not remembered — Conflict showing
    /// this very value, which also means applied.
    /// </summary>
    public async Task<long> EditAsync(Guid sessionId, string path, string text)
    {
        var value = System.Text.Json.JsonSerializer.Serialize(text);
        var edit = new FormEdit(
            $"{name}-{Interlocked.Increment(ref _nextOperation).ToString(CultureInfo.InvariantCulture)}", path, value, KnownVersion(path));
        var deadline = DateTime.UtcNow + TestTimeouts.Scaled(EditDeadline);
        for (var attempt = 1; ; attempt++)
        {
            FormEditResult result;
            try
            {
                result = await Connection.InvokeAsync<FormEditResult>("EditForm", sessionId, edit);
            }
            catch (HubException e) when (e.Code() == "UNAVAILABLE" && DateTime.UtcNow < deadline)
            {
                RetriedCodes.Add(e.Code());
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)));
                if (!silos[_current].IsRunning)
                    await ReconnectAsync(sessionId);
                continue;
            }
            catch (Exception e) when (e is IOException or InvalidOperationException or TaskCanceledException or System.Net.WebSockets.WebSocketException
                && DateTime.UtcNow < deadline)
            {
                // The gateway died under the call (or the connection was already gone): reconnect, then the same edit again.
                await ReconnectAsync(sessionId);
                continue;
            }
            if (result.Status == FormEditStatus.Conflict && result.Field.Value != value)
                throw new InvalidOperationException($"{name}: edit {edit.OperationId} of {path} conflicted with {result.Field.Value} (v{result.Field.Version})");
            lock (_gate)
                _ownVersions[path] = Math.Max(_ownVersions.GetValueOrDefault(path), result.Field.Version);
            return result.Field.Version;
        }
    }

    /// <summary>Waits until the state held satisfies <paramref name="condition"/>, woken by every arriving state.</summary>
    public async Task WaitForAsync(Func<FormViewState, bool> condition, string what)
    {
        var timeout = TestTimeouts.ForEvent(TimeSpan.FromSeconds(30));
        using var cancel = new CancellationTokenSource(timeout);
        while (State is not { } state || !condition(state))
        {
            try
            {
                await _arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{name}: {what} did not happen within {timeout}; seq {State?.Seq}");
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }

    private long KnownVersion(string path)
    {
        lock (_gate)
        {
            var pushed = _state?.Fields.FirstOrDefault(f => f.Path == path)?.Version ?? 0;
            return Math.Max(pushed, _ownVersions.GetValueOrDefault(path));
        }
    }

    /// <summary>To a live silo (the same one if it still runs), then the current state, as after any reconnect.</summary>
    private async Task ReconnectAsync(Guid sessionId)
    {
        for (var attempt = 0; attempt < silos.Length * 10; attempt++)
        {
            if (!silos[_current].IsRunning)
                _current = (_current + 1) % silos.Length;
            if (!silos[_current].IsRunning)
                continue;
            try
            {
                await Connection.DisposeAsync();
                Reconnects++;
                await ConnectAsync();
                await FetchAsync(sessionId);
                return;
            }
            catch (Exception e) when (e is HttpRequestException or IOException or InvalidOperationException or HubException or System.Net.WebSockets.WebSocketException)
            {
                // Not reachable yet, or the session's grain is still moving: try again (the next silo if this one died).
                await Task.Delay(TimeSpan.FromMilliseconds(200));
            }
        }
        throw new InvalidOperationException($"{name}: no silo reachable");
    }

    /// <summary>An edit's change: applied to the state held when it follows it; otherwise the state is fetched (a gap).</summary>
    private void Receive(FormViewChange change)
    {
        lock (_gate)
        {
            _seqs.Add(change.Seq);
            var applied = _state is null || _state.Seq >= change.Seq ? _state : change.ApplyTo(_state);
            if (applied is not null)
            {
                _state = applied;
                _arrived.Release();
                return;
            }
        }
        _ = FetchAfterGapAsync(change.SessionId);
    }

    private async Task FetchAfterGapAsync(Guid sessionId)
    {
        try
        {
            await FetchAsync(sessionId);
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException or System.Net.WebSockets.WebSocketException)
        {
            // The connection is going: the reconnect fetches the state anyway.
        }
    }

    private void Receive(FormViewState state, bool pushed)
    {
        lock (_gate)
        {
            // A fetch's answer may be older than a push that overtook it on the wire (a client keeps the higher one);
            // the promise is about pushes: never an older one after a newer one, across reconnects too.
            if (pushed)
                _seqs.Add(state.Seq);
            if (_state is null || state.Seq >= _state.Seq)
                _state = state;
        }
        _arrived.Release();
    }
}
