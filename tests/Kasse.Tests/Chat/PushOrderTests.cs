using Kasse.Conversations;
using Kasse.Gateway;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Realtime;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Chat;

/// <summary>
/// A connection gets each conversation's pushes in ascending seq, also when batches reach the gateway out of order
/// (from two silos while a grain moves): a late event is left out, the client resumes the gap it saw.
/// </summary>
[Collection(EmbeddedHostCollection.Name)]
public sealed class PushOrderTests(EmbeddedHostFixture fixture)
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(15);

    [Fact]
    public async Task Batches_that_overtake_each_other_still_reach_a_connection_in_seq_order()
    {
        var host = fixture.Host;
        await using var insured = await new ChatClient(host.CreateHubConnection("/hubs/customer", await host.SignInAsync("A123456780"))).StartAsync();
        var id = Guid.NewGuid();
        await insured.Connection.InvokeAsync<ConversationView>("StartConversation", id, "Reihenfolge", null);
        var gateway = host.Services.GetRequiredService<GatewayObserver>();

        // As when the batch with seq 2 and 3 is overtaken by the one with seq 4 (another silo's fan-out).
        await gateway.Deliver([Delivery(id, 4)]);
        await gateway.Deliver([Delivery(id, 2), Delivery(id, 3)]);
        await gateway.Deliver([Delivery(id, 5)]);
        await insured.WaitForSeqAsync(id, 5, Wait);

        var pushed = insured.Pushes.Where(e => e.ConversationId == id).Select(e => e.Seq).ToArray();
        Assert.Equal(pushed.Order(), pushed);
        Assert.Equal(pushed.Distinct(), pushed);
        Assert.Equal([4L, 5L], pushed.Where(seq => seq > 1));
    }

    private static ClientDelivery Delivery(Guid id, long seq) => new(
        ["A123456780"],
        new ConversationEvent(id, seq, ConversationEventKind.Message, "agent-mueller", ParticipantRole.Agent, "Müller", $"o-{seq}", $"Nachricht {seq}", DateTimeOffset.UtcNow),
        null);
}
