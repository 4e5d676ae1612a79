using Kasse.Campaigns;
using Kasse.Campaigns.Nba;
using Kasse.Grains.Audit;
using Orleans.Concurrency;

namespace Kasse.Grains.Campaigns.Nba;

/// <summary>The engine behind a grain call (stateless worker: one per core, next to the caller).</summary>
[StatelessWorker]
public sealed class NbaGrain(NextBestActionEngine engine, IAuditTrail audit, TimeProvider clock) : Grain, INbaGrain
{
    public const string SuggestionsRead = "nba.suggestions.read";

    public Task<NbaDecision> Decide(NbaRequest request) => engine.DecideAsync(request);

    public async Task<NbaDecision> SuggestForAgent(Guid decisionId, string customerKey, string agentId, string agentRole, int max)
    {
        if (string.IsNullOrWhiteSpace(agentId))
            throw new CampaignException(CampaignErrors.OfferInvalid, "the agent is needed");
        // The suggestions derive from the person's data: the access is audited before anything is read.
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), agentId, agentRole, SuggestionsRead, "customer", customerKey, customerKey));
        return await engine.DecideAsync(new NbaRequest(decisionId, customerKey, ContactChannel.AgentDesktop, ContactSource.AgentSuggestion, "agent-desktop", max));
    }

    public Task ReportOutcome(string customerKey, NbaOutcome outcome) => engine.ReportOutcomeAsync(customerKey, outcome);

    public Task Release(string customerKey, Guid decisionId, string offerId) => engine.ReleaseAsync(customerKey, decisionId, offerId);
}
