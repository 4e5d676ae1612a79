using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>A field marked sensitive (the IBAN of the SEPA mandate) never travels to the agent, on any frame.</summary>
[Collection(FormsWireCollection.Name)]
public sealed class SensitiveFieldWireTests(EmbeddedHostFixture fixture)
{
    private const string Iban = "DE89 3704 0044 0532 0130 00";
    private KasseTestHost Host => fixture.Host;

    [Fact]
    public async Task The_iban_of_the_sepa_mandate_never_reaches_a_frame_the_agents_connection_receives()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        {
            await agent.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);
            var typed = await insured.EditAsync(sessionId, "iban-1", "iban", FormStates.Json(Iban), 0);
            var agentEdit = await agent.EditAsync(sessionId, "a-1", "kontoinhaberName", FormStates.Json("Anna Bergmann"), 0);
            await agent.WaitForStateAsync(sessionId, s => s.Seq >= Math.Max(typed.Seq, agentEdit.Seq), "the agent's state after both edits");
            var atAgent = await agent.Connection.InvokeAsync<FormViewState>("GetFormState", sessionId);
            await agent.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);
            await agent.Connection.InvokeAsync("FocusForm", sessionId, "bankverbindung", "iban");
            var touch = await Assert.ThrowsAsync<HubException>(() => agent.EditAsync(sessionId, "a-2", "iban", FormStates.Json("DE02120300000000202051"), 1));
            var atInsured = await insured.WaitForStateAsync(sessionId, s => s.Seq >= agentEdit.Seq, "the insured's state");

            // The check means something: the insured's own frames carry the IBAN.
            Assert.NotNull(atInsured.ValueOf("iban"));
            Assert.Contains("0532013000", insured.ReceivedFrames.Replace(" ", "", StringComparison.Ordinal), StringComparison.Ordinal);
            Assert.Equal(FormErrors.FieldSensitive, touch.Code());
            Assert.True(atAgent.Field("iban").Masked);
            Assert.Null(atAgent.ValueOf("iban"));
            var frames = agent.ReceivedFrames;
            Assert.Contains("formState", frames, StringComparison.Ordinal);
            // The insured's IBAN edit reached the agent as a change (masked), the check covers that frame too.
            Assert.Contains("formChange", frames, StringComparison.Ordinal);
            Assert.Contains("Anna Bergmann", frames, StringComparison.Ordinal);
            // With or without the spaces it was typed with, in whole or as bank code or account number.
            var compact = frames.Replace(" ", "", StringComparison.Ordinal);
            foreach (var part in new[] { "DE89", "37040044", "0532013000" })
                Assert.DoesNotContain(part, compact, StringComparison.Ordinal);
        }
    }
}
