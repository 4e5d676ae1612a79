namespace Kasse.Grains.Rules;

/// <summary>
/// What one decision may cost, checked on every test case when a version is validated or published (configuration
/// section <see cref="Section"/>). A published version decides on every silo for every case, so a rule set whose own
/// test cases are expensive is refused before it can slow every decision down.
/// </summary>
public sealed class RuleBudgetOptions
{
    public const string Section = "Rules:Budget";

    /// <summary>Bytes one decision may allocate; the shipped rule sets allocate a few hundred.</summary>
    public long MaxAllocatedBytesPerDecision { get; set; } = 1024 * 1024;

    /// <summary>Time one decision may take (the best of a few runs, so a busy machine does not refuse a cheap rule set).</summary>
    public TimeSpan MaxDurationPerDecision { get; set; } = TimeSpan.FromMilliseconds(100);
}
