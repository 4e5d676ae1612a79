using System.Collections.Concurrent;
using Kasse.Inbox;
using Microsoft.AspNetCore.SignalR.Client;

namespace Kasse.Tests.Workspace;

/// <summary>An agent hub connection and every <c>desk</c> event it received; waits on the events, never by sleeping.</summary>
public sealed class DeskEvents : IAsyncDisposable
{
    private readonly ConcurrentQueue<AgentDeskView> _received = new();
    private readonly SemaphoreSlim _arrived = new(0);

    private DeskEvents(HubConnection connection)
    {
        Connection = connection;
        connection.On<AgentDeskView>("desk", desk =>
        {
            _received.Enqueue(desk);
            _arrived.Release();
        });
    }

    public HubConnection Connection { get; }

    public IReadOnlyCollection<AgentDeskView> Received => _received;

    public static async Task<DeskEvents> ConnectAsync(HubConnection connection)
    {
        var events = new DeskEvents(connection);
        await connection.StartAsync();
        return events;
    }

    /// <summary>The first desk event (received before or after the call) that satisfies <paramref name="condition"/>.</summary>
    public async Task<AgentDeskView> WaitForAsync(Func<AgentDeskView, bool> condition, TimeSpan timeout, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (true)
        {
            if (_received.FirstOrDefault(condition) is { } match)
                return match;
            var left = deadline - DateTime.UtcNow;
            if (left <= TimeSpan.Zero || !await _arrived.WaitAsync(left))
                throw new TimeoutException($"{what}: no desk event within {timeout} ({_received.Count} received)");
        }
    }

    /// <summary>Whether any desk event so far offered <paramref name="itemId"/>.</summary>
    public bool EverOffered(string itemId) => _received.Any(d => d.Offers.Any(o => o.ItemId == itemId));

    public async ValueTask DisposeAsync()
    {
        try
        {
            await Connection.InvokeAsync<AgentDeskView>("SetPresence", AgentPresence.Offline);
        }
        finally
        {
            await Connection.DisposeAsync();
            _arrived.Dispose();
        }
    }
}
