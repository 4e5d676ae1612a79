namespace Kasse.Grains.Rules;

/// <summary>Counts of one evaluation, without any allocation.</summary>
public readonly record struct RuleSetSummary(int Succeeded, int Failed, int Errors)
{
    /// <summary>Every rule fired: no rule was false and none threw.</summary>
    public bool AllSucceeded => Failed == 0 && Errors == 0;
}
