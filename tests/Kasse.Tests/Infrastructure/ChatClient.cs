using System.Collections.Concurrent;
using Kasse.Conversations;
using Kasse.Gateway;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Infrastructure;

/// <summary>
/// A hub client as a real front end would write it: keeps every conversation event by seq (so duplicates collapse),
/// lets a test wait for a seq to arrive, and retries a send refused as <c>UNAVAILABLE</c> with the same client message id.
/// </summary>
public sealed class ChatClient : IAsyncDisposable
{
    private readonly ConcurrentDictionary<(Guid, long), ConversationEvent> _events = new();
    private readonly ConcurrentQueue<ConversationEvent> _pushes = new();
    private readonly ConcurrentQueue<TypingNotice> _typing = new();
    private readonly SemaphoreSlim _arrived = new(0);
    private int _deliveries;

    public ChatClient(HubConnection connection)
    {
        Connection = Attach(connection);
    }

    public HubConnection Connection { get; private set; }

    /// <summary>Moves to another gateway (its silo died), keeping every event received so far.</summary>
    public async Task SwitchToAsync(HubConnection connection)
    {
        await Connection.DisposeAsync();
        Connection = Attach(connection);
        await Connection.StartAsync();
    }

    private HubConnection Attach(HubConnection connection)
    {
        connection.On<ConversationEvent>("ConversationEvent", e => Receive(e, live: true));
        connection.On<TypingNotice>("Typing", t =>
        {
            _typing.Enqueue(t);
            _arrived.Release();
        });
        return connection;
    }

    /// <summary>How many live events arrived in total, duplicates included.</summary>
    public int Deliveries => _deliveries;

    /// <summary>Every live event (push) in the order it arrived, duplicates included.</summary>
    public IReadOnlyCollection<ConversationEvent> Pushes => _pushes;

    public IReadOnlyCollection<TypingNotice> TypingNotices => _typing;

    public IReadOnlyList<ConversationEvent> Events(Guid conversationId) =>
        _events.Values.Where(e => e.ConversationId == conversationId).OrderBy(e => e.Seq).ToArray();

    public async Task<ChatClient> StartAsync()
    {
        await Connection.StartAsync();
        return this;
    }

    /// <summary>
    /// Sends a message as the product's clients do: the ack carries the stored event (the push skips this connection),
    /// and a refusal coded <c>UNAVAILABLE</c> (the cluster is moving work after a failure) is retried after a short
    /// pause with the same client message id, which the server stores once.
    /// </summary>
    public async Task<PostAck> SendAsync(Guid conversationId, string clientMessageId, string text)
    {
        var deadline = DateTime.UtcNow + UnavailableRetryBudget;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var ack = await Connection.InvokeAsync<PostAck>("SendMessage", conversationId, clientMessageId, text);
                if (ack.Event is { } e)
                    Receive(e, live: false);
                return ack;
            }
            catch (HubException e) when (e.Code() == "UNAVAILABLE" && DateTime.UtcNow < deadline)
            {
                UnavailableRetries++;
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(100 * attempt, 1000)));
            }
        }
    }

    /// <summary>How long <see cref="SendAsync"/> keeps retrying <c>UNAVAILABLE</c> before it lets the caller see it.</summary>
    public static TimeSpan UnavailableRetryBudget { get; } = TimeSpan.FromSeconds(20);

    /// <summary>How many sends were answered <c>UNAVAILABLE</c> and retried.</summary>
    public int UnavailableRetries { get; private set; }

    /// <summary>
    /// Fetches what was missed, as a reconnecting client does: from the end of the gap-free prefix it holds, so a
    /// live event that overtook a lost one does not hide the gap.
    /// </summary>
    public async Task ResumeAsync(Guid conversationId)
    {
        long last = 0;
        while (_events.ContainsKey((conversationId, last + 1)))
            last++;
        IReadOnlyList<ConversationEvent> page;
        do
        {
            page = await Connection.InvokeAsync<IReadOnlyList<ConversationEvent>>("Resume", conversationId, last);
            foreach (var e in page)
            {
                _events.TryAdd((e.ConversationId, e.Seq), e);
                last = e.Seq;
            }
        }
        while (page.Count > 0);
    }

    public async Task WaitForAsync(Func<ChatClient, bool> condition, TimeSpan timeout, string what)
    {
        timeout = TestTimeouts.ForEvent(timeout);
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

    public Task WaitForSeqAsync(Guid conversationId, long seq, TimeSpan timeout) =>
        WaitForAsync(c => c._events.ContainsKey((conversationId, seq)), timeout, $"event {seq} of {conversationId}");

    private void Receive(ConversationEvent e, bool live)
    {
        if (live)
        {
            Interlocked.Increment(ref _deliveries);
            _pushes.Enqueue(e);
        }
        _events.TryAdd((e.ConversationId, e.Seq), e);
        _arrived.Release();
    }

    public async ValueTask DisposeAsync()
    {
        await Connection.DisposeAsync();
        _arrived.Dispose();
    }
}
