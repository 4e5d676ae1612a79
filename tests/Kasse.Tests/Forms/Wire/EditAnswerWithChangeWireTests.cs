using Kasse.Forms;
using Kasse.Tests.Infrastructure;
using Microsoft.AspNetCore.SignalR.Client;
using static Kasse.Tests.Forms.Wire.CoBrowseSetup;

namespace Kasse.Tests.Forms.Wire;

/// <summary>
/// <c>answerWithChange</c> (docs/forms.md, "Editing as a client"): the editor's answer carries its change, the editing
/// connection is not pushed it, every other connection is; a client that does not ask gets the push as before.
/// </summary>
[Collection(FormsWireCollection.Name)]
public sealed class EditAnswerWithChangeWireTests(EmbeddedHostFixture fixture)
{
    [Fact]
    public async Task The_answer_carries_the_change_and_only_the_editing_connection_goes_without_its_push()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(fixture.Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        await using (var laptop = await FormClient.ConnectAsync(fixture.Host, CustomerHubPath, Insured))
        {
            await laptop.Connection.InvokeAsync<FormSessionSnapshot>("OpenForm", sessionId);

            var result = await insured.EditAsync(sessionId, "i-1", "ort", FormStates.Json("Kiel"), 0, answerWithChange: true);

            var change = Assert.IsType<FormViewChange>(result.Change);
            Assert.Equal((result.Seq, result.Seq - 1), (change.Seq, change.BaseSeq));
            Assert.Equal(FormStates.Json("Kiel"), Assert.Single(change.Fields, f => f.Path == "ort").Value);
            await agent.WaitForAsync(c => c.Changes.Any(x => x.Seq == result.Seq), "the change at the agent");
            await laptop.WaitForAsync(c => c.Changes.Any(x => x.Seq == result.Seq), "the change on the insured's other device");
            // The agent's next edit is pushed to the editing connection after anything sent before it (one connection's
            // pushes are in order), so by then the push of the insured's own edit would have come.
            var next = await agent.EditAsync(sessionId, "a-1", "kontoinhaberName", FormStates.Json("Anna Bergmann"), 0);
            await insured.WaitForAsync(c => c.Changes.Any(x => x.Seq == next.Seq), "the agent's edit at the insured");
            Assert.DoesNotContain(insured.Changes, x => x.Seq == result.Seq);
        }
    }

    [Fact]
    public async Task A_client_that_does_not_ask_gets_no_change_in_the_answer_and_its_own_push_as_before()
    {
        var (insured, agent, sessionId) = await SharedFormAsync(fixture.Host, FormNames.SepaMandate);
        await using (insured)
        await using (agent)
        {
            var result = await agent.EditAsync(sessionId, "a-1", "ort", FormStates.Json("Kiel"), 0);

            Assert.Null(result.Change);
            await agent.WaitForAsync(c => c.Changes.Any(x => x.Seq == result.Seq), "the agent's own push");
        }
    }
}
