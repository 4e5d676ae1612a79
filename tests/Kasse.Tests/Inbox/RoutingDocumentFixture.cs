using Kasse.Grains.Rules;
using Kasse.Rules;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Inbox;

/// <summary>
/// One in-memory silo with a published routing document (rule set <c>routing.workflow</c>) besides the shipped one:
/// complaints to a team, urgent topics to a team for 2 s and then the skill, regulars to their last agent for 15 s.
/// </summary>
public sealed class RoutingDocumentFixture : IAsyncLifetime
{
    public const string Document = """
        {
          "description": "Test: Beschwerden, Eiliges, Stammkunden",
          "safeOutcome": "Accepted",
          "workflow": {
            "WorkflowName": "routing.workflow",
            "Rules": [
              { "RuleName": "Beschwerde", "Expression": "input.IsComplaint", "SuccessEvent": "route:team:beschwerde" },
              { "RuleName": "Eilig", "Expression": "input.Topic == \"eilig\"", "SuccessEvent": "route:team:eilteam@2s > skill" },
              { "RuleName": "Stammkunde", "Expression": "input.HasCustomer && input.Topic == \"stamm\"", "SuccessEvent": "route:lastAgent@15s > skill" },
              { "RuleName": "Standard", "Expression": "true", "SuccessEvent": "route:team > skill > general" }
            ]
          },
          "testCases": []
        }
        """;

    private InboxCluster? _inbox;

    public InboxCluster Inbox => _inbox ?? throw new InvalidOperationException("cluster not started");

    public int Version { get; private set; }

    public async Task InitializeAsync()
    {
        _inbox = await InboxCluster.StartAsync(silos: 1, postgres: false, SingleSiloInboxFixture.OfferTimeout);
        var active = _inbox.Cluster.GetSiloServiceProvider(_inbox.Cluster.Silos[0].SiloAddress).GetRequiredService<ActiveRuleSets>();
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.ContainsKey(RuleSetNames.RoutingWorkflow)), loaded => loaded, TimeSpan.FromSeconds(30), "the shipped routing document active");
        var ruleSet = _inbox.Grains.GetGrain<IRuleSetGrain>(RuleSetNames.RoutingWorkflow);
        var draft = await ruleSet.CreateDraft(Document, "test", "Routing-Test");
        var published = await ruleSet.Publish(draft.Version, "test");
        Assert.True(published.Published, string.Join("; ", published.Problems.Select(p => p.Message)));
        Version = draft.Version;
        await Eventually.ReturnsAsync(
            () => Task.FromResult(active.Versions.GetValueOrDefault(RuleSetNames.RoutingWorkflow)), v => v == Version, TimeSpan.FromSeconds(30), "the test document active");
    }

    public async Task DisposeAsync()
    {
        if (_inbox is not null)
            await _inbox.DisposeAsync();
    }
}
