using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>
/// The append-only record of decisions taken by rule sets about a subject (a case, an inbox item, a campaign
/// contact): which rule set, which version, what it decided and which rules fired. Read by clerks and auditors.
/// </summary>
public interface IDecisionLog
{
    Task AppendAsync(string subjectType, string subjectId, RuleDecision decision);

    Task<IReadOnlyList<RuleDecision>> ReadAsync(string subjectType, string subjectId, int max);
}
