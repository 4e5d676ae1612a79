using Kasse.Conversations;
using Kasse.Gateway;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Hubs;
using Kasse.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Kasse.Tests.Chat;

/// <summary>
/// A connection that stops reading is closed once more pushes wait for it than <see cref="SlowReaderOptions"/> allows,
/// instead of holding up the user's other connections or growing its backlog; it resumes by seq after reconnecting.
/// </summary>
public sealed class SlowReaderTests : IAsyncLifetime
{
    private const string Insured = "A123456780";
    private const int MaxPendingPushes = 16;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(30);

    private readonly CapturingLoggerProvider _logs = new();
    private KasseTestHost _host = null!;

    public async Task InitializeAsync() =>
        _host = await KasseTestHost.StartAsync(
            settings: new Dictionary<string, string>
            {
                [$"{SlowReaderOptions.Section}:{nameof(SlowReaderOptions.MaxPendingPushes)}"] = $"{MaxPendingPushes}",
                ["Logging:LogLevel:Kasse.Web.Realtime"] = "Information",
            },
            configure: builder => builder.Logging.AddProvider(_logs));

    public async Task DisposeAsync() => await _host.DisposeAsync();

    [Fact]
    public async Task A_connection_that_stops_reading_is_closed_while_the_users_other_connection_gets_everything_and_it_resumes_after()
    {
        var token = await _host.SignInAsync(Insured);
        await using var normal = await new ChatClient(_host.CreateHubConnection("/hubs/customer", token)).StartAsync();
        await using var slow = new ChatClient(_host.CreateHubConnection("/hubs/customer", token));
        var closed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        slow.Connection.Closed += _ =>
        {
            closed.TrySetResult();
            return Task.CompletedTask;
        };
        // The slow client's handler blocks on the first event of the flood: its receive loop stops reading, so the
        // socket's buffers fill up and the gateway's pushes to it start to wait. Its keep-alive pings go on.
        using var reading = new ManualResetEventSlim(false);
        var floodId = Guid.NewGuid();
        slow.Connection.On<ConversationEvent>("ConversationEvent", e =>
        {
            if (e.ConversationId == floodId)
                reading.Wait();
        });
        await slow.StartAsync();

        var chatId = Guid.NewGuid();
        await normal.Connection.InvokeAsync<ConversationView>("StartConversation", chatId, "Beiträge", null);
        await normal.SendAsync(chatId, "m-1", "Vor der Flut");
        await slow.WaitForSeqAsync(chatId, 2, Wait);

        // The flood goes on, paced by the normal connection (which reads), until the slow one's socket buffers are
        // full and more than the limit of pushes wait for it: then the gateway closes it. Not a time-out: its pings go on.
        var gateway = _host.Services.GetRequiredService<GatewayObserver>();
        var connections = _host.Services.GetRequiredService<UserConnections<CustomerHub>>();
        var text = new string('x', 16 * 1024);
        const int batch = 10, maxFlood = 4000;
        var flood = 0;
        while (!_logs.Lines.Any(l => l.Contains("SLOW_READER", StringComparison.Ordinal)))
        {
            Assert.True(flood < maxFlood, $"the slow connection was still open after {flood} pushes");
            // Bounded: before the fix a delivery awaited every push, so the slow client held up the host's deliveries for good.
            await gateway.Deliver([.. Enumerable.Range(flood + 1, batch).Select(s => Flood(floodId, s, text))]).WaitAsync(TestTimeouts.ForEvent(Wait));
            flood += batch;
            await normal.WaitForSeqAsync(floodId, flood, Wait);
        }

        // The other connection of the same user got every event, in order, while the slow one did not read.
        Assert.Equal(Enumerable.Range(1, flood).Select(s => (long)s), normal.Pushes.Where(e => e.ConversationId == floodId).Select(e => e.Seq));
        Assert.Equal(HubConnectionState.Connected, normal.Connection.State);
        // The slow connection is gone from the gateway; the normal one stays.
        await Eventually.ReturnsAsync(() => Task.FromResult(connections.Of(Insured).Length), n => n == 1, Wait, "closing the slow connection");

        // The conversation goes on while the slow client is away.
        for (var i = 2; i <= 5; i++)
            await normal.SendAsync(chatId, $"m-{i}", $"Nachricht {i}");

        // The client reads again, finds its connection gone, reconnects and resumes by seq.
        reading.Set();
        await closed.Task.WaitAsync(TestTimeouts.ForEvent(Wait));
        await slow.Connection.StartAsync();
        await slow.ResumeAsync(chatId);

        var expected = normal.Events(chatId).Select(e => e.Seq).ToArray();
        Assert.Equal(Enumerable.Range(1, expected.Length).Select(s => (long)s), expected);
        Assert.Equal(expected, slow.Events(chatId).Select(e => e.Seq));
        var slowPushes = slow.Pushes.Where(e => e.ConversationId == chatId).Select(e => e.Seq).ToArray();
        Assert.Equal(slowPushes.Distinct(), slowPushes);
    }

    private static ClientDelivery Flood(Guid id, long seq, string text) => new(
        [Insured],
        new ConversationEvent(id, seq, ConversationEventKind.Message, "agent-mueller", ParticipantRole.Agent, "Müller", $"f-{seq}", text, DateTimeOffset.UtcNow),
        null);
}
