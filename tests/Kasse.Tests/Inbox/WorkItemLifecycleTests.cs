using Kasse.Inbox;

namespace Kasse.Tests.Inbox;

/// <summary>Moving items on: transfer to a colleague or a team, hold and resume, a supervisor's reassignment, and the refusals.</summary>
public sealed class WorkItemLifecycleTests(SingleSiloInboxFixture fixture) : IClassFixture<SingleSiloInboxFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly IGrainFactory _grains = fixture.Inbox.Grains;
    private readonly string _skill = "skill-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Transfer_to_a_colleague_frees_the_agent_and_offers_the_item_to_that_colleague_only()
    {
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        await first.AcceptOfferOfAsync(item, Timeout);
        // The bystander has been idle longer than the colleague: without the reservation it would get the offer.
        var bystander = await AvailableAgentAsync("bystander");
        var colleague = await AvailableAgentAsync("colleague");

        var moved = await first.Transfer(item, new TransferRequest(Key(colleague), null, "Unterlagen liegen vor"));

        Assert.Equal(WorkItemStatus.Queued, moved.Status);
        Assert.Equal(Key(colleague), moved.ReservedFor);
        Assert.Null(moved.AgentId);
        Assert.Equal(0, (await first.GetDesk()).Load);
        var accepted = await colleague.AcceptOfferOfAsync(item, Timeout);
        Assert.Equal(Key(colleague), accepted.AgentId);
        Assert.Empty((await bystander.GetDesk()).Offers);
        var transferred = Assert.Single(await fixture.Inbox.History.ReadItemAsync(item), e => e.Kind == WorkItemEventKind.Transferred);
        Assert.Equal(Key(first), transferred.AgentId);
        Assert.Contains("Unterlagen liegen vor", transferred.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Transferred_item_the_colleague_declines_goes_back_to_its_queue_for_the_next_agent()
    {
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        await first.AcceptOfferOfAsync(item, Timeout);
        var colleague = await AvailableAgentAsync("colleague");
        await first.Transfer(item, new TransferRequest(Key(colleague), null, null));
        var other = await AvailableAgentAsync("other");

        await colleague.Decline((await colleague.OfferOfAsync(item, Timeout)).OfferId);

        var accepted = await other.AcceptOfferOfAsync(item, Timeout);
        Assert.Equal(Key(other), accepted.AgentId);
        Assert.Null(accepted.ReservedFor);
        Assert.Contains(await fixture.Inbox.History.ReadItemAsync(item), e => e.Kind == WorkItemEventKind.TargetTimedOut);
    }

    [Fact]
    public async Task Transfer_to_a_colleague_who_is_not_free_returns_the_item_to_its_queue_after_the_transfer_wait()
    {
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        await first.AcceptOfferOfAsync(item, Timeout);
        var away = await AvailableAgentAsync("away");
        await away.SetPresence(AgentPresence.Away, null);
        var other = await AvailableAgentAsync("other");

        var moved = await first.Transfer(item, new TransferRequest(Key(away), null, null));
        await other.AcceptOfferOfAsync(item, Timeout);

        var history = await fixture.Inbox.History.ReadItemAsync(item);
        var timedOut = Assert.Single(history, e => e.Kind == WorkItemEventKind.TargetTimedOut);
        Assert.True(timedOut.At - history.Single(e => e.Kind == WorkItemEventKind.Transferred).At >= InboxCluster.TransferWait - TimeSpan.FromMilliseconds(50));
        Assert.Equal(Key(away), moved.ReservedFor);
    }

    [Fact]
    public async Task Transfer_to_a_team_queues_the_item_for_that_team()
    {
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        await first.AcceptOfferOfAsync(item, Timeout);
        var member = await AvailableAgentAsync("member", team);

        var moved = await first.Transfer(item, new TransferRequest(null, team, "Bitte Beitragsteam"));

        Assert.Equal("team:" + team, moved.Queue);
        Assert.Equal(team, moved.Team);
        Assert.Equal(Key(member), (await member.AcceptOfferOfAsync(item, Timeout)).AgentId);
    }

    [Fact]
    public async Task Hold_and_resume_keep_the_item_and_its_capacity_with_the_agent()
    {
        var agent = await AvailableAgentAsync("agent");
        var item = await CreateAsync();
        await agent.AcceptOfferOfAsync(item, Timeout);
        var load = (await agent.GetDesk()).Load;

        var held = await Item(item).Hold(Key(agent));
        Assert.Equal(WorkItemStatus.OnHold, held.Status);
        Assert.Equal(WorkItemStatus.OnHold, (await Item(item).Hold(Key(agent))).Status);
        Assert.Equal(load, (await agent.GetDesk()).Load);
        Assert.Equal([item], (await agent.GetDesk()).AssignedItems);

        var resumed = await Item(item).Resume(Key(agent));
        Assert.Equal(WorkItemStatus.Assigned, resumed.Status);
        Assert.Equal(Key(agent), resumed.AgentId);
        var kinds = (await fixture.Inbox.History.ReadItemAsync(item)).Select(e => e.Kind).ToArray();
        Assert.Single(kinds, k => k == WorkItemEventKind.PutOnHold);
        Assert.Single(kinds, k => k == WorkItemEventKind.Resumed);
    }

    [Fact]
    public async Task Transfer_is_refused_when_not_yours_to_yourself_to_an_unknown_target_or_once_done()
    {
        var agent = await AvailableAgentAsync("agent");
        var item = await CreateAsync();
        await agent.AcceptOfferOfAsync(item, Timeout);
        var other = await AvailableAgentAsync("other");

        await AssertRefusedAsync(InboxErrors.NotAssigned, () => other.Transfer(item, new TransferRequest(Key(agent), null, null)));
        await AssertRefusedAsync(InboxErrors.NotAssigned, () => Item(item).Transfer(Key(other), new TransferRequest(Key(agent), null, null)));
        await AssertRefusedAsync(InboxErrors.NotAssigned, () => Item(item).Hold(Key(other)));
        await AssertRefusedAsync(InboxErrors.TransferToSelf, () => agent.Transfer(item, new TransferRequest(Key(agent), null, null)));
        await AssertRefusedAsync(InboxErrors.TargetUnknown, () => TransferTargets.EnsureKnownAsync(_grains, new TransferRequest("nobody-" + Guid.NewGuid(), null, null)));
        await AssertRefusedAsync(InboxErrors.TargetUnknown, () => TransferTargets.EnsureKnownAsync(_grains, new TransferRequest(null, "no-such-team-" + Guid.NewGuid(), null)));
        await AssertRefusedAsync(InboxErrors.Invalid, () => agent.Transfer(item, new TransferRequest(Key(other), "team", null)));

        await agent.Complete(item);
        await AssertRefusedAsync(InboxErrors.AlreadyDone, () => agent.Transfer(item, new TransferRequest(Key(other), null, null)));
        await AssertRefusedAsync(InboxErrors.AlreadyDone, () => Item(item).Reassign("supervisor", new TransferRequest(Key(other), null, null)));
    }

    [Fact]
    public async Task Supervisor_reassigns_an_assigned_item_and_the_agent_capacity_is_freed()
    {
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        await first.AcceptOfferOfAsync(item, Timeout);
        var second = await AvailableAgentAsync("second");

        await AssertRefusedAsync(InboxErrors.TransferToSelf, () => Item(item).Reassign("supervisor", new TransferRequest(Key(first), null, null)));
        var moved = await Item(item).Reassign("supervisor", new TransferRequest(Key(second), null, "Vertretung"));

        Assert.Equal(Key(second), moved.ReservedFor);
        await first.UntilAsync(d => d.Load == 0 && d.AssignedItems.Count == 0, Timeout, "the first agent's assignment released");
        Assert.Equal(Key(second), (await second.AcceptOfferOfAsync(item, Timeout)).AgentId);
        var reassigned = Assert.Single(await fixture.Inbox.History.ReadItemAsync(item), e => e.Kind == WorkItemEventKind.Reassigned);
        Assert.Equal(Key(first), reassigned.AgentId);
    }

    [Fact]
    public async Task Supervisor_reassigns_an_offered_item_and_the_offer_ends()
    {
        var first = await AvailableAgentAsync("first");
        var item = await CreateAsync();
        var offer = await first.OfferOfAsync(item, Timeout);
        var second = await AvailableAgentAsync("second");

        await Item(item).Reassign("supervisor", new TransferRequest(Key(second), null, null));

        await first.UntilAsync(d => d.Offers.Count == 0 && d.Load == 0, Timeout, "the first agent's offer withdrawn");
        await AssertRefusedAsync(InboxErrors.OfferGone, () => first.Accept(offer.OfferId));
        Assert.Equal(Key(second), (await second.AcceptOfferOfAsync(item, Timeout)).AgentId);
    }

    [Fact]
    public async Task Supervisor_reassigns_a_waiting_item_to_a_team()
    {
        var team = "team-" + Guid.NewGuid().ToString("N")[..8];
        var item = await CreateAsync();
        // The team exists (its member set a presence) but nobody is free: the item waits.
        var member = _grains.GetGrain<IAgentDeskGrain>($"member-{Guid.NewGuid():N}");
        await member.SetPresence(AgentPresence.Away, new AgentRoutingProfile(team, [_skill], AgentCapacity.Default));

        var moved = await Item(item).Reassign("supervisor", new TransferRequest(null, team, null));
        await member.SetPresence(AgentPresence.Available, null);

        Assert.Equal("team:" + team, moved.Queue);
        Assert.Equal(Key(member), (await member.AcceptOfferOfAsync(item, Timeout)).AgentId);
        Assert.Null(Assert.Single(await fixture.Inbox.History.ReadItemAsync(item), e => e.Kind == WorkItemEventKind.Reassigned).AgentId);
    }

    private static async Task AssertRefusedAsync(string code, Func<Task> call)
    {
        var refused = await Assert.ThrowsAsync<InboxException>(call);
        Assert.Equal(code, refused.Code);
    }

    private static string Key(IAgentDeskGrain desk) => desk.GetPrimaryKeyString();

    private IWorkItemGrain Item(string id) => _grains.GetGrain<IWorkItemGrain>(id);

    private async Task<IAgentDeskGrain> AvailableAgentAsync(string name, string? team = null)
    {
        var desk = _grains.GetGrain<IAgentDeskGrain>($"{name}-{Guid.NewGuid():N}");
        await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile(team, [_skill], AgentCapacity.Default));
        return desk;
    }

    private async Task<string> CreateAsync()
    {
        var id = WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"));
        await Item(id).Create(new NewWorkItem(WorkChannel.Email, null, "Anliegen", [_skill]));
        return id;
    }
}
