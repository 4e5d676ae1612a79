using Kasse.Forms;
using Kasse.Gateway;
using Kasse.Tests.Infrastructure;
using Kasse.Web.Realtime;
using Microsoft.Extensions.DependencyInjection;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// The gateway hands form deliveries to the addressed user's connections only, and a session's states to a connection
/// in ascending seq (a late, older state is left out).
/// </summary>
[Collection(FormsWireCollection.Name)]
public sealed class GatewayFormRoutingTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task A_form_state_reaches_only_the_addressed_user_and_never_an_older_one_after_a_newer()
    {
        var host = fixture.Host;
        await using var insured = await FormClient.ConnectAsync(host, CustomerHubPath, Insured);
        await using var agent = await FormClient.ConnectAsync(host, AgentHubPath, Agent);
        var gateway = host.Services.GetRequiredService<GatewayObserver>();
        var sessionId = Guid.NewGuid();

        // As when the batch with seq 3 is overtaken by the one with seq 5 (another silo's fan-out).
        await gateway.Deliver([State(sessionId, 5)]);
        await gateway.Deliver([State(sessionId, 3)]);
        await gateway.Deliver([
            State(sessionId, 6),
            new ClientDelivery([Insured], null, null, FormInvitation: new FormInvitation(sessionId, FormNames.SepaMandate, new LocalizedText("SEPA"), "Sabine Müller", FormOrigin.Chat, DateTimeOffset.UtcNow)),
            new ClientDelivery([Insured], null, null, FormPresence: new FormPresenceNotice(sessionId, [], DateTimeOffset.UtcNow))]);
        await insured.WaitForAsync(c => c.States.Any(s => s.Seq == 6) && c.Invitations.Count > 0 && c.PresenceNotices.Count > 0, "the insured's pushes");
        // A marker to the agent afterwards: the agent's connection is in order, so anything for it came before.
        await gateway.Deliver([new ClientDelivery([Agent], null, null, FormPresence: new FormPresenceNotice(sessionId, [], DateTimeOffset.UtcNow))]);
        await agent.WaitForAsync(c => c.PresenceNotices.Count > 0, "the agent's marker");

        Assert.Equal([5L, 6L], insured.States.Where(s => s.SessionId == sessionId).Select(s => s.Seq));
        Assert.Empty(agent.States);
        Assert.Empty(agent.Invitations);
    }

    private static ClientDelivery State(Guid sessionId, long seq) => new(
        [Insured], null, null,
        FormState: new FormViewState(
            sessionId, seq, FormNames.SepaMandate, 1, FormSessionStatus.Open, [], [], new FormAccess(FormAccessStatus.None, null, null, null),
            [], false, "FS-TEST", DateTimeOffset.UtcNow));
}
