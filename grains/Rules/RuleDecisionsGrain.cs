using Kasse.Grains.Audit;
using Kasse.Rules;
using Orleans.Concurrency;

namespace Kasse.Grains.Rules;

/// <summary>
/// Reads the decision log; stateless, so every silo answers locally. Decisions are about cases of insured persons, so
/// every read is in the audit trail first (§35 SGB I), like any other staff access to their data.
/// </summary>
[StatelessWorker]
public sealed class RuleDecisionsGrain(IDecisionLog log, IAuditTrail audit, TimeProvider clock) : Grain, IRuleDecisionsGrain
{
    public const string ReadAction = "rules.decisions.read";

    public async Task<IReadOnlyList<RuleDecision>> Read(string readerId, string readerRole, string subjectType, string subjectId, int max)
    {
        await audit.AppendAsync(new AuditEntry(clock.GetUtcNow(), readerId, readerRole, ReadAction, subjectType, subjectId, InsuredId: null));
        return await log.ReadAsync(subjectType, subjectId, Math.Clamp(max, 1, 1000));
    }
}
