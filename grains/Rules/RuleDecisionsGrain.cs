using Orleans.Concurrency;

namespace Kasse.Rules;

/// <summary>Reads the decision log; stateless, so every silo answers locally.</summary>
[StatelessWorker]
public sealed class RuleDecisionsGrain(IDecisionLog log) : Grain, IRuleDecisionsGrain
{
    public Task<IReadOnlyList<RuleDecision>> Read(string subjectType, string subjectId, int max) =>
        log.ReadAsync(subjectType, subjectId, Math.Clamp(max, 1, 1000));
}
