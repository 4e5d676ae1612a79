using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json.Serialization;
using Kasse.Conversations;
using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.Http.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// A real SignalR client of the forms protocol, as a front end writes it: keeps every pushed <c>formState</c>,
/// <c>formPresence</c>, <c>formInvitation</c> and chat event in arrival order, lets a test wait for a condition, and
/// records every raw frame its WebSocket received (for checks of what reached the wire at all).
/// </summary>
public sealed class FormClient : IAsyncDisposable
{
    private readonly ConcurrentQueue<FormViewState> _states = new();
    private readonly ConcurrentQueue<FormViewChange> _changes = new();
    private readonly ConcurrentQueue<FormPresenceNotice> _presence = new();
    private readonly ConcurrentQueue<FormInvitation> _invitations = new();
    private readonly ConcurrentQueue<ConversationEvent> _chat = new();
    private readonly ConcurrentQueue<RecordingWebSocket> _sockets = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private FormClient(Uri baseAddress, string hubPath, string token)
    {
        Connection = new HubConnectionBuilder()
            .WithUrl(new Uri(baseAddress, hubPath), options =>
            {
                options.Transports = HttpTransportType.WebSockets;
                options.SkipNegotiation = true;
                options.WebSocketFactory = async (context, cancellationToken) =>
                {
                    var socket = new ClientWebSocket();
                    socket.Options.SetRequestHeader("Authorization", $"Bearer {token}");
                    await socket.ConnectAsync(context.Uri, cancellationToken);
                    var recording = new RecordingWebSocket(socket);
                    _sockets.Enqueue(recording);
                    return recording;
                };
            })
            .AddJsonProtocol(o => o.PayloadSerializerOptions.Converters.Add(new JsonStringEnumConverter()))
            .Build();
        Connection.On<FormViewState>("formState", s => Arrived(_states, s));
        Connection.On<FormViewChange>("formChange", ChangeArrived);
        Connection.On<FormPresenceNotice>("formPresence", p => Arrived(_presence, p));
        Connection.On<FormInvitation>("formInvitation", i => Arrived(_invitations, i));
        Connection.On<ConversationEvent>("ConversationEvent", e => Arrived(_chat, e));
    }

    public HubConnection Connection { get; }

    /// <summary>Every pushed form state in arrival order.</summary>
    public IReadOnlyList<FormViewState> States => [.. _states];

    public IReadOnlyList<FormPresenceNotice> PresenceNotices => [.. _presence];

    public IReadOnlyList<FormInvitation> Invitations => [.. _invitations];

    public IReadOnlyList<ConversationEvent> ChatEvents => [.. _chat];

    /// <summary>Everything every WebSocket of this client received, as raw text.</summary>
    public string ReceivedFrames => string.Concat(_sockets.Select(s => s.ReceivedText));

    public static async Task<FormClient> ConnectAsync(KasseTestHost host, string hubPath, string userId)
    {
        var client = new FormClient(host.BaseAddress, hubPath, await host.SignInAsync(userId));
        await client.Connection.StartAsync();
        return client;
    }

    /// <summary>The pushed state of the session with the highest seq, or null.</summary>
    public FormViewState? Latest(Guid sessionId) =>
        _states.Where(s => s.SessionId == sessionId).MaxBy(s => s.Seq);

    public Task<FormEditResult> EditAsync(
        Guid sessionId, string operationId, string path, string? valueJson, long baseVersion, FormEditKind kind = FormEditKind.Set, bool answerWithChange = false) =>
        Connection.InvokeAsync<FormEditResult>("EditForm", sessionId, new FormEdit(operationId, path, valueJson, baseVersion, kind, answerWithChange));

    public async Task WaitForAsync(Func<FormClient, bool> condition, string what)
    {
        var timeout = TestTimeouts.ForEvent(TimeSpan.FromSeconds(15));
        using var cancel = new CancellationTokenSource(timeout);
        while (!condition(this))
        {
            try
            {
                await _arrived.WaitAsync(cancel.Token);
            }
            catch (OperationCanceledException)
            {
                throw new TimeoutException($"{what} did not happen within {timeout}");
            }
        }
    }

    /// <summary>Waits until a pushed state of the session fulfils <paramref name="condition"/>, and returns it.</summary>
    public async Task<FormViewState> WaitForStateAsync(Guid sessionId, Func<FormViewState, bool> condition, string what)
    {
        await WaitForAsync(c => c._states.Any(s => s.SessionId == sessionId && condition(s)), what);
        return _states.Last(s => s.SessionId == sessionId && condition(s));
    }

    /// <summary>Every pushed edit change in arrival order (each also lands in <see cref="States"/>, applied).</summary>
    public IReadOnlyList<FormViewChange> Changes => [.. _changes];

    /// <summary>
    /// An edit's change applies to the state it follows (kept as one more state, as a client shows it); one that does not
    /// follow the latest state held makes the client fetch the state, as docs/forms.md says.
    /// </summary>
    private void ChangeArrived(FormViewChange change)
    {
        _changes.Enqueue(change);
        var latest = Latest(change.SessionId);
        if (latest is not null && latest.Seq >= change.Seq)
            _arrived.Release();
        else if (latest is not null && change.ApplyTo(latest) is { } applied)
            Arrived(_states, applied);
        else
            _ = FetchAfterGapAsync(change.SessionId);
    }

    private async Task FetchAfterGapAsync(Guid sessionId)
    {
        try
        {
            Arrived(_states, await Connection.InvokeAsync<FormViewState>("GetFormState", sessionId));
        }
        catch (Exception e) when (e is HubException or InvalidOperationException or IOException)
        {
            // The connection is going, or access ended: the test sees what it has.
        }
    }

    private void Arrived<T>(ConcurrentQueue<T> queue, T item)
    {
        queue.Enqueue(item);
        _arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}
