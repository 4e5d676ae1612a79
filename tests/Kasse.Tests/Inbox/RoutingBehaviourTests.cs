using Kasse.Grains.Rules;
using Kasse.Inbox;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Inbox;

/// <summary>How routing treats single items and agents: order, expiry, decline, waiting for capacity, idempotent intake, e-mail threads.</summary>
public sealed class RoutingBehaviourTests(SingleSiloInboxFixture fixture) : IClassFixture<SingleSiloInboxFixture>
{
    private static readonly TimeSpan Timeout = TimeSpan.FromSeconds(20);
    private readonly IGrainFactory _grains = fixture.Inbox.Grains;
    private readonly string _skill = "skill-" + Guid.NewGuid().ToString("N")[..8];

    [Fact]
    public async Task Offer_nobody_answers_expires_and_moves_to_the_next_agent()
    {
        var first = await AvailableAgentAsync("first");
        var second = await AvailableAgentAsync("second");
        var item = await CreateAsync(WorkChannel.Chat);

        var offer = await first.OfferOfAsync(item, Timeout);
        Assert.Empty((await second.GetDesk()).Offers);

        // Nobody answers: after the offer timeout the item moves on, and the first agent's capacity is free again.
        await second.OfferOfAsync(item, Timeout);
        await first.UntilAsync(d => d.Offers.Count == 0 && d.Load == 0, Timeout, "the first agent's reservation released");
        var gone = await Assert.ThrowsAsync<InboxException>(() => first.Accept(offer.OfferId));
        Assert.Equal(InboxErrors.OfferGone, gone.Code);
    }

    [Fact]
    public async Task Declined_offer_goes_to_the_next_agent_and_frees_the_decliner()
    {
        var first = await AvailableAgentAsync("first");
        var second = await AvailableAgentAsync("second");
        var item = await CreateAsync(WorkChannel.Email);

        var offer = await first.OfferOfAsync(item, Timeout);
        await first.Decline(offer.OfferId);

        var next = await second.OfferOfAsync(item, Timeout);
        await second.Accept(next.OfferId);
        Assert.Equal(0, (await first.GetDesk()).Load);
        var view = await Item(item).GetView();
        Assert.Equal(WorkItemStatus.Assigned, view!.Status);
        Assert.Equal(second.GetPrimaryKeyString(), view.AgentId);
    }

    [Fact]
    public async Task Item_waits_while_nobody_has_capacity_and_is_offered_when_capacity_frees()
    {
        var agent = await AvailableAgentAsync("solo", new AgentCapacity(4, new Dictionary<WorkChannel, int> { [WorkChannel.Chat] = 4 }));
        var first = await CreateAsync(WorkChannel.Chat);
        await AcceptAsync(agent, first);

        var second = await CreateAsync(WorkChannel.Chat);
        var queue = _grains.GetGrain<IRoutingQueueGrain>("skill:" + _skill);
        Assert.Equal(1, (await queue.GetSnapshot()).Waiting);
        Assert.Equal(WorkItemStatus.Queued, (await Item(second).GetView())!.Status);
        Assert.Empty((await agent.GetDesk()).Offers);

        await agent.Complete(first);
        await agent.OfferOfAsync(second, Timeout);
        Assert.Equal(WorkItemStatus.Done, (await Item(first).GetView())!.Status);
    }

    [Fact]
    public async Task Higher_priority_is_offered_first_then_the_earlier_deadline()
    {
        var low = await CreateAsync(WorkChannel.Email, priority: 3);
        var urgentLate = await CreateAsync(WorkChannel.Email, priority: 1, deadline: DateTimeOffset.UtcNow.AddHours(2));
        var urgentEarly = await CreateAsync(WorkChannel.Email, priority: 1, deadline: DateTimeOffset.UtcNow.AddHours(1));

        // Room for exactly one e-mail: the order of offers is the order of the queue.
        var agent = await AvailableAgentAsync("one-at-a-time", new AgentCapacity(2, new Dictionary<WorkChannel, int> { [WorkChannel.Email] = 2 }));
        var order = new List<string>();
        for (var i = 0; i < 3; i++)
        {
            var offer = (await agent.UntilAsync(d => d.Offers.Count > 0, Timeout, "an offer")).Offers.Single();
            order.Add(offer.ItemId);
            await agent.Accept(offer.OfferId);
            await agent.Complete(offer.ItemId);
        }
        Assert.Equal([urgentEarly, urgentLate, low], order);
    }

    [Fact]
    public async Task Routing_rule_set_decides_priority_and_skills_and_the_channel_defaults_fill_the_rest()
    {
        var silo = fixture.Inbox.Cluster.GetSiloServiceProvider(fixture.Inbox.Cluster.Silos[0].SiloAddress);
        var active = silo.GetRequiredService<ActiveRuleSets>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.ContainsKey(RuleSetNames.RoutingPriority)), loaded => loaded, Timeout, "the shipped routing rule set active");

        // The shipped rules: chat is urgent (priority:1); the topic "sepa" needs the skill sepa.
        var chat = await Item(WorkItemKeys.External(WorkChannel.Chat, Guid.NewGuid().ToString("N"))).Create(
            new NewWorkItem(WorkChannel.Chat, null, "Frage", [_skill]));
        var mail = await Item(WorkItemKeys.External(WorkChannel.Email, Guid.NewGuid().ToString("N"))).Create(
            new NewWorkItem(WorkChannel.Email, null, "sepa", [_skill]));

        Assert.Equal(1, chat.Priority);
        Assert.Equal(chat.CreatedAt + TimeSpan.FromMinutes(2), chat.SlaDeadline);
        Assert.Equal(3, mail.Priority);
        Assert.Equal([_skill, "sepa"], mail.RequiredSkills);
        Assert.Equal(mail.CreatedAt + TimeSpan.FromDays(1), mail.SlaDeadline);
        Assert.Equal("skill:" + _skill, mail.Queue);
    }

    [Fact]
    public async Task Same_intake_twice_creates_one_item()
    {
        var id = WorkItemKeys.External(WorkChannel.WorkflowItem, "wf-" + Guid.NewGuid().ToString("N"));
        var request = new NewWorkItem(WorkChannel.WorkflowItem, null, "Adressänderung prüfen", [_skill]);

        var first = await Item(id).Create(request);
        var again = await Item(id).Create(request with { Topic = "Anderes Thema" });

        Assert.Equal((first.Id, first.Topic, first.CreatedAt), (again.Id, again.Topic, again.CreatedAt));
        var history = await fixture.Inbox.History.ReadItemAsync(id);
        Assert.Single(history, e => e.Kind == WorkItemEventKind.Created);
    }

    [Fact]
    public async Task Reply_mail_is_threaded_into_the_item_of_the_mail_it_answers()
    {
        var intake = _grains.GetGrain<IMailIntakeGrain>(0);
        var suffix = Guid.NewGuid().ToString("N");
        var question = Mail($"<q-{suffix}@example.org>", "Frage zum Krankengeld");
        var created = await intake.Receive("m1-" + suffix, question, []);
        Assert.False(created.Threaded);

        var reply = Mail($"<r-{suffix}@example.org>", "AW: Frage zum Krankengeld");
        var threaded = await intake.Receive("m2-" + suffix, reply, [$"<q-{suffix}@example.org>"]);
        Assert.True(threaded.Threaded);
        Assert.Equal(created.Item.Id, threaded.Item.Id);
        Assert.Equal(2, threaded.Item.MessageCount);

        // The same reply delivered again, and a reply to the reply, land in the same item; the duplicate is not added.
        var redelivered = await intake.Receive("m2-" + suffix, reply, [$"<q-{suffix}@example.org>"]);
        Assert.Equal(2, redelivered.Item.MessageCount);
        var second = await intake.Receive("m3-" + suffix, Mail($"<s-{suffix}@example.org>", "AW: AW: Frage"), [$"<r-{suffix}@example.org>", $"<q-{suffix}@example.org>"]);
        Assert.Equal(created.Item.Id, second.Item.Id);
        Assert.Equal(3, second.Item.MessageCount);
        Assert.Null(await _grains.GetGrain<IWorkItemGrain>(WorkItemKeys.External(WorkChannel.Email, "m2-" + suffix)).GetView());
    }

    private NewWorkItem Mail(string messageId, string subject) => new(
        WorkChannel.Email, null, subject, [_skill], FirstMessage: new WorkItemMessage(messageId, "versicherte@example.org", subject, "Text", DateTimeOffset.UtcNow));

    private IWorkItemGrain Item(string id) => _grains.GetGrain<IWorkItemGrain>(id);

    private async Task<IAgentDeskGrain> AvailableAgentAsync(string name, AgentCapacity? capacity = null)
    {
        var desk = _grains.GetGrain<IAgentDeskGrain>($"{name}-{Guid.NewGuid():N}");
        await desk.SetPresence(AgentPresence.Available, new AgentRoutingProfile(null, [_skill], capacity ?? AgentCapacity.Default));
        return desk;
    }

    private async Task<string> CreateAsync(WorkChannel channel, int? priority = null, DateTimeOffset? deadline = null)
    {
        var id = WorkItemKeys.External(channel, Guid.NewGuid().ToString("N"));
        await Item(id).Create(new NewWorkItem(channel, null, "Anliegen", [_skill], Priority: priority, SlaDeadline: deadline));
        return id;
    }

    /// <summary>Accepts the item's offer; an offer that expired under a slow machine is simply offered again.</summary>
    private static async Task AcceptAsync(IAgentDeskGrain desk, string itemId)
    {
        while (true)
        {
            var offer = await desk.OfferOfAsync(itemId, Timeout);
            try
            {
                await desk.Accept(offer.OfferId);
                return;
            }
            catch (InboxException e) when (e.Code == InboxErrors.OfferGone)
            {
            }
        }
    }
}
