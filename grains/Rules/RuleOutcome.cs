namespace Kasse.Grains.Rules;

/// <summary>What one rule said about one input.</summary>
public enum RuleOutcome : byte
{
    /// <summary>Not evaluated (a default slot).</summary>
    None = 0,

    /// <summary>The expression was true: the rule fired.</summary>
    Succeeded = 1,

    /// <summary>The expression was false.</summary>
    Failed = 2,

    /// <summary>The expression threw; counts as failed (fail safe).</summary>
    Error = 3,
}
