using System.Text.Json;
using Kasse.Rules;

namespace Kasse.Grains.Rules;

/// <summary>One compiled version of a rule set: decides without recompiling, safe on any number of threads.</summary>
public abstract class RuleSetEngine(string name, int version, DecisionOutcome safeOutcome)
{
    public string Name { get; } = name;

    public int Version { get; } = version;

    public DecisionOutcome SafeOutcome { get; } = safeOutcome;

    /// <summary>Decides on an input given as JSON (dry runs, test cases, HTTP callers).</summary>
    public abstract RuleDecision DecideJson(JsonElement input, DateTimeOffset at);

    /// <summary>What evaluating the rules on <paramref name="input"/> once costs on this thread (reading the JSON excluded).</summary>
    public abstract RuleDecisionCost MeasureJson(JsonElement input);

    protected RuleDecision ToDecision(RuleSetResult result, DateTimeOffset at)
    {
        // A rule that throws makes the whole decision fall back to the declared safe side.
        var outcome = result.HasErrors ? DecisionOutcome.SafeFallback
            : result.AllSucceeded ? DecisionOutcome.Accepted
            : DecisionOutcome.Rejected;
        return new RuleDecision(
            Name, Version, outcome, result.SucceededRules.ToArray(), result.FailedRules.ToArray(), result.ErrorRules.ToArray(),
            result.SuccessEvents.ToArray(), result.ErrorMessages.ToArray(), at);
    }

    /// <summary>The outcome that applies: the decided one, or the safe outcome after a run-time error.</summary>
    public DecisionOutcome Effective(RuleDecision decision) =>
        decision.Outcome == DecisionOutcome.SafeFallback ? SafeOutcome : decision.Outcome;
}

/// <summary>A compiled version for input type <typeparamref name="TInput"/>.</summary>
public sealed class RuleSetEngine<TInput>(string name, int version, DecisionOutcome safeOutcome, CompiledRuleSet<TInput> rules)
    : RuleSetEngine(name, version, safeOutcome)
    where TInput : class
{
    public CompiledRuleSet<TInput> Rules { get; } = rules;

    public RuleDecision Decide(TInput input, DateTimeOffset at) => ToDecision(Rules.Evaluate(input), at);

    public override RuleDecision DecideJson(JsonElement input, DateTimeOffset at) => Decide(Read(input), at);

    public override RuleDecisionCost MeasureJson(JsonElement input)
    {
        var typed = Read(input);
        var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        Rules.Evaluate(typed);
        var elapsed = System.Diagnostics.Stopwatch.GetElapsedTime(started);
        return new RuleDecisionCost(elapsed, GC.GetAllocatedBytesForCurrentThread() - allocatedBefore);
    }

    private static TInput Read(JsonElement input)
    {
        TInput? typed;
        try
        {
            typed = input.Deserialize<TInput>(RuleSetDocument.JsonOptions);
        }
        catch (JsonException e)
        {
            throw new RuleSetException(RuleSetErrors.InvalidInput, $"Die Eingabe passt nicht zu {typeof(TInput).Name}: {e.Message}");
        }
        return typed ?? throw new RuleSetException(RuleSetErrors.InvalidInput, "Die Eingabe fehlt.");
    }
}
