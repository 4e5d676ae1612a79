using Kasse.Inbox;
using Kasse.Tests.Infrastructure;

namespace Kasse.Tests.Inbox;

/// <summary>SLA deadlines: a warning before, an escalation at the deadline (priority up, flagged in the queue), durable across a lost activation.</summary>
public sealed class SlaEscalationTests(SingleSiloInboxFixture fixture) : IClassFixture<SingleSiloInboxFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(30);
    private readonly IGrainFactory _grains = fixture.Inbox.Grains;
    private readonly string _skill = "skill-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Item_past_its_sla_deadline_is_escalated_one_priority_step_and_its_queue_puts_it_ahead()
    {
        // Nobody serves the queue yet: both wait. The calm item is ahead at first (priority 2 before 3).
        var calm = await CreateAsync(priority: 2, DateTimeOffset.UtcNow.AddHours(1));
        var urgent = await CreateAsync(priority: 3, DateTimeOffset.UtcNow.AddSeconds(3));

        var escalated = await Eventually.ReturnsAsync(() => Item(urgent).GetView(), v => v!.Escalated, Timeout, "the escalation");

        Assert.Equal(2, escalated!.Priority);
        Assert.Equal(WorkItemStatus.Queued, escalated.Status);
        var kinds = (await fixture.Inbox.History.ReadItemAsync(urgent)).Select(e => e.Kind).ToList();
        Assert.True(kinds.IndexOf(WorkItemEventKind.SlaWarning) is >= 0 and var warned && warned < kinds.IndexOf(WorkItemEventKind.Escalated));
        var queue = _grains.GetGrain<IRoutingQueueGrain>("skill:" + _skill);
        var snapshot = await Eventually.ReturnsAsync(queue.GetSnapshot, s => s.Escalated == 1, Timeout, "the escalated item in the queue snapshot");
        Assert.Equal([urgent], snapshot.EscalatedItems);
        Assert.False((await Item(calm).GetView())!.Escalated);

        // Same priority now, earlier deadline: the escalated item is offered first.
        var agent = _grains.GetGrain<IAgentDeskGrain>($"agent-{Guid.NewGuid():N}");
        await agent.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, [_skill], new AgentCapacity(2, new Dictionary<WorkChannel, int> { [WorkChannel.Email] = 2 })));
        var first = (await agent.UntilAsync(d => d.Offers.Count > 0, Timeout, "an offer")).Offers.Single();
        Assert.Equal(urgent, first.ItemId);
    }

    [Fact]
    public async Task Item_an_agent_took_before_its_deadline_is_neither_warned_nor_escalated_when_the_deadline_passes()
    {
        var taken = await CreateAsync(priority: 3, DateTimeOffset.UtcNow.AddSeconds(10));
        var agent = _grains.GetGrain<IAgentDeskGrain>($"agent-{Guid.NewGuid():N}");
        await agent.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, [_skill], new AgentCapacity(2, new Dictionary<WorkChannel, int> { [WorkChannel.Email] = 2 })));
        var offer = (await agent.UntilAsync(d => d.Offers.Count > 0, Timeout, "an offer")).Offers.Single();
        Assert.Equal(taken, offer.ItemId);
        await agent.Accept(offer.OfferId);

        // A later deadline of an item nobody serves: once it has escalated, the taken item's deadline has long passed.
        var otherSkill = "skill-" + Guid.NewGuid().ToString("N")[..8];
        var witness = WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"));
        await Item(witness).Create(new NewWorkItem(WorkChannel.Email, null, "Anliegen", [otherSkill], Priority: 3, SlaDeadline: DateTimeOffset.UtcNow.AddSeconds(13)));
        await Eventually.ReturnsAsync(() => Item(witness).GetView(), v => v!.Escalated, Timeout, "the witness's escalation");

        var view = (await Item(taken).GetView())!;
        Assert.False(view.Escalated);
        Assert.Equal(3, view.Priority);
        var kinds = (await fixture.Inbox.History.ReadItemAsync(taken)).Select(e => e.Kind).ToList();
        Assert.DoesNotContain(WorkItemEventKind.SlaWarning, kinds);
        Assert.DoesNotContain(WorkItemEventKind.Escalated, kinds);
        await agent.Complete(taken);
    }

    private IWorkItemGrain Item(string id) => _grains.GetGrain<IWorkItemGrain>(id);

    private async Task<string> CreateAsync(int priority, DateTimeOffset deadline)
    {
        var id = WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"));
        await Item(id).Create(new NewWorkItem(WorkChannel.Email, null, "Anliegen", [_skill], Priority: priority, SlaDeadline: deadline));
        return id;
    }
}
