using System.Net;
using System.Net.Http.Json;
using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Audit;
using Kasse.Grains.Campaigns.Nba;
using Kasse.Tests.Infrastructure;
using Microsoft.Extensions.DependencyInjection;

namespace Kasse.Tests.Campaigns.Nba;

/// <summary>Suggestions in the agent desktop's customer panel: audited, reserved under the policy, accept/reject back.</summary>
public sealed class AgentSuggestionTests(NbaHostFixture fixture) : IClassFixture<NbaHostFixture>
{
    private const string Juergen = "T012345678";

    [Fact]
    public async Task An_agent_gets_suggestions_the_read_is_audited_and_accept_reaches_the_learner()
    {
        var key = fixture.Pseudonyms.KeyOf(Juergen);
        fixture.Customers.Facts[key] = SimulatedCustomers.FactsOf(key, age: 45);
        using var agent = fixture.Host.CreateClient(await fixture.Host.SignInAsync("agent-mueller"));

        var decision = await agent.GetFromJsonAsync<NbaDecision>($"/api/agent/customers/{Juergen}/offers?decisionId={Guid.NewGuid()}", Json.Options);
        Assert.Equal(3, decision!.Offers.Count);
        Assert.All(decision.Offers, o => Assert.Equal(ContactSource.AgentSuggestion, fixture.Customers.Reserved[o.ContactId].Request.Source));

        var audit = await fixture.Host.Services.GetRequiredService<IAuditTrail>().ReadBySubjectAsync("customer", key, 10);
        var entry = Assert.Single(audit, a => a.Action == NbaGrain.SuggestionsRead);
        Assert.Equal("agent-mueller", entry.ActorId);

        var accepted = decision.Offers[0];
        using var response = await agent.PostAsJsonAsync($"/api/agent/customers/{Juergen}/offers/outcome",
            new NbaOutcome("agent-accept-1", decision.DecisionId, accepted.OfferId, ContactOutcome.Accept), Json.Options);
        Assert.Equal(HttpStatusCode.NoContent, response.StatusCode);
        Assert.True(fixture.Customers.Confirmed.ContainsKey(accepted.ContactId));
        var posterior = await fixture.Grains.GetGrain<IOfferLearnerGrain>(OfferLearnerGrain.KeyOf(accepted.OfferId, ContactChannel.AgentDesktop)).GetPosterior();
        Assert.Equal((1, 1), (posterior.Trials, posterior.Successes));
    }

    [Fact]
    public async Task Insured_persons_cannot_ask_for_agent_suggestions()
    {
        using var insured = fixture.Host.CreateClient(await fixture.Host.SignInAsync(Juergen));
        using var response = await insured.GetAsync($"/api/agent/customers/{Juergen}/offers");
        Assert.Equal(HttpStatusCode.Forbidden, response.StatusCode);
    }
}
