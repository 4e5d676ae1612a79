using Kasse.Inbox;
using Kasse.Rules;

namespace Kasse.Tests.Inbox;

/// <summary>Routing documents: filters choose the route, the item moves on when a target's time runs out, the last agent comes first, the version is kept.</summary>
public sealed class RoutingDocumentTests(RoutingDocumentFixture fixture) : IClassFixture<RoutingDocumentFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly IGrainFactory _grains = fixture.Inbox.Grains;
    private readonly string _skill = "skill-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Filter_on_the_item_selects_its_route_and_the_document_version_is_recorded()
    {
        var complaint = await CreateAsync("Ärger mit der Erstattung", isComplaint: true);
        var plain = await CreateAsync("Frage");

        Assert.Equal("team:beschwerde", complaint.Queue);
        Assert.Equal("skill:" + _skill, plain.Queue);
        Assert.Equal(fixture.Version, complaint.RoutingVersion);
        Assert.Equal(fixture.Version, plain.RoutingVersion);
        var created = (await fixture.Inbox.History.ReadItemAsync(complaint.Id)).Single(e => e.Kind == WorkItemEventKind.Created);
        Assert.Contains($"\"routingVersion\":{fixture.Version}", created.Detail, StringComparison.Ordinal);
        Assert.Contains("route:team:beschwerde", created.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Item_moves_to_the_next_target_when_the_time_of_its_target_runs_out()
    {
        var agent = await AvailableAgentAsync("skilled");
        var item = await CreateAsync("eilig");
        Assert.Equal("team:eilteam", item.Queue);

        var offer = await agent.OfferOfAsync(item.Id, Timeout);

        var history = await fixture.Inbox.History.ReadItemAsync(item.Id);
        var moved = history.Single(e => e.Kind == WorkItemEventKind.TargetTimedOut);
        Assert.True(moved.At - item.CreatedAt >= TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(50));
        Assert.True(offer.ExpiresAt > moved.At);
        Assert.Equal("skill:" + _skill, (await _grains.GetGrain<IWorkItemGrain>(item.Id).GetView())!.Queue);
    }

    [Fact]
    public async Task Last_agent_of_the_customer_gets_the_next_item_first_even_when_a_colleague_is_idle_longer()
    {
        var customer = "c-" + Guid.NewGuid().ToString("N");
        var regular = await AvailableAgentAsync("regular");
        var first = await CreateAsync("Frage", customer: customer);
        await regular.AcceptOfferOfAsync(first.Id, Timeout);
        // The colleague becomes available before the regular agent is free again: idle longest, it would be next.
        var colleague = await AvailableAgentAsync("colleague");
        await regular.Complete(first.Id);

        var second = await CreateAsync("stamm", customer: customer);

        Assert.Equal(regular.GetPrimaryKeyString(), second.ReservedFor);
        await regular.OfferOfAsync(second.Id, Timeout);
        Assert.Empty((await colleague.GetDesk()).Offers);
    }

    [Fact]
    public async Task Route_that_does_not_parse_is_refused_naming_its_rule()
    {
        var broken = RoutingDocumentFixture.Document.Replace("route:team:eilteam@2s > skill", "route:team:eilteam@2x > skill", StringComparison.Ordinal);
        var ruleSet = _grains.GetGrain<IRuleSetGrain>(RuleSetNames.RoutingWorkflow);
        var draft = await ruleSet.CreateDraft(broken, "test", "kaputt");

        var problems = await ruleSet.Validate(draft.Version);

        var problem = Assert.Single(problems);
        Assert.Equal("Eilig", problem.RuleName);
        Assert.Contains("Wartezeit", problem.Message, StringComparison.Ordinal);
        Assert.False((await ruleSet.Publish(draft.Version, "test")).Published);
    }

    private async Task<IAgentDeskGrain> AvailableAgentAsync(string name)
    {
        var desk = _grains.GetGrain<IAgentDeskGrain>($"{name}-{Guid.NewGuid():N}");
        await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, [_skill], AgentCapacity.Default));
        return desk;
    }

    private Task<WorkItemView> CreateAsync(string topic, bool isComplaint = false, string? customer = null) =>
        _grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N")))
            .Create(new NewWorkItem(WorkChannel.Email, customer, topic, [_skill], IsComplaint: isComplaint));
}
